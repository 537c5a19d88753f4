from django.urls import path

from wuye.safety import urls_elevators, urls_fire, urls_plans, urls_water, views, views_excel
from wuye.safety import views_patrol as patrol
from wuye.safety.views_overview import SafetyOverviewView

urlpatterns = [
    path("projects/<int:pk>/overview/", SafetyOverviewView.as_view(), name="safety-overview"),
    path("projects/<int:pk>/power-rooms/new/", views.PowerRoomCreateView.as_view(), name="power-room-create"),
    path("power-rooms/<int:pk>/", views.PowerRoomDetailView.as_view(), name="power-room-detail"),
    path("power-rooms/<int:pk>/edit/", views.PowerRoomUpdateView.as_view(), name="power-room-update"),
    path("power-rooms/<int:pk>/rounds/new/", views.PowerRoundCreateView.as_view(), name="power-round-create"),
    path("defects/<int:pk>/fix/", views.DefectFixView.as_view(), name="defect-fix"),
    # Excel: a project's power rooms and batches of their rounds, imported all or nothing; exports.
    path(
        "projects/<int:pk>/power-rooms/import/",
        views_excel.PowerRoomImportView.as_view(),
        name="power-room-import",
    ),
    path(
        "projects/<int:pk>/power-rooms/import/template.xlsx",
        views_excel.PowerRoomTemplateView.as_view(),
        name="power-room-import-template",
    ),
    path(
        "projects/<int:pk>/power-rooms/export.xlsx",
        views_excel.PowerRoomExportView.as_view(),
        name="power-room-export",
    ),
    path(
        "projects/<int:pk>/power-rounds/import/",
        views_excel.PowerRoundImportView.as_view(),
        name="power-round-import",
    ),
    path(
        "projects/<int:pk>/power-rounds/import/template.xlsx",
        views_excel.PowerRoundTemplateView.as_view(),
        name="power-round-import-template",
    ),
    path(
        "projects/<int:pk>/power-rounds/export.xlsx",
        views_excel.PowerRoundExportView.as_view(),
        name="power-round-export",
    ),
    # Clause 4.1: entrances and their roster, patrols, cameras.
    path("projects/<int:pk>/entrances/new/", patrol.EntranceCreateView.as_view(), name="entrance-create"),
    path("entrances/<int:pk>/", patrol.EntranceDetailView.as_view(), name="entrance-detail"),
    path("entrances/<int:pk>/edit/", patrol.EntranceUpdateView.as_view(), name="entrance-update"),
    path("entrances/<int:pk>/shifts/new/", patrol.ShiftCreateView.as_view(), name="shift-create"),
    path("shifts/<int:pk>/delete/", patrol.ShiftDeleteView.as_view(), name="shift-delete"),
    path(
        "projects/<int:pk>/patrol-routes/new/",
        patrol.PatrolRouteCreateView.as_view(),
        name="patrol-route-create",
    ),
    path("patrol-routes/<int:pk>/", patrol.PatrolRouteDetailView.as_view(), name="patrol-route-detail"),
    path("patrol-routes/<int:pk>/edit/", patrol.PatrolRouteUpdateView.as_view(), name="patrol-route-update"),
    path("patrol-routes/<int:pk>/stickers/", patrol.StickerSheetView.as_view(), name="patrol-stickers"),
    path(
        "patrol-routes/<int:pk>/points/new/",
        patrol.PatrolPointCreateView.as_view(),
        name="patrol-point-create",
    ),
    path("patrol-points/<int:pk>/edit/", patrol.PatrolPointUpdateView.as_view(), name="patrol-point-update"),
    path("patrol-points/<int:pk>/rotate/", patrol.RotateStickerView.as_view(), name="patrol-point-rotate"),
    path(
        "patrol-points/<int:pk>/sticker.svg",
        patrol.StickerImageView.as_view(),
        {"kind": "svg"},
        name="patrol-sticker-svg",
    ),
    path(
        "patrol-points/<int:pk>/sticker.png",
        patrol.StickerImageView.as_view(),
        {"kind": "png"},
        name="patrol-sticker-png",
    ),
    path("projects/<int:pk>/cameras/new/", patrol.CameraCreateView.as_view(), name="camera-create"),
    path(
        "projects/<int:pk>/camera-checks/new/", patrol.CameraChecksView.as_view(), name="camera-checks-create"
    ),
    path("cameras/<int:pk>/", patrol.CameraDetailView.as_view(), name="camera-detail"),
    path("cameras/<int:pk>/edit/", patrol.CameraUpdateView.as_view(), name="camera-update"),
    # Issue 5: one module per duty.
    *urls_elevators.urlpatterns,
    *urls_fire.urlpatterns,
    *urls_water.urlpatterns,
    *urls_plans.urlpatterns,
]
