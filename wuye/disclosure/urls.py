"""The public pages: a project's disclosure page (no login) and its printable poster."""

urlpatterns: list = []
