"""Pages: fees."""

from django.urls import path

from wuye.finance import views_fees as views

urlpatterns = [
    path("projects/<int:pk>/fee-standards/", views.standard_list, name="fee-standards"),
    path("projects/<int:pk>/fee-standards/new/", views.standard_create, name="fee-standard-create"),
    # Excel: past and present standards, and past bills (history), imported all or nothing.
    path(
        "projects/<int:pk>/fee-standards/import/",
        views.FeeStandardImportView.as_view(),
        name="fee-standard-import",
    ),
    path(
        "projects/<int:pk>/fee-standards/import/template.xlsx",
        views.FeeStandardTemplateView.as_view(),
        name="fee-standard-import-template",
    ),
    path("projects/<int:pk>/bills/import/", views.BillImportView.as_view(), name="bill-import"),
    path(
        "projects/<int:pk>/bills/import/template.xlsx",
        views.BillTemplateView.as_view(),
        name="bill-import-template",
    ),
    path("projects/<int:pk>/fee-notices/new/", views.notice_create, name="fee-notice-create"),
    path("projects/<int:pk>/bills/", views.bill_list, name="project-bills"),
    path("projects/<int:pk>/bills/generate/", views.bills_generate, name="bills-generate"),
    path("households/<int:pk>/account/", views.household_account, name="household-account"),
    path("households/<int:pk>/payments/new/", views.payment_create, name="payment-create"),
    path("payments/<int:pk>/receipt/", views.payment_receipt, name="payment-receipt"),
    path("my/fees/", views.my_fees, name="my-fees"),
    path(
        "enterprises/<int:pk>/finance-documents/",
        views.enterprise_documents,
        name="enterprise-finance-documents",
    ),
    path(
        "enterprises/<int:pk>/finance-documents/<str:kind>/new/",
        views.enterprise_document_create,
        name="enterprise-finance-document-create",
    ),
]
