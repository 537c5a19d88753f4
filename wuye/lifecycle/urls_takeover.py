"""Pages: takeover (2.1–2.3)."""

from django.urls import path

from wuye.lifecycle import views_takeover as views

urlpatterns = [
    path("takeovers/", views.TakeoverListView.as_view(), name="takeover-list"),
    path("takeovers/new/", views.TakeoverCreateView.as_view(), name="takeover-create"),
    path("takeovers/<int:pk>/", views.TakeoverDetailView.as_view(), name="takeover-detail"),
    path("takeovers/<int:pk>/move/<str:status>/", views.TakeoverMoveView.as_view(), name="takeover-move"),
    path("takeovers/<int:pk>/checklist/", views.ChecklistView.as_view(), name="takeover-checklist"),
    path("takeovers/<int:pk>/documents/", views.DocumentHandoverView.as_view(), name="takeover-documents"),
    path("takeovers/<int:pk>/problems/", views.ProblemListView.as_view(), name="takeover-problems"),
    path("takeover-problems/<int:pk>/fix/", views.ProblemFixView.as_view(), name="takeover-problem-fix"),
]
