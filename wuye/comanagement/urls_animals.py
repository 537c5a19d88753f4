"""Pages: animals."""

urlpatterns: list = []
