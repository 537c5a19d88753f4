"""A person's review of the content of E-kind evidence (DESIGN.md: the owners' committee member, or a
regulator, "reviews E-kind evidence"; CLAUSES.md: presence and age are checked automatically, content
by a person).

Kept minimal for clause 4.5's vehicle rules and 4.1's entrance sign photos: the reviewer accepts the
record or rejects it with a reason. A record whose latest review rejects it no longer counts as the
current document (checks/plans.py), so the enterprise must put up a better one. The review is itself
evidence: append-only, server time, in the project's chain, with the reviewer as ``recorded_by``.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.evidence import EvidenceRecord
from wuye.core.models import within
from wuye.estates.models import Project
from wuye.safety.choices_plans import ReviewVerdict
from wuye.safety.models.signs import SignPhoto
from wuye.safety.models.vehicles import VehicleRules

# What can be reviewed: the field of the target on a review.
REVIEWED = {VehicleRules: "vehicle_rules", SignPhoto: "sign_photo"}


class ContentReview(EvidenceRecord):
    """A committee member's or a regulator's verdict on one E-kind record: accepted, or rejected and why."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("项目"),
        on_delete=models.PROTECT,
        related_name="content_reviews",
        editable=False,
    )
    vehicle_rules = models.ForeignKey(
        VehicleRules,
        verbose_name=_("车辆管理制度"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="content_reviews",
    )
    sign_photo = models.ForeignKey(
        SignPhoto,
        verbose_name=_("出入口标志照片"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="content_reviews",
    )
    verdict = models.CharField(_("审阅结论"), max_length=10, choices=ReviewVerdict.choices)
    note = models.TextField(_("审阅意见"), blank=True)

    chain_attr = "project_id"

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("内容审阅")
        verbose_name_plural = _("内容审阅")
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            *EvidenceRecord.Meta.constraints,
            models.CheckConstraint(
                condition=Q(vehicle_rules__isnull=False, sign_photo__isnull=True)
                | Q(vehicle_rules__isnull=True, sign_photo__isnull=False),
                name="contentreview_one_target",
                violation_error_message=_("一次审阅只针对一条记录。"),
            ),
        ]

    def __str__(self):
        return f"{self.target} {self.get_verdict_display()} {timezone.localtime(self.occurred_at):%Y-%m-%d}"

    @property
    def target(self):
        return self.vehicle_rules or self.sign_photo

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("project", Project, scope, write=write)

    def division_code(self):
        return self.project.division_id

    def validate_claim(self):
        if self.target is not None:
            self.project_id = self.target.project_id
        if self.verdict == ReviewVerdict.REJECTED and not self.note.strip():
            raise ValidationError({"note": _("不认可时请写明理由。")})
