"""Pages: commonareas."""

urlpatterns: list = []
