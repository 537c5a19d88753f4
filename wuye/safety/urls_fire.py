"""Pages of 4.3 fire equipment and passages; 4.4 lightning and flood protection."""

from django.urls import path

from wuye.safety import views_fire as fire
from wuye.safety import views_fire_excel as excel
from wuye.safety import views_fire_records as records

urlpatterns: list = [
    # Fire equipment: register, monthly walk, yearly full test of the systems.
    path("fire-equipment/", fire.FireEquipmentListView.as_view(), name="fire-equipment-list"),
    path(
        "projects/<int:pk>/fire-equipment/new/",
        fire.FireEquipmentCreateView.as_view(),
        name="fire-equipment-create",
    ),
    path("fire-equipment/<int:pk>/", fire.FireEquipmentDetailView.as_view(), name="fire-equipment-detail"),
    path(
        "fire-equipment/<int:pk>/edit/", fire.FireEquipmentUpdateView.as_view(), name="fire-equipment-update"
    ),
    path("projects/<int:pk>/fire-checks/new/", records.FireChecksView.as_view(), name="fire-checks-create"),
    path(
        "fire-equipment/<int:pk>/full-tests/new/",
        records.FireSystemTestView.as_view(),
        name="fire-system-test-create",
    ),
    # Excel: a project's fire equipment and batches of its monthly checks, imported all or nothing.
    path(
        "projects/<int:pk>/fire-equipment/import/",
        excel.FireEquipmentImportView.as_view(),
        name="fire-equipment-import",
    ),
    path(
        "projects/<int:pk>/fire-equipment/import/template.xlsx",
        excel.FireEquipmentTemplateView.as_view(),
        name="fire-equipment-import-template",
    ),
    path(
        "projects/<int:pk>/fire-checks/import/",
        excel.FireCheckImportView.as_view(),
        name="fire-check-import",
    ),
    path(
        "projects/<int:pk>/fire-checks/import/template.xlsx",
        excel.FireCheckTemplateView.as_view(),
        name="fire-check-import-template",
    ),
    # Fire passages: register and checks.
    path("fire-passages/", fire.FirePassageListView.as_view(), name="fire-passage-list"),
    path(
        "projects/<int:pk>/fire-passages/new/",
        fire.FirePassageCreateView.as_view(),
        name="fire-passage-create",
    ),
    path("fire-passages/<int:pk>/", fire.FirePassageDetailView.as_view(), name="fire-passage-detail"),
    path("fire-passages/<int:pk>/edit/", fire.FirePassageUpdateView.as_view(), name="fire-passage-update"),
    path(
        "projects/<int:pk>/fire-passage-checks/new/",
        records.PassageChecksView.as_view(),
        name="fire-passage-checks-create",
    ),
    # Clause 4.4: lightning protection and its tests, flood protection and its checks.
    path("lightning-protection/", fire.LightningListView.as_view(), name="lightning-list"),
    path(
        "projects/<int:pk>/lightning-protection/new/",
        fire.LightningCreateView.as_view(),
        name="lightning-create",
    ),
    path("lightning-protection/<int:pk>/", fire.LightningDetailView.as_view(), name="lightning-detail"),
    path("lightning-protection/<int:pk>/edit/", fire.LightningUpdateView.as_view(), name="lightning-update"),
    path(
        "lightning-protection/<int:pk>/tests/new/",
        records.LightningTestView.as_view(),
        name="lightning-test-create",
    ),
    path("flood-protection/", fire.FloodListView.as_view(), name="flood-list"),
    path("projects/<int:pk>/flood-protection/new/", fire.FloodCreateView.as_view(), name="flood-create"),
    path("flood-protection/<int:pk>/", fire.FloodDetailView.as_view(), name="flood-detail"),
    path("flood-protection/<int:pk>/edit/", fire.FloodUpdateView.as_view(), name="flood-update"),
    path(
        "flood-protection/<int:pk>/checks/new/", records.FloodCheckView.as_view(), name="flood-check-create"
    ),
]
