"""Pages of 4.2 elevators: register, inspections, maintenance, breakdowns, labels."""

from django.urls import path

from wuye.safety import views_elevators as views

urlpatterns = [
    path("elevators/", views.ElevatorListView.as_view(), name="elevator-list"),
    path("projects/<int:pk>/elevators/", views.ProjectElevatorListView.as_view(), name="project-elevators"),
    path("projects/<int:pk>/elevators/new/", views.ElevatorCreateView.as_view(), name="elevator-create"),
    path("elevators/<int:pk>/", views.ElevatorDetailView.as_view(), name="elevator-detail"),
    path("elevators/<int:pk>/edit/", views.ElevatorUpdateView.as_view(), name="elevator-update"),
    path(
        "elevators/<int:pk>/inspections/new/",
        views.InspectionCreateView.as_view(),
        name="elevator-inspection-create",
    ),
    path(
        "elevators/<int:pk>/maintenance/new/",
        views.MaintenanceVisitCreateView.as_view(),
        name="elevator-maintenance-create",
    ),
    path(
        "elevators/<int:pk>/breakdowns/new/",
        views.BreakdownCreateView.as_view(),
        name="elevator-breakdown-create",
    ),
    path(
        "elevators/<int:pk>/labels/new/", views.LabelCheckCreateView.as_view(), name="elevator-label-create"
    ),
]
