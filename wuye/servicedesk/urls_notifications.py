"""Pages: the inbox of notifications (under /service/)."""

from django.urls import path

from wuye.servicedesk import views_notifications as views

urlpatterns = [
    path("notifications/", views.notification_list, name="notification-list"),
    path("notifications/count/", views.notification_count, name="notification-count"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification-read"),
    path("notifications/read-all/", views.notification_read_all, name="notification-read-all"),
]
