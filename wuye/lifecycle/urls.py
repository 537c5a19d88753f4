"""Pages of lifecycle: one url module per part."""

from wuye.lifecycle import urls_exit, urls_takeover

urlpatterns = [
    *urls_takeover.urlpatterns,
    *urls_exit.urlpatterns,
]
