from django.urls import path

from wuye.oversight import views_onboarding as views

urlpatterns = [
    path("onboarding/", views.onboarding_import, name="onboarding-import"),
    path("onboarding/template/", views.onboarding_template, name="onboarding-template"),
    path("onboarding/<int:pk>/", views.onboarding_batch, name="onboarding-batch"),
]
