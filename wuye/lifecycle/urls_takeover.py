"""Pages: takeover."""

urlpatterns: list = []
