"""Checks of 4.6 secondary water supply; 4.7 sewers and septic tanks."""
