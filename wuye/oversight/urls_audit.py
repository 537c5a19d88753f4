from django.urls import path

from wuye.oversight import views_audit as views

urlpatterns = [
    path("audit/", views.audit_changes, name="oversight-audit"),
    path("audit/evidence/", views.audit_evidence, name="oversight-audit-evidence"),
    path("audit/evidence/verify/", views.audit_verify, name="oversight-audit-verify"),
]
