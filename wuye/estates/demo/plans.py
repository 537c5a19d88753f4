"""Demo records of 3.4 emergency plans, drills, incidents, stoppages; 3.5 archive; 4.5 vehicles; 4.1 signs."""


def build_plans(region, seed):
    pass
