"""Pages of 3.4 emergency plans, drills, incidents, stoppages; 3.5 archive; 4.5 vehicles; 4.1 signs."""

from django.urls import path

from wuye.safety import views_plans as views

urlpatterns = [
    # 3.4
    path("projects/<int:pk>/emergency-plans/", views.PlanRegisterView.as_view(), name="emergency-plan-list"),
    path(
        "projects/<int:pk>/emergency-plans/new/", views.PlanCreateView.as_view(), name="emergency-plan-create"
    ),
    path("emergency-plans/<int:pk>/", views.PlanDetailView.as_view(), name="emergency-plan-detail"),
    path(
        "emergency-plans/<int:pk>/reviews/new/",
        views.PlanReviewCreateView.as_view(),
        name="plan-review-create",
    ),
    path("projects/<int:pk>/drills/", views.DrillListView.as_view(), name="drill-list"),
    path("projects/<int:pk>/drills/new/", views.DrillCreateView.as_view(), name="drill-create"),
    path("projects/<int:pk>/incidents/", views.IncidentListView.as_view(), name="incident-list"),
    path("projects/<int:pk>/incidents/new/", views.IncidentCreateView.as_view(), name="incident-create"),
    path("incidents/<int:pk>/correct/", views.IncidentCorrectView.as_view(), name="incident-correct"),
    path("projects/<int:pk>/stoppages/", views.StoppageListView.as_view(), name="stoppage-list"),
    path("projects/<int:pk>/stoppages/new/", views.StoppageCreateView.as_view(), name="stoppage-create"),
    # 3.5
    path("projects/<int:pk>/archive/", views.ArchiveView.as_view(), name="archive"),
    path("projects/<int:pk>/archive/new/", views.ArchiveUploadView.as_view(), name="archive-document-create"),
    # 4.5
    path("projects/<int:pk>/vehicles/", views.VehicleListView.as_view(), name="vehicle-list"),
    path("projects/<int:pk>/vehicles/new/", views.VehicleCreateView.as_view(), name="vehicle-create"),
    path("vehicles/<int:pk>/edit/", views.VehicleUpdateView.as_view(), name="vehicle-update"),
    path("projects/<int:pk>/vehicle-rules/", views.VehicleRulesView.as_view(), name="vehicle-rules"),
    path(
        "projects/<int:pk>/vehicle-rules/new/",
        views.VehicleRulesCreateView.as_view(),
        name="vehicle-rules-create",
    ),
    path(
        "vehicle-rules/<int:pk>/review/", views.VehicleRulesReviewView.as_view(), name="vehicle-rules-review"
    ),
    # 4.1 signs
    path("projects/<int:pk>/sign-photos/", views.SignPhotosView.as_view(), name="sign-photos"),
    path(
        "entrances/<int:pk>/sign-photos/new/", views.SignPhotoCreateView.as_view(), name="sign-photo-create"
    ),
    path("sign-photos/<int:pk>/review/", views.SignPhotoReviewView.as_view(), name="sign-photo-review"),
]
