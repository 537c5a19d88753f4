"""Pages: exit."""

urlpatterns: list = []
