"""The money pages: one url module per part, included here under /finance/."""

from wuye.finance import urls_fees, urls_statements

urlpatterns = [
    *urls_fees.urlpatterns,
    *urls_statements.urlpatterns,
]
