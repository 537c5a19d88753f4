"""The REST API router: each app's api.py registers its viewsets in ``register(router)``."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from wuye.accounts.api import obtain_token
from wuye.comanagement import api as comanagement_api
from wuye.compliance import api as compliance_api
from wuye.enterprises import api as enterprises_api
from wuye.estates import api as estates_api
from wuye.finance import api as finance_api
from wuye.lifecycle import api as lifecycle_api
from wuye.oversight import api as oversight_api
from wuye.regions import api as regions_api
from wuye.safety import api as safety_api
from wuye.servicedesk import api as servicedesk_api

# Namespaced, so the API's "enterprise-detail" never shadows the web page of the same name.
app_name = "api"

router = DefaultRouter()
regions_api.register(router)
enterprises_api.register(router)
estates_api.register(router)
safety_api.register(router)
servicedesk_api.register(router)
finance_api.register(router)
lifecycle_api.register(router)
comanagement_api.register(router)
compliance_api.register(router)
oversight_api.register(router)

urlpatterns = [
    path("auth/token/", obtain_token, name="token"),
    *router.urls,
]
