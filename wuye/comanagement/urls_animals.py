"""Pages: animals (5.2)."""

from django.urls import path

from wuye.comanagement import views_animals as views

urlpatterns = [
    path("projects/<int:pk>/animals/", views.AnimalsView.as_view(), name="animals-list"),
    path("projects/<int:pk>/animals/notices/new/", views.notice_create, name="animal-notice-create"),
    path("projects/<int:pk>/animals/pets/new/", views.pet_create, name="pet-create"),
    path(
        "projects/<int:pk>/animals/unauthorised/new/", views.animal_create, name="unauthorised-animal-create"
    ),
]
