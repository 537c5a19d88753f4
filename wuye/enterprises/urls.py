from django.urls import path

from wuye.enterprises import urls_people, views, views_staff

urlpatterns = [
    path("", views.EnterpriseListView.as_view(), name="enterprise-list"),
    path("new/", views.EnterpriseCreateView.as_view(), name="enterprise-create"),
    path("<int:pk>/", views.EnterpriseDetailView.as_view(), name="enterprise-detail"),
    path("<int:pk>/edit/", views.EnterpriseUpdateView.as_view(), name="enterprise-update"),
    path("<int:pk>/licences/new/", views.LicenceCreateView.as_view(), name="licence-create"),
    path("licences/<int:pk>/edit/", views.LicenceUpdateView.as_view(), name="licence-update"),
    path("<int:pk>/staff/new/", views_staff.StaffCreateView.as_view(), name="staff-create"),
    path("staff/<int:pk>/", views_staff.StaffDetailView.as_view(), name="staff-detail"),
    path("staff/<int:pk>/edit/", views_staff.StaffUpdateView.as_view(), name="staff-update"),
    path("staff/<int:pk>/reveal-id/", views_staff.reveal_staff_id, name="staff-reveal-id"),
    path("staff/<int:pk>/posts/new/", views_staff.PostCreateView.as_view(), name="post-create"),
    path("posts/<int:pk>/edit/", views_staff.PostUpdateView.as_view(), name="post-update"),
    path(
        "staff/<int:pk>/certificates/new/",
        views_staff.CertificateCreateView.as_view(),
        name="certificate-create",
    ),
    path(
        "certificates/<int:pk>/edit/", views_staff.CertificateUpdateView.as_view(), name="certificate-update"
    ),
    path(
        "staff/<int:pk>/employments/new/",
        views_staff.EmploymentCreateView.as_view(),
        name="employment-create",
    ),
    path("employments/<int:pk>/edit/", views_staff.EmploymentUpdateView.as_view(), name="employment-update"),
    # Wages, terminations, policies and training (clauses 1.4, 1.7, 1.8, 3.8).
    *urls_people.urlpatterns,
]
