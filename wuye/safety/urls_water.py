"""Pages of 4.6 secondary water supply; 4.7 sewers and septic tanks."""

from django.urls import path

from wuye.safety import views_water as water
from wuye.safety import views_water_excel as excel

urlpatterns = [
    path("water-tanks/", water.WaterTankListView.as_view(), name="water-tank-list"),
    path("projects/<int:pk>/water-tanks/new/", water.WaterTankCreateView.as_view(), name="water-tank-create"),
    path("water-tanks/<int:pk>/", water.WaterTankDetailView.as_view(), name="water-tank-detail"),
    path("water-tanks/<int:pk>/edit/", water.WaterTankUpdateView.as_view(), name="water-tank-update"),
    path("water-tanks/<int:pk>/tests/new/", water.WaterTestCreateView.as_view(), name="water-test-create"),
    path(
        "water-tanks/<int:pk>/cleanings/new/",
        water.TankCleaningCreateView.as_view(),
        name="tank-cleaning-create",
    ),
    # Excel: a project's tanks and batches of lab water tests, imported all or nothing; the tests exported.
    path(
        "projects/<int:pk>/water-tanks/import/", excel.WaterTankImportView.as_view(), name="water-tank-import"
    ),
    path(
        "projects/<int:pk>/water-tanks/import/template.xlsx",
        excel.WaterTankTemplateView.as_view(),
        name="water-tank-import-template",
    ),
    path(
        "projects/<int:pk>/water-tests/import/", excel.WaterTestImportView.as_view(), name="water-test-import"
    ),
    path(
        "projects/<int:pk>/water-tests/import/template.xlsx",
        excel.WaterTestTemplateView.as_view(),
        name="water-test-import-template",
    ),
    path(
        "projects/<int:pk>/water-tests/export.xlsx",
        excel.WaterTestExportView.as_view(),
        name="water-test-export",
    ),
    path("projects/<int:pk>/water/", water.ProjectWaterView.as_view(), name="project-water"),
    path(
        "projects/<int:pk>/water-reports/new/",
        water.WaterQualityReportCreateView.as_view(),
        name="water-report-create",
    ),
    path("water-reports/<int:pk>/handle/", water.WaterReportHandleView.as_view(), name="water-report-handle"),
    path(
        "projects/<int:pk>/pollution-incidents/new/",
        water.PollutionIncidentCreateView.as_view(),
        name="pollution-incident-create",
    ),
    path(
        "pollution-incidents/<int:pk>/reports/new/",
        water.PollutionReportCreateView.as_view(),
        name="pollution-report-create",
    ),
    path(
        "projects/<int:pk>/sewer-checks/new/", water.SewerCheckCreateView.as_view(), name="sewer-check-create"
    ),
    path(
        "projects/<int:pk>/sewer-flushes/new/",
        water.SewerFlushCreateView.as_view(),
        name="sewer-flush-create",
    ),
    path(
        "projects/<int:pk>/septic-tanks/new/", water.SepticTankCreateView.as_view(), name="septic-tank-create"
    ),
    path("septic-tanks/<int:pk>/", water.SepticTankDetailView.as_view(), name="septic-tank-detail"),
    path("septic-tanks/<int:pk>/edit/", water.SepticTankUpdateView.as_view(), name="septic-tank-update"),
    path(
        "septic-tanks/<int:pk>/emptyings/new/",
        water.SepticEmptyingCreateView.as_view(),
        name="septic-emptying-create",
    ),
]
