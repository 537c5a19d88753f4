"""Pages: construction."""

urlpatterns: list = []
