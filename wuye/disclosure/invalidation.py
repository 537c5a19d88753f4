"""What makes a project's public page stale: every model whose rows the page shows (cache.py).

Findings and scores are written in bulk by the engine (no signals): the run's finish stands for them, as
the status row of an appeal or an exemption decided stands for the findings and scores it changed.
Registered once, when the app is ready.
"""

from wuye.compliance.models import EvaluationRun, Finding, ParameterOverride, ReviewStatusChange
from wuye.compliance.publication import GradePublication, PublicationStatus
from wuye.disclosure.cache import EVERY_PROJECT, invalidate_on
from wuye.enterprises.models import Enterprise
from wuye.estates.models import Project, ServicePeriod
from wuye.finance.choices_statements import StatementStatus
from wuye.finance.models import (
    CommonAreaIncome,
    CommonAreaUse,
    FeeNotice,
    FeeStandard,
    OwnersVote,
    ParkingLease,
    ParkingRules,
    ParkingSpace,
    Statement,
)
from wuye.servicedesk.models import ServiceCentre


def register() -> None:
    invalidate_on(Project, project_of=lambda project: project.pk)
    invalidate_on(ServicePeriod)  # a new company, or the old one's exit (the page then is 404)
    invalidate_on(Enterprise, project_of=lambda enterprise: EVERY_PROJECT)  # a rename: rare
    invalidate_on(ServiceCentre)
    invalidate_on(FeeStandard)
    invalidate_on(FeeNotice)
    # A draft is not public: only a publication or a supersession (both saves of the status) shows.
    invalidate_on(
        Statement,
        project_of=lambda statement: (
            None if statement.status == StatementStatus.DRAFT else statement.project_id
        ),
    )
    # Common parts and parking (2.5, 2.6): the uses, their votes, their income; rules, spaces, leases.
    for model in (CommonAreaUse, OwnersVote, CommonAreaIncome, ParkingRules, ParkingSpace, ParkingLease):
        invalidate_on(model)
    invalidate_on(Finding)  # one by one (an appeal upheld is an update: its status row below)
    invalidate_on(
        EvaluationRun, project_of=lambda run: EVERY_PROJECT if run.finished_at is not None else None
    )
    invalidate_on(ReviewStatusChange, project_of=lambda change: EVERY_PROJECT)
    invalidate_on(ParameterOverride, project_of=lambda override: EVERY_PROJECT)  # the hotline
    # The company's published grade: a publication (a correction included) shows on every page it touches.
    invalidate_on(
        GradePublication,
        project_of=lambda publication: (
            EVERY_PROJECT if publication.status == PublicationStatus.PUBLISHED else None
        ),
    )
