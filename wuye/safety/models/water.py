"""Records of 4.6 secondary water supply; 4.7 sewers and septic tanks."""

__all__: list[str] = []
