"""Pages: surveys (3.7), their results, and rectification items."""

from django.urls import path

from wuye.servicedesk import views_surveys as views

urlpatterns = [
    path("surveys/mine/", views.MySurveysView.as_view(), name="my-surveys"),
    path("projects/<int:pk>/surveys/", views.SurveyListView.as_view(), name="survey-list"),
    path("projects/<int:pk>/surveys/new/", views.SurveyCreateView.as_view(), name="survey-create"),
    path("surveys/<int:pk>/", views.SurveyDetailView.as_view(), name="survey-detail"),
    path("surveys/<int:pk>/edit/", views.SurveyUpdateView.as_view(), name="survey-update"),
    path("surveys/<int:pk>/status/", views.SurveyStatusView.as_view(), name="survey-status"),
    path("surveys/<int:pk>/copy/", views.SurveyCopyView.as_view(), name="survey-copy"),
    path("surveys/<int:pk>/answer/", views.SurveyAnswerView.as_view(), name="survey-answer"),
    path("surveys/<int:pk>/paper/", views.SurveyPaperView.as_view(), name="survey-paper"),
    path("surveys/<int:pk>/results/", views.SurveyResultsView.as_view(), name="survey-results"),
    path("surveys/<int:pk>/results/print/", views.SurveyPrintView.as_view(), name="survey-results-print"),
    path(
        "projects/<int:pk>/rectifications/", views.RectificationListView.as_view(), name="rectification-list"
    ),
    path(
        "surveys/<int:pk>/rectifications/new/",
        views.RectificationCreateView.as_view(),
        name="rectification-create",
    ),
    path("rectifications/<int:pk>/", views.RectificationDetailView.as_view(), name="rectification-detail"),
    path(
        "rectifications/<int:pk>/edit/", views.RectificationUpdateView.as_view(), name="rectification-update"
    ),
    path(
        "rectifications/<int:pk>/close/", views.RectificationCloseView.as_view(), name="rectification-close"
    ),
]
