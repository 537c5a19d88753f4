"""Checks of 4.3 fire equipment and passages; 4.4 lightning and flood protection."""
