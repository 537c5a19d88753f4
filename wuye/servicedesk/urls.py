"""The service desk's pages: one url module per part, included here under /service/."""

from wuye.servicedesk import urls_centres, urls_notifications, urls_surveys, urls_tickets

urlpatterns = [
    *urls_centres.urlpatterns,
    *urls_tickets.urlpatterns,
    *urls_surveys.urlpatterns,
    *urls_notifications.urlpatterns,
]
