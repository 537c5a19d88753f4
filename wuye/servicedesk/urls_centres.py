"""Pages: centres."""

urlpatterns: list = []
