"""Pages of the reminders: deadlines coming up and the regulator's weekly digests."""

from django.urls import path

from wuye.oversight import views_reminders as views

urlpatterns = [
    path("deadlines/", views.DeadlineListView.as_view(), name="oversight-deadlines"),
    path("digests/", views.DigestListView.as_view(), name="oversight-digest-list"),
    path("digests/<int:pk>/", views.DigestDetailView.as_view(), name="oversight-digest-detail"),
]
