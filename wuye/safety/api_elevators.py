"""API of 4.2 elevators: register, inspections, maintenance, breakdowns, labels."""


def register(router):
    pass
