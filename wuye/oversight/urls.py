"""Pages of oversight (the regulator's dashboard, rankings, lists, orders, parameters, imports, audit): one url
module per part."""

from wuye.oversight import (
    urls_audit,
    urls_credit,
    urls_dashboard,
    urls_onboarding,
    urls_orders,
    urls_parameters,
    urls_reminders,
)

urlpatterns = [
    *urls_dashboard.urlpatterns,
    *urls_credit.urlpatterns,
    *urls_orders.urlpatterns,
    *urls_reminders.urlpatterns,
    *urls_onboarding.urlpatterns,
    *urls_parameters.urlpatterns,
    *urls_audit.urlpatterns,
]
