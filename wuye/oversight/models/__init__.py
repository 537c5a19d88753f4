"""Records of oversight: one module per part (credit lists and publication, rectification orders, reminders)."""
