"""Language choice: Chinese first, English when the user picks it.

Web pages ignore the browser's Accept-Language (a regulator's office PC often says en-US while its
user reads Chinese); the language switch's cookie decides, and without it the page is zh-hans.
API clients do set Accept-Language on purpose, so under /api/ Django's usual negotiation applies.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
