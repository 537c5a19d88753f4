from django.urls import path

from wuye.oversight import views_dashboard

urlpatterns = [
    path("dashboard/", views_dashboard.DashboardView.as_view(), name="oversight-dashboard"),
    path("dashboard/report/", views_dashboard.DivisionReportView.as_view(), name="oversight-division-report"),
]
