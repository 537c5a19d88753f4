from django.urls import path

from wuye.estates import views
from wuye.estates import views_records as records

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project-list"),
    path("new/", views.ProjectCreateView.as_view(), name="project-create"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("<int:pk>/edit/", views.ProjectUpdateView.as_view(), name="project-update"),
    path("<int:pk>/buildings/new/", records.BuildingCreateView.as_view(), name="building-create"),
    path("buildings/<int:pk>/", records.BuildingDetailView.as_view(), name="building-detail"),
    path("buildings/<int:pk>/edit/", records.BuildingUpdateView.as_view(), name="building-update"),
    path(
        "buildings/<int:pk>/households/new/", records.HouseholdCreateView.as_view(), name="household-create"
    ),
    path("households/<int:pk>/edit/", records.HouseholdUpdateView.as_view(), name="household-update"),
    path("<int:pk>/owners/new/", records.OwnerCreateView.as_view(), name="owner-create"),
    path("owners/<int:pk>/edit/", records.OwnerUpdateView.as_view(), name="owner-update"),
    path("<int:pk>/committees/new/", records.CommitteeCreateView.as_view(), name="committee-create"),
    path("committees/<int:pk>/edit/", records.CommitteeUpdateView.as_view(), name="committee-update"),
    path(
        "committees/<int:pk>/members/new/",
        records.CommitteeMemberCreateView.as_view(),
        name="committee-member-create",
    ),
    path(
        "committee-members/<int:pk>/edit/",
        records.CommitteeMemberUpdateView.as_view(),
        name="committee-member-update",
    ),
    path("<int:pk>/contracts/new/", records.ContractCreateView.as_view(), name="contract-create"),
    path("contracts/<int:pk>/edit/", records.ContractUpdateView.as_view(), name="contract-update"),
    path(
        "<int:pk>/service-periods/new/",
        records.ServicePeriodCreateView.as_view(),
        name="service-period-create",
    ),
    path(
        "service-periods/<int:pk>/edit/",
        records.ServicePeriodUpdateView.as_view(),
        name="service-period-update",
    ),
]
