"""Pages: illegal construction (5.1)."""

from django.urls import path

from wuye.comanagement import views_construction as views

urlpatterns = [
    path(
        "projects/<int:pk>/construction/", views.ConstructionCaseListView.as_view(), name="construction-list"
    ),
    path("projects/<int:pk>/construction/new/", views.case_create, name="construction-create"),
    path("construction/<int:pk>/move/", views.case_move, name="construction-move"),
]
