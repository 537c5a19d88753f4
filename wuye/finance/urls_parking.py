"""Pages: parking."""

urlpatterns: list = []
