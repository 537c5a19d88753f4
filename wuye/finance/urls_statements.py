"""Pages: half-year statements (1.6)."""

from django.urls import path

from wuye.finance import views_statements as views

urlpatterns = [
    path("projects/<int:pk>/statements/", views.StatementListView.as_view(), name="statement-list"),
    path("projects/<int:pk>/statements/new/", views.StatementEditView.as_view(), name="statement-create"),
    path("statements/<int:pk>/", views.StatementDetailView.as_view(), name="statement-detail"),
    path(
        "statements/<int:pk>/print/", views.StatementDetailView.as_view(printing=True), name="statement-print"
    ),
    path("statements/<int:pk>/edit/", views.StatementUpdateView.as_view(), name="statement-update"),
    path(
        "statements/<int:pk>/publish/",
        views.StatementMoveView.as_view(move="publish"),
        name="statement-publish",
    ),
    path(
        "statements/<int:pk>/correct/",
        views.StatementMoveView.as_view(move="correct"),
        name="statement-correct",
    ),
    path("statements/<int:pk>/import/", views.StatementImportView.as_view(), name="statement-import"),
    path(
        "statements/<int:pk>/import/template/",
        views.StatementTemplateView.as_view(),
        name="statement-import-template",
    ),
]
