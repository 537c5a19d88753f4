"""Pages: parking (2.6)."""

from django.urls import path

from wuye.finance import views_parking as views

urlpatterns = [
    path("projects/<int:pk>/parking/", views.ParkingSpaceListView.as_view(), name="parking-spaces"),
    path("projects/<int:pk>/parking/new/", views.space_create, name="parking-space-create"),
    path("projects/<int:pk>/parking/rules/new/", views.rules_create, name="parking-rules-create"),
    path("parking/<int:pk>/", views.space_detail, name="parking-space-detail"),
    path("parking/<int:pk>/leases/new/", views.lease_create, name="parking-lease-create"),
    path("parking/<int:pk>/transfers/new/", views.transfer_create, name="parking-transfer-create"),
    path("parking-leases/<int:pk>/payments/new/", views.payment_create, name="parking-payment-create"),
]
