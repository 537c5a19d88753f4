"""The money pages: one url module per part, included here under /finance/."""

from wuye.finance import urls_commonareas, urls_fees, urls_parking, urls_statements

urlpatterns = [
    *urls_fees.urlpatterns,
    *urls_commonareas.urlpatterns,
    *urls_parking.urlpatterns,
    *urls_statements.urlpatterns,
]
