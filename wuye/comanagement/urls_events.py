"""Pages: the regulator's events (1.8, 3.6, 3.8)."""

from django.urls import path

from wuye.comanagement import views_events as views

urlpatterns = [
    path("regulator-events/", views.RegulatorEventListView.as_view(), name="regulatorevent-list"),
    path("regulator-events/new/", views.event_create, name="regulatorevent-create"),
]
