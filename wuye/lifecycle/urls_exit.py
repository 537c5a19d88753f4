"""Pages: exit (2.1, 2.4)."""

from django.urls import path

from wuye.lifecycle import views_exit as views

urlpatterns = [
    path("exits/", views.ExitListView.as_view(), name="exit-list"),
    path("exits/refunds/mine/", views.MyRefundsView.as_view(), name="exit-my-refunds"),
    path("service-periods/<int:pk>/exit/new/", views.ExitCreateView.as_view(), name="exit-create"),
    path("exits/<int:pk>/", views.ExitDetailView.as_view(), name="exit-detail"),
    path("exits/<int:pk>/move/<str:to>/", views.ExitMoveView.as_view(), name="exit-move"),
    path("exits/<int:pk>/items/new/", views.HandoverItemCreateView.as_view(), name="exit-item-create"),
    path("handover-items/<int:pk>/confirm/", views.HandoverConfirmView.as_view(), name="exit-item-confirm"),
    path("exits/<int:pk>/refunds/", views.RefundTableView.as_view(), name="exit-refunds"),
]
