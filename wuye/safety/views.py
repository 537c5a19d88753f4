"""Pages of the safety duties: power rooms, their rounds and defects, and the forms staff record them with.

Evidence pages only add: there is no page to edit or delete a round or a fix. Recording pages answer
404 where the user cannot see the room (or defect) and 403 where he sees it but does not record the
project's duties (regulators, committees, owners, developers: ``can_record_duties``).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wuye.core.views import ScopedCreateView, ScopedDetailView, ScopedUpdateView
from wuye.core.web import ChildUpdateMixin, FormPageMixin, ParentMixin, request_channel
from wuye.estates.models import Project
from wuye.estates.permissions import can_record_duties
from wuye.safety.actions import fix_defect, record_power_round
from wuye.safety.forms import DefectFixForm, PowerRoomForm, PowerRoundForm
from wuye.safety.models import Defect, DefectFix, PowerRoom, PowerRound
from wuye.safety.queries import last_round, open_defects, supply_rows

ROUNDS_PER_PAGE = 24  # a day of hourly rounds
# Phones and tablets say so in their user agent; the channel is only a label on the record.
# Power rooms


class PowerRoomDetailView(ScopedDetailView):
    """A power room with its open defects and its rounds, newest first, a day per page."""

    model = PowerRoom
    template_name = "safety/power_room_detail.html"
    select_related = ("project",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, room = self.request.user, self.object
        rounds = (
            PowerRound.objects.visible_to(user)
            .filter(power_room=room)
            .select_related("recorded_by")
            .order_by("-occurred_at", "-pk")
        )
        page = Paginator(rounds, ROUNDS_PER_PAGE).get_page(self.request.GET.get("page"))
        for power_round in page:
            power_round.supply_rows = supply_rows(power_round, room.supplies)
        context.update(
            page_obj=page,
            rounds=page.object_list,
            defects=open_defects(PowerRoom.objects.filter(pk=room.pk), user),
            can_record=can_record_duties(user, room.project_id),
            now=timezone.now(),
        )
        return context


class PowerRoomCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    model = PowerRoom
    form_class = PowerRoomForm
    parent_model = Project
    parent_field = "project"
    title = gettext_lazy("登记配电室")

    def get_success_url(self):
        return self.object.get_absolute_url()


class PowerRoomUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    model = PowerRoom
    form_class = PowerRoomForm
    parent_attr = "project"
    title = gettext_lazy("修改配电室")

    def get_success_url(self):
        return self.object.get_absolute_url()


# Recording


class RecordingMixin(LoginRequiredMixin):
    """A page that records evidence about ``subject_model`` (404 unseen, 403 for those who only read)."""

    subject_model = None
    select_related: tuple[str, ...] = ()
    # Where the subject's project id is: "project_id", "entrance.project_id", "pk" (the project itself).
    project_path = "project_id"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        visible = self.subject_model.objects.visible_to(request.user).select_related(*self.select_related)
        self.subject = get_object_or_404(visible, pk=kwargs["pk"])
        project_id = self.subject
        for name in self.project_path.split("."):
            project_id = getattr(project_id, name)
        if not can_record_duties(request.user, project_id):
            raise PermissionDenied
        self.now = timezone.now()
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            self.record(form.instance)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message())
        return redirect(self.get_success_url())


class PowerRoundCreateView(RecordingMixin, FormView):
    """The phone form of one round: one tap per supply, submit, and the form is back for the next room."""

    subject_model = PowerRoom
    select_related = ("project",)
    form_class = PowerRoundForm
    template_name = "safety/power_round_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.last = last_round(self.subject, self.request.user)
        kwargs.update(
            instance=PowerRound(power_room=self.subject),
            now=self.now,
            last=self.last,
            inspector=self.request.user.full_name,
        )
        return kwargs

    def record(self, power_round):
        record_power_round(
            self.request.user, power_round, channel=request_channel(self.request), now=self.now
        )
        self.saved = power_round

    def success_message(self):
        when = timezone.localtime(self.saved.occurred_at).strftime("%H:%M")
        message = _("已记录 %(room)s %(time)s 的巡视。") % {"room": self.subject.name, "time": when}
        if self.saved.problems.strip():
            message += " " + _("发现的问题已登记为隐患，请按期处理。")
        return message

    def get_success_url(self):
        return self.request.path

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(room=self.subject, last=self.last, now=self.now)
        return context


class DefectFixView(RecordingMixin, FormView):
    """Record that a defect was repaired or reported to the authority (a DefectFix, through fix_defect)."""

    subject_model = Defect
    select_related = ("project",)
    form_class = DefectFixForm
    template_name = "safety/defect_fix_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=DefectFix(defect=self.subject), now=self.now)
        return kwargs

    def record(self, fix):
        fix_defect(self.request.user, fix, channel=request_channel(self.request), now=self.now)

    def success_message(self):
        return _("已记录隐患处理情况。")

    def get_success_url(self):
        room = source_room(self.subject)
        return room.get_absolute_url() if room else self.subject.project.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(defect=self.subject, room=source_room(self.subject), now=self.now)
        return context


def source_room(defect):
    """The power room whose round reported the defect (None for a defect from another record)."""
    label, _sep, pk = defect.source.partition(":")
    if label != PowerRound._meta.label_lower or not pk.isdigit():
        return None
    return PowerRoom.objects.filter(rounds__pk=int(pk)).first()
