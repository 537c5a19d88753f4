"""Pages of oversight (the regulator's dashboard, rankings, lists, orders, parameters, imports, audit): one url
module per part."""

from wuye.oversight import urls_orders

urlpatterns = [
    *urls_orders.urlpatterns,
]
