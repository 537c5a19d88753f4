"""Rankings, credit lists, publications of grades, the public division list and the credit report."""

from django.urls import path

from wuye.oversight import views_credit, views_credit_public, views_credit_report

urlpatterns = [
    path("ranking/", views_credit.EnterpriseRankingView.as_view(), name="oversight-ranking"),
    path("ranking/projects/", views_credit.ProjectRankingView.as_view(), name="oversight-project-ranking"),
    path("credit-lists/", views_credit.CreditListView.as_view(), name="oversight-credit-lists"),
    path("publications/", views_credit.PublicationListView.as_view(), name="oversight-publications"),
    path(
        "publications/new/", views_credit.PublicationCreateView.as_view(), name="oversight-publication-create"
    ),
    path(
        "publications/<int:pk>/",
        views_credit.PublicationDetailView.as_view(),
        name="oversight-publication-detail",
    ),
    path(
        "publications/<int:pk>/publish/",
        views_credit.publication_publish,
        name="oversight-publication-publish",
    ),
    path("credit/<str:code>/", views_credit_public.public_credit, name="oversight-public-credit"),
    path(
        "enterprises/<int:pk>/credit-report.pdf",
        views_credit_report.credit_report,
        name="oversight-credit-report",
    ),
]
