from django.urls import path

from wuye.oversight import views_parameters as views

urlpatterns = [
    path("parameters/", views.parameters_page, name="oversight-parameters"),
    path("parameters/new/", views.override_create, name="oversight-parameter-create"),
    path("parameters/<int:pk>/cancel/", views.override_cancel, name="oversight-parameter-cancel"),
]
