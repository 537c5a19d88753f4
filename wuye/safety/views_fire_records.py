"""Phone pages of clauses 4.3 and 4.4: the monthly walk of a project's fire equipment, the check of its fire
passages (both: every item on one page, good by default, one tap and a photo where something is wrong), and
the yearly tests of a fire system, of lightning protection and of flood protection, with their reports.

Like every recording page: 404 where the user cannot see the project or asset, 403 where he only reads
it (``can_record_duties``); a refused or invalid request writes nothing.
"""

from abc import ABC, abstractmethod

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wuye.core.web import request_channel
from wuye.estates.models import Project
from wuye.safety.actions_fire import record_fire_checks, record_passage_checks, record_test
from wuye.safety.choices_fire import FULL_TEST_KINDS, FireEquipmentKind
from wuye.safety.forms_fire import (
    FireChecksForm,
    FireSystemTestForm,
    FloodCheckForm,
    LightningTestForm,
    PassageChecksForm,
)
from wuye.safety.models import (
    FireEquipment,
    FirePassage,
    FirePassageCheck,
    FireSystemTest,
    FloodCheck,
    FloodProtection,
    LightningProtection,
    LightningTest,
)
from wuye.safety.queries_fire import defects_of
from wuye.safety.views import RecordingMixin

# The two monthly walks: the extinguishers (often dozens, floor by floor) and everything else.
KIND_GROUPS = {
    "extinguisher": gettext_lazy("灭火器"),
    "other": gettext_lazy("其他消防设施"),
}


class WalkView(RecordingMixin, FormView, ABC):
    """Every item of a project on one phone page; submit once for all that were looked at."""

    subject_model = Project
    project_path = "pk"
    template_name = "safety/fire/walk_form.html"
    asset_model = None
    title = ""
    empty = ""
    anchor = "fire"

    def assets(self):
        visible = self.asset_model.objects.visible_to(self.request.user)
        return visible.filter(project=self.subject, active=True).order_by("location", "name")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(assets=list(self.assets()), now=self.now, inspector=self.request.user.full_name)
        return kwargs

    @abstractmethod
    def record(self, form):
        """Append the walk's records through the duty's action (each walk names its own)."""

    def form_valid(self, form):
        if not form.assets:
            form.add_error(None, str(self.empty))
            return self.form_invalid(form)
        try:
            records = self.record(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        problems = sum(1 for record in records if record.defect is not None)
        message = _("已记录 %(count)s 项检查。") % {"count": len(records)}
        if problems:
            message += " " + _("发现问题 %(count)s 项，已登记为隐患，请按期处理。") % {"count": problems}
        messages.success(self.request, message)
        return redirect(self.subject.get_absolute_url() + f"#{self.anchor}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(project=self.subject, title=self.title, empty=self.empty)
        return context

    def walk(self, action, form):
        data = form.cleaned_data
        return action(
            self.request.user,
            self.subject,
            form.results(),
            inspector=data["inspector"],
            channel=request_channel(self.request),
            occurred_at=data["occurred_at"],
            now=self.now,
        )


class FireChecksView(WalkView):
    """The monthly check of a project's fire equipment (``?kind=extinguisher`` or ``other``: one walk each)."""

    asset_model = FireEquipment
    form_class = FireChecksForm
    empty = gettext_lazy("本项目尚未登记在用的消防设施。")

    @property
    def kind(self):
        kind = self.request.GET.get("kind", "")
        return kind if kind in KIND_GROUPS else ""

    @property
    def title(self):
        return (
            _("月度检查：%(what)s") % {"what": KIND_GROUPS[self.kind]} if self.kind else _("消防设施月度检查")
        )

    def assets(self):
        assets = super().assets()
        if self.kind == "extinguisher":
            return assets.filter(kind=FireEquipmentKind.EXTINGUISHER)
        if self.kind == "other":
            return assets.exclude(kind=FireEquipmentKind.EXTINGUISHER)
        return assets

    def record(self, form):
        return self.walk(record_fire_checks, form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(kind=self.kind, kind_groups=KIND_GROUPS)
        return context


class PassageChecksView(WalkView):
    """A check of every fire passage of a project; the open obstructions with a link to record them cleared."""

    asset_model = FirePassage
    form_class = PassageChecksForm
    title = gettext_lazy("检查消防通道")
    empty = gettext_lazy("本项目尚未登记在用的消防通道。")

    def record(self, form):
        return self.walk(record_passage_checks, form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        checks = FirePassageCheck.objects.visible_to(self.request.user).filter(passage__project=self.subject)
        context["open_defects"] = defects_of(self.request.user, checks).filter(fixed_at__isnull=True)
        return context


class TestView(RecordingMixin, FormView):
    """One test of one asset, with its result and report; a failed one opens a defect."""

    select_related = ("project",)
    template_name = "safety/fire/test_form.html"
    record_model = None
    link = ""
    title = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=self.record_model(**{self.link: self.subject}), now=self.now)
        return kwargs

    def form_valid(self, form):
        try:
            record = record_test(
                self.request.user, form.instance, channel=request_channel(self.request), now=self.now
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        message = _("已登记“%(asset)s”的%(what)s。") % {"asset": self.subject.name, "what": self.title}
        if record.defect is not None:
            message += " " + _("不合格项已登记为隐患，请按期整改。")
        messages.success(self.request, message)
        return redirect(self.subject.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(asset=self.subject, title=self.title)
        return context


class FireSystemTestView(TestView):
    subject_model = FireEquipment
    form_class = FireSystemTestForm
    record_model = FireSystemTest
    link = "equipment"
    title = gettext_lazy("年度全面检测")

    def dispatch(self, request, *args, **kwargs):
        # Only the fire systems are tested in full; a hydrant or an extinguisher has no such page.
        if request.user.is_authenticated and not (
            FireEquipment.objects.visible_to(request.user)
            .filter(pk=kwargs["pk"], kind__in=FULL_TEST_KINDS)
            .exists()
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class LightningTestView(TestView):
    subject_model = LightningProtection
    form_class = LightningTestForm
    record_model = LightningTest
    link = "protection"
    title = gettext_lazy("防雷检测")


class FloodCheckView(TestView):
    subject_model = FloodProtection
    form_class = FloodCheckForm
    record_model = FloodCheck
    link = "protection"
    title = gettext_lazy("防涝检查")
