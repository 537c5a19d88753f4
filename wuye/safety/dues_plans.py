"""Next due dates of 3.4 emergency plans, drills, incidents, stoppages; 3.5 archive; 4.5 vehicles; 4.1 signs, for the project safety overview (overview.py)."""


def due_items(project, now):
    return []
