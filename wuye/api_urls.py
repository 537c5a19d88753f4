"""The REST API router: each app's api.py registers its viewsets in ``register(router)``."""

from rest_framework.routers import DefaultRouter

from wuye.enterprises import api as enterprises_api
from wuye.estates import api as estates_api

router = DefaultRouter()
enterprises_api.register(router)
estates_api.register(router)

urlpatterns = router.urls
