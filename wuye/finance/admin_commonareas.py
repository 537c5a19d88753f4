"""Admin pages of commonareas."""
