"""The public pages: a project's disclosure page (no login), its printable poster and the poster's QR code."""

from django.urls import path

from wuye.disclosure import views

urlpatterns = [
    path("<int:pk>/", views.disclosure_page, name="disclosure-page"),
    path("<int:pk>/poster/", views.poster_page, name="disclosure-poster"),
    path("<int:pk>/qr.svg", views.qr_code, {"kind": "svg"}, name="disclosure-qr-svg"),
    path("<int:pk>/qr.png", views.qr_code, {"kind": "png"}, name="disclosure-qr-png"),
]
