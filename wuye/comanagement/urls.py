"""Pages of comanagement: one url module per part."""

from wuye.comanagement import urls_animals, urls_construction, urls_events

urlpatterns = [
    *urls_construction.urlpatterns,
    *urls_animals.urlpatterns,
    *urls_events.urlpatterns,
]
