"""Demo records of 4.2 elevators: register, inspections, maintenance, breakdowns, labels."""


def build_elevators(region, seed):
    pass
