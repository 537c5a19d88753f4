"""Admin pages of the service desk."""
