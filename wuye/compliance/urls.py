from django.urls import path

from wuye.compliance import views, views_review

urlpatterns = [
    path("projects/<int:pk>/", views.ProjectScorecardView.as_view(), name="project-scorecard"),
    path("enterprises/<int:pk>/", views.EnterpriseScorecardView.as_view(), name="enterprise-scorecard"),
    path("findings/<int:pk>/appeal/", views.AppealCreateView.as_view(), name="finding-appeal"),
    path("findings/<int:pk>/exemption/", views.ExemptionRequestView.as_view(), name="finding-exemption"),
    path("reviews/", views_review.ReviewQueueView.as_view(), name="review-queue"),
    path("appeals/<int:pk>/", views_review.AppealDetailView.as_view(), name="appeal-detail"),
    path("exemptions/<int:pk>/", views_review.ExemptionDetailView.as_view(), name="exemption-detail"),
]
