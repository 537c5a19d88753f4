"""Admin of 4.2 elevators: register, inspections, maintenance, breakdowns, labels (imported by admin.py)."""
