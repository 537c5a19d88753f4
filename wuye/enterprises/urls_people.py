"""Pages: people (wages, terminations, policies, training)."""

urlpatterns: list = []
