"""Pages of clauses 1.2 and 3.3: offices, service centres and their roster."""

from django.urls import path

from wuye.servicedesk import views_centres as views

urlpatterns = [
    path("centres/", views.CentreListView.as_view(), name="centre-list"),
    path("centres/<int:pk>/", views.CentreDetailView.as_view(), name="centre-detail"),
    path("centres/<int:pk>/edit/", views.CentreUpdateView.as_view(), name="centre-update"),
    path("projects/<int:pk>/centre/new/", views.CentreCreateView.as_view(), name="centre-create"),
    path("centres/<int:pk>/shifts/new/", views.CentreShiftCreateView.as_view(), name="centre-shift-create"),
    path("centre-shifts/<int:pk>/delete/", views.CentreShiftDeleteView.as_view(), name="centre-shift-delete"),
    path("enterprises/<int:pk>/offices/", views.OfficeListView.as_view(), name="office-list"),
    path("enterprises/<int:pk>/offices/new/", views.OfficeCreateView.as_view(), name="office-create"),
    path("offices/<int:pk>/edit/", views.OfficeUpdateView.as_view(), name="office-update"),
]
