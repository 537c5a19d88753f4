"""Pages: fees."""

urlpatterns: list = []
