"""Use cases of clause 2.5: record an owners' vote, a use of common parts, an income. Each takes the acting
user; the views and the API validate, authorise and call these."""

from django.db import transaction

from wuye.core.actions import save_record
from wuye.finance.votes_commonareas import register_totals


def fill_register_totals(vote) -> None:
    """A vote's totals left blank are the project's as the household register has them."""
    if vote.project_id and (vote.owners_total is None or vote.area_total is None):
        owners, area = register_totals(vote.project)
        if vote.owners_total is None:
            vote.owners_total = owners
        if vote.area_total is None:
            vote.area_total = area


def save_vote(user, vote):
    fill_register_totals(vote)
    return save_record(user, vote)


def save_use(user, use):
    return save_record(user, use)


@transaction.atomic
def record_income(user, income):
    """An income of a use, recorded by ``user`` now (the server's time)."""
    income.recorded_by = user
    return save_record(user, income)
