"""Pages: rectification orders (整改通知)."""

from django.urls import path

from wuye.oversight import views_orders as views

urlpatterns = [
    path("orders/", views.OrderListView.as_view(), name="order-list"),
    path("orders/new/", views.order_create, name="order-create"),
    path("orders/<int:pk>/", views.order_detail, name="order-detail"),
    path("orders/<int:pk>/answer/", views.order_answer, name="order-answer"),
    path("orders/<int:pk>/decide/", views.order_decide, name="order-decide"),
]
