"""Pages: statements."""

urlpatterns: list = []
