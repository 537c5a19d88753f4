"""API tokens: DRF's obtain-token endpoint, with django-axes counting failures and locking out."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response


@extend_schema(
    tags=[gettext_lazy("认证")],
    auth=[],
    responses={
        200: AuthTokenSerializer,
        400: OpenApiResponse(description=gettext_lazy("用户名或密码错误")),
        429: OpenApiResponse(description=gettext_lazy("密码连续输错次数过多，账号暂时锁定")),
    },
)
class ObtainTokenView(ObtainAuthToken):
    """Exchange a username and password for an API token (send it as ``Authorization: Token …``).

    Failed attempts count towards the same account lockout as the login page.
    """

    def get_serializer_context(self):
        # django-axes records the attempt on the request it is given; it must be Django's own request
        # (not DRF's wrapper), where AxesMiddleware and the lockout check look for its marks.
        return {**super().get_serializer_context(), "request": self.request._request}

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            if not getattr(request._request, "axes_locked_out", False):
                raise
        # Locked out: answer in JSON here, instead of AxesMiddleware's HTML page for browsers.
        request._request.axes_locked_out = False
        cool_off = get_cool_off(request._request)
        minutes = int(cool_off.total_seconds() // 60) if cool_off else 15
        message = _("密码连续输错次数过多，该账号已被锁定 %(minutes)d 分钟，请稍后再试。") % {
            "minutes": minutes
        }
        return Response({"detail": message}, status=settings.AXES_HTTP_RESPONSE_CODE)


obtain_token = ObtainTokenView.as_view()
