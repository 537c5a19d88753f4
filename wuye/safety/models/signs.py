"""Clause 4.1, signs: a yearly photo of each entrance's safety and traffic signs (E-kind evidence)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuye.core.evidence import EvidenceRecord
from wuye.core.models import within
from wuye.core.uploads import check_file
from wuye.safety.models.patrol import Entrance
from wuye.safety.models.records import PHOTO_EXTENSIONS


class SignPhoto(EvidenceRecord):
    """A photo of the signs at an entrance (限速、禁止鸣笛、消防通道、出入口标识), taken on ``occurred_at``."""

    entrance = models.ForeignKey(
        Entrance, verbose_name=_("出入口"), on_delete=models.PROTECT, related_name="sign_photos"
    )
    note = models.CharField(
        _("标志内容"), max_length=200, help_text=_("如：限速5公里、禁止鸣笛、消防通道禁止停车")
    )

    chain_attr = "entrance.project_id"

    class Meta(EvidenceRecord.Meta):
        verbose_name = _("出入口标志照片")
        verbose_name_plural = _("出入口标志照片")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["entrance", "occurred_at"], name="signphoto_entrance_time")]

    def __str__(self):
        return f"{self.entrance} {timezone.localtime(self.occurred_at):%Y-%m-%d}"

    @classmethod
    def scope_q(cls, scope, *, write: bool) -> Q:
        return within("entrance", Entrance, scope, write=write)

    def division_code(self):
        return self.entrance.project.division_id

    @property
    def project_id(self):
        return self.entrance.project_id

    def validate_claim(self):
        if timezone.localtime(self.occurred_at).date() < self.entrance.in_service_from:
            raise ValidationError(
                {
                    "occurred_at": _("拍摄时间早于出入口启用日期（%(date)s）。")
                    % {"date": self.entrance.in_service_from}
                }
            )
        check_file(self, required=True, extensions=PHOTO_EXTENSIONS)
