"""Pages of 4.2 elevators: register, inspections, maintenance, breakdowns, labels."""

from django.urls import path

from wuye.safety import views_elevators as views
from wuye.safety import views_elevators_excel as excel

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
    # Excel: a project's register and batches of inspections and maintenance visits, imported all or
    # nothing; exports of the records between two dates (the register list exports with ?export=xlsx).
    path("projects/<int:pk>/elevators/import/", excel.ElevatorImportView.as_view(), name="elevator-import"),
    path(
        "projects/<int:pk>/elevators/import/template.xlsx",
        excel.ElevatorTemplateView.as_view(),
        name="elevator-import-template",
    ),
    path(
        "projects/<int:pk>/elevator-inspections/import/",
        excel.InspectionImportView.as_view(),
        name="elevator-inspection-import",
    ),
    path(
        "projects/<int:pk>/elevator-inspections/import/template.xlsx",
        excel.InspectionTemplateView.as_view(),
        name="elevator-inspection-import-template",
    ),
    path(
        "projects/<int:pk>/elevator-inspections/export.xlsx",
        excel.InspectionExportView.as_view(),
        name="elevator-inspection-export",
    ),
    path(
        "projects/<int:pk>/elevator-maintenance/import/",
        excel.MaintenanceImportView.as_view(),
        name="elevator-maintenance-import",
    ),
    path(
        "projects/<int:pk>/elevator-maintenance/import/template.xlsx",
        excel.MaintenanceTemplateView.as_view(),
        name="elevator-maintenance-import-template",
    ),
    path(
        "projects/<int:pk>/elevator-maintenance/export.xlsx",
        excel.MaintenanceExportView.as_view(),
        name="elevator-maintenance-export",
    ),
]
