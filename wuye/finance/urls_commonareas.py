"""Pages: common parts (2.5)."""

from django.urls import path

from wuye.finance import views_commonareas as views

urlpatterns = [
    path("projects/<int:pk>/common-areas/", views.CommonAreaListView.as_view(), name="commonarea-list"),
    path("projects/<int:pk>/common-areas/new/", views.UseCreateView.as_view(), name="commonarea-create"),
    path(
        "projects/<int:pk>/common-areas/votes/new/", views.VoteCreateView.as_view(), name="ownersvote-create"
    ),
    path("owners-votes/<int:pk>/edit/", views.VoteUpdateView.as_view(), name="ownersvote-update"),
    path("common-areas/<int:pk>/", views.CommonAreaDetailView.as_view(), name="commonarea-detail"),
    path("common-areas/<int:pk>/edit/", views.UseUpdateView.as_view(), name="commonarea-update"),
    path(
        "common-areas/<int:pk>/incomes/new/", views.IncomeCreateView.as_view(), name="commonareaincome-create"
    ),
]
