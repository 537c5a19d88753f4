"""Evidence of a project itself (a plan, a payment, a sign's photo): the abstract base the duty apps'
project records share, chained per project and scoped as the project is."""

from django.db.models import Q

from wuye.core.evidence import EvidenceRecord
from wuye.core.models import within
from wuye.estates.models import Project


class ProjectRecord(EvidenceRecord):
    """Abstract: evidence of a project itself. Subclasses declare ``project`` with their related_name."""

    chain_attr = "project_id"

    class Meta(EvidenceRecord.Meta):
        abstract = True

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("project", Project, scope, write=write)

    def division_code(self):
        return self.project.division_id
