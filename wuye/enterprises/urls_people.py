"""Pages: people (wages, terminations, policies, training), per enterprise."""

from django.urls import path

from wuye.enterprises import views_people as views

urlpatterns = [
    path("enterprises/<int:pk>/wages/", views.wage_list, name="people-wages"),
    path("enterprises/<int:pk>/wages/new/", views.wage_create, name="people-wage-create"),
    path(
        "enterprises/<int:pk>/wages/import/", views.PayrollImportView.as_view(), name="people-payroll-import"
    ),
    path(
        "enterprises/<int:pk>/wages/import/template.xlsx",
        views.PayrollTemplateView.as_view(),
        name="people-payroll-template",
    ),
    path("enterprises/<int:pk>/terminations/", views.termination_list, name="people-terminations"),
    path(
        "enterprises/<int:pk>/terminations/new/", views.termination_create, name="people-termination-create"
    ),
    path("terminations/<int:pk>/review/", views.termination_review, name="people-termination-review"),
    path("enterprises/<int:pk>/policies/", views.policy_list, name="people-policies"),
    path("enterprises/<int:pk>/policies/new/", views.policy_create, name="people-policy-create"),
    path("enterprises/<int:pk>/trainings/", views.training_list, name="people-trainings"),
    path("enterprises/<int:pk>/trainings/new/", views.training_create, name="people-training-create"),
    path("trainings/<int:pk>/", views.training_update, name="people-training-update"),
]
