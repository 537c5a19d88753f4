"""Parameters read once per request: a page that shows many duties (the project page, a desk) reads each
division's overrides once (``preloaded``) instead of once per parameter. A request lives seconds, so an
override a regulator saves is in force from the next request on."""

from wuye.compliance.parameters import preloaded


class ParametersPerRequest:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with preloaded():
            return self.get_response(request)
