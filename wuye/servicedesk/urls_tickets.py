"""Pages: tickets."""

urlpatterns: list = []
