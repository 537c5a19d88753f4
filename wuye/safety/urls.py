from django.urls import path

from wuye.safety import views

urlpatterns = [
    path("projects/<int:pk>/power-rooms/new/", views.PowerRoomCreateView.as_view(), name="power-room-create"),
    path("power-rooms/<int:pk>/", views.PowerRoomDetailView.as_view(), name="power-room-detail"),
    path("power-rooms/<int:pk>/edit/", views.PowerRoomUpdateView.as_view(), name="power-room-update"),
    path("power-rooms/<int:pk>/rounds/new/", views.PowerRoundCreateView.as_view(), name="power-round-create"),
    path("defects/<int:pk>/fix/", views.DefectFixView.as_view(), name="defect-fix"),
]
