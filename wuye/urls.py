from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from wuye.core.views_files import scoped_file
from wuye.core.views_health import healthz
from wuye.safety.views_patrol import ScanView

urlpatterns = [
    path("", include("wuye.accounts.urls")),
    path("enterprises/", include("wuye.enterprises.urls")),
    path("projects/", include("wuye.estates.urls")),
    path("safety/", include("wuye.safety.urls")),
    path("service/", include("wuye.servicedesk.urls")),
    path("finance/", include("wuye.finance.urls")),
    path("lifecycle/", include("wuye.lifecycle.urls")),
    path("comanagement/", include("wuye.comanagement.urls")),
    path("compliance/", include("wuye.compliance.urls")),
    path("oversight/", include("wuye.oversight.urls")),
    # The public disclosure pages: what the QR poster in the lobby opens, no login.
    path("gs/", include("wuye.disclosure.urls")),
    # What a patrol point's QR sticker opens: short, so the printed code stays coarse and easy to scan.
    path("p/<str:token>/", ScanView.as_view(), name="patrol-scan"),
    path("api/", include("wuye.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("files/<str:label>/<int:pk>/<str:field>/", scoped_file, name="scoped-file"),
]
