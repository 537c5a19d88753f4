"""Pages of oversight (the regulator's dashboard, rankings, lists, orders, parameters, imports, audit): one url
module per part."""

from django.urls import include, path

urlpatterns = [
    path("", include("wuye.oversight.urls_dashboard")),
]
