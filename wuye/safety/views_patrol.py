"""Pages of clause 4.1: entrances and their roster, patrol routes, points and stickers, the check-in a
sticker opens on a phone, and cameras with their status checks.

Registers (entrances, routes, points, cameras) are kept like the power rooms. The roster, stickers and
check-ins are for the people who record the project's duties (``can_record_duties``): 404 where the
user cannot see the record, 403 where he only reads it.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from wuye.compliance.duties import start_of_day
from wuye.compliance.parameters import param
from wuye.compliance.roster_views import RosterShiftCreateMixin, RosterShiftDeleteMixin
from wuye.compliance.rosters import roster_days
from wuye.core.views import ScopedCreateView, ScopedDetailView, ScopedUpdateView
from wuye.core.web import ChildUpdateMixin, FormPageMixin, ParentMixin, request_channel
from wuye.estates.models import Project
from wuye.estates.permissions import can_record_duties
from wuye.safety.actions import (
    add_shifts,
    record_camera_checks,
    record_check_in,
    remove_shift,
    rotate_sticker,
)
from wuye.safety.forms import (
    CameraChecksForm,
    CameraForm,
    EntranceForm,
    PatrolPointForm,
    PatrolRouteForm,
    ShiftForm,
)
from wuye.safety.models import (
    Camera,
    CameraCheck,
    DutyShift,
    Entrance,
    PatrolCheckIn,
    PatrolPoint,
    PatrolRound,
    PatrolRoute,
)
from wuye.safety.stickers import (
    StickerError,
    check_current,
    read_token,
    sticker_png,
    sticker_svg,
    sticker_url,
)
from wuye.safety.views import RecordingMixin

ROUNDS_PER_PAGE = 24
ROSTER_DAYS = 7  # the roster page shows this many days ahead (and behind)
CLIENT_TIME_FIELDS = ("occurred_at", "recorded_at", "time", "timestamp")


# -- entrances and the roster ----------------------------------------------------------------------------


class EntranceDetailView(ScopedDetailView):
    """An entrance with its roster a week behind and a week ahead, and the hours nobody is on it."""

    model = Entrance
    template_name = "safety/entrance_detail.html"
    select_related = ("project",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, entrance = self.request.user, self.object
        now, today = timezone.now(), timezone.localdate()
        start = start_of_day(today - datetime.timedelta(days=ROSTER_DAYS))
        end = start_of_day(today + datetime.timedelta(days=ROSTER_DAYS + 1))
        shifts = list(
            DutyShift.objects.visible_to(user)
            .filter(entrance=entrance, ends_at__gt=start, starts_at__lt=end)
            .order_by("starts_at", "pk")
        )
        days, holes = roster_days(
            shifts,
            start_of_day(entrance.in_service_from),
            today=today,
            around=ROSTER_DAYS,
            active=entrance.active,
        )
        context.update(
            days=days,
            upcoming_holes=[(a, b) for a, b in holes if b > now],
            can_record=can_record_duties(user, entrance.project_id),
            now=now,
        )
        return context


class EntranceCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    model = Entrance
    form_class = EntranceForm
    parent_model = Project
    parent_field = "project"
    title = gettext_lazy("登记出入口")

    def get_initial(self):
        return {"in_service_from": timezone.localdate()}  # the checks count from the first day

    def get_success_url(self):
        return self.object.get_absolute_url()


class EntranceUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    model = Entrance
    form_class = EntranceForm
    parent_attr = "project"
    title = gettext_lazy("修改出入口")

    def get_success_url(self):
        return self.object.get_absolute_url()


class ShiftCreateView(RosterShiftCreateMixin, RecordingMixin, FormView):
    """Put a guard on an entrance's roster, for one shift or the same shift on several days."""

    subject_model = Entrance
    select_related = ("project",)
    form_class = ShiftForm
    person_field = "guard"
    subject_field = "entrance"
    title_format = gettext_lazy("排班：%(entrance)s")
    add_shifts = staticmethod(add_shifts)


class ShiftDeleteView(RosterShiftDeleteMixin, RecordingMixin, View):
    """Take a shift that has not begun off the roster (POST); GET asks first."""

    subject_model = DutyShift
    select_related = ("entrance__project",)
    project_path = "entrance.project_id"
    subject_field = "entrance"
    remove_shift = staticmethod(remove_shift)
    delete_template = "safety/shift_delete.html"


# -- patrol routes, points and stickers -------------------------------------------------------------------


def last_check_in_at(user):
    latest = PatrolCheckIn.objects.visible_to(user).filter(point=OuterRef("pk")).order_by("-occurred_at")
    return Subquery(latest.values("occurred_at")[:1])


class PatrolRouteDetailView(ScopedDetailView):
    """A route: its points (with stickers), the last week's completeness, and its rounds newest first."""

    model = PatrolRoute
    template_name = "safety/patrol_route_detail.html"
    select_related = ("project",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, route = self.request.user, self.object
        now = timezone.now()
        points = list(
            PatrolPoint.objects.visible_to(user).filter(route=route).annotate(last_at=last_check_in_at(user))
        )
        rounds = PatrolRound.objects.visible_to(user).filter(route=route).order_by("-occurred_at", "-pk")
        page = Paginator(rounds, ROUNDS_PER_PAGE).get_page(self.request.GET.get("page"))
        week = rounds.filter(occurred_at__gte=now - datetime.timedelta(days=7)).aggregate(
            total=Count("pk"), complete=Count("pk", filter=Q(completed_at__isnull=False))
        )
        far = PatrolCheckIn.objects.visible_to(user).filter(
            point__route=route, far_from_point=True, occurred_at__gte=now - datetime.timedelta(days=7)
        )
        window = param("4.1.patrol_gap", "round_window", route.project.division_id, timezone.localdate())
        last_complete = rounds.filter(completed_at__isnull=False).aggregate(at=Max("occurred_at"))["at"]
        context.update(
            points=points,
            page_obj=page,
            rounds=page.object_list,
            week=week,
            week_rate=round(100 * week["complete"] / week["total"]) if week["total"] else None,
            far_check_ins=far.select_related("point", "recorded_by").order_by("-occurred_at")[:10],
            last_complete=last_complete,
            window=window,
            can_record=can_record_duties(user, route.project_id),
            now=now,
        )
        return context


class PatrolRouteCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    model = PatrolRoute
    form_class = PatrolRouteForm
    parent_model = Project
    parent_field = "project"
    title = gettext_lazy("登记巡更路线")

    def get_initial(self):
        return {"in_service_from": timezone.localdate()}  # the checks count from the first day

    def get_success_url(self):
        return self.object.get_absolute_url()


class PatrolRouteUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    model = PatrolRoute
    form_class = PatrolRouteForm
    parent_attr = "project"
    title = gettext_lazy("修改巡更路线")

    def get_success_url(self):
        return self.object.get_absolute_url()


class PatrolPointCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    model = PatrolPoint
    form_class = PatrolPointForm
    parent_model = PatrolRoute
    parent_field = "route"
    title = gettext_lazy("添加巡更点")

    def get_initial(self):
        return {"order": self.parent.points.count() + 1}

    def get_success_url(self):
        return self.object.route.get_absolute_url()


class PatrolPointUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    model = PatrolPoint
    form_class = PatrolPointForm
    parent_attr = "route"
    title = gettext_lazy("修改巡更点")

    def get_success_url(self):
        return self.object.route.get_absolute_url()


class PointRecordingMixin(RecordingMixin):
    """Pages about a point for those who record its project's duties (stickers, rotation)."""

    subject_model = PatrolPoint
    select_related = ("route__project",)
    project_path = "route.project_id"


class StickerSheetView(RecordingMixin, View):
    """A printable sheet of the route's stickers: QR code, point, route and project on each."""

    subject_model = PatrolRoute
    select_related = ("project",)

    def get(self, request, pk):
        points = PatrolPoint.objects.visible_to(request.user).filter(route=self.subject, active=True)
        stickers = [
            (point, mark_safe(sticker_svg(sticker_url(point))))  # noqa: S308 (segno's own SVG)
            for point in points
        ]
        return render(request, "safety/sticker_sheet.html", {"route": self.subject, "stickers": stickers})


class StickerImageView(PointRecordingMixin, View):
    """One sticker as a file to print elsewhere: SVG or PNG, the point's name under the code."""

    def get(self, request, pk, kind):
        point = self.subject
        url = sticker_url(point)
        caption = f"{point.route.project.name} · {point.name}"
        filename = f"patrol-point-{point.pk}-v{point.key_version}.{kind}"
        if kind == "svg":
            response = HttpResponse(sticker_svg(url, caption), content_type="image/svg+xml; charset=utf-8")
        else:
            response = HttpResponse(sticker_png(url, caption), content_type="image/png")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class RotateStickerView(PointRecordingMixin, View):
    """Replace a point's sticker: the printed one stops working at once (POST); GET asks first."""

    def get(self, request, pk):
        return render(request, "safety/sticker_rotate.html", {"point": self.subject})

    def post(self, request, pk):
        point = rotate_sticker(request.user, self.subject)
        messages.success(
            request,
            _("已更换“%(point)s”的二维码（第%(version)s版）；旧贴纸已作废，请打印新贴纸替换。")
            % {"point": point.name, "version": point.key_version},
        )
        return redirect(point.route.get_absolute_url())


# -- the check-in a sticker opens ------------------------------------------------------------------------


def optional_decimal(value, low, high):
    """A coordinate from the browser, or None when missing or not a number in range (never an error)."""
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def optional_int(value):
    try:
        number = round(float(value))
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 100000 else None


def round_progress(patrol_round, user):
    """The points of a round's route with whether (and when) each was checked in this round."""
    if patrol_round is None:
        return None
    done = {}
    for point_id, when in (
        PatrolCheckIn.objects.visible_to(user)
        .filter(patrol_round=patrol_round)
        .values_list("point_id", "occurred_at")
    ):
        done.setdefault(point_id, when)
    points = PatrolPoint.objects.visible_to(user).filter(route_id=patrol_round.route_id, active=True)
    rows = [(point, done.get(point.pk)) for point in points]
    total = max(patrol_round.points_total, len(rows))
    return {
        "round": patrol_round,
        "rows": rows,
        "done": patrol_round.points_done,
        "total": total,
        "percent": round(100 * patrol_round.points_done / total) if total else 0,
    }


class ScanView(LoginRequiredMixin, View):
    """What a sticker's QR code opens: the point, the route's round so far, and one button to check in.

    The check-in's time is the server's; a time sent by the page is ignored and said so. The phone's
    location is taken where the browser gives it (the page asks; a refusal does not stop the check-in).
    """

    template_name = "safety/scan.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.token = read_token(kwargs["token"])
        except StickerError as error:
            return self.refuse(error.message, status=400)
        point = (
            PatrolPoint.objects.visible_to(request.user)
            .select_related("route__project")
            .filter(pk=self.token.point_id)
            .first()
        )
        if point is None:
            return self.refuse(_("找不到这个巡更点，或您无权查看它所在的项目。"), status=404)
        self.point = point
        try:
            check_current(self.token, point)
        except StickerError as error:
            return self.refuse(error.message, status=410)
        if not can_record_duties(request.user, point.route.project_id):
            return self.refuse(
                _("您不是“%(project)s”的工作人员，不能在此签到。") % {"project": point.route.project.name},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def refuse(self, message, *, status):
        return render(self.request, "safety/scan_refused.html", {"message": message}, status=status)

    def current_round(self, now):
        route = self.point.route
        window = param("4.1.patrol_gap", "round_window", route.project.division_id, timezone.localdate(now))
        return (
            PatrolRound.objects.visible_to(self.request.user)
            .filter(route=route, occurred_at__gte=now - window)
            .order_by("-occurred_at", "-pk")
            .first()
        )

    def get(self, request, token):
        now = timezone.now()
        checked = None
        if request.GET.get("done", "").isdigit():
            checked = (
                PatrolCheckIn.objects.visible_to(request.user)
                .filter(pk=int(request.GET["done"]), point=self.point, recorded_by=request.user)
                .select_related("patrol_round")
                .first()
            )
        patrol_round = checked.patrol_round if checked else self.current_round(now)
        context = {
            "point": self.point,
            "route": self.point.route,
            "checked": checked,
            "progress": round_progress(patrol_round, request.user),
            "now": now,
        }
        return render(request, self.template_name, context)

    def post(self, request, token):
        ignored = [name for name in CLIENT_TIME_FIELDS if request.POST.get(name)]
        try:
            check_in = record_check_in(
                request.user,
                self.point,
                key_version=self.token.key_version,
                latitude=optional_decimal(request.POST.get("latitude"), -90, 90),
                longitude=optional_decimal(request.POST.get("longitude"), -180, 180),
                accuracy=optional_int(request.POST.get("accuracy")),
                channel=request_channel(request),
            )
        except (ValidationError, StickerError) as error:
            message = error.message if isinstance(error, StickerError) else " ".join(error.messages)
            return self.refuse(message, status=400)
        if ignored:
            messages.warning(request, _("签到时间以服务器时间为准，页面提交的时间已忽略。"))
        when = timezone.localtime(check_in.occurred_at)
        text = _("已在“%(point)s”签到，时间 %(time)s（服务器时间）。") % {
            "point": self.point.name,
            "time": when.strftime("%H:%M:%S"),
        }
        if check_in.far_from_point:
            text += " " + _("定位距点位约%(distance)s米，已标记为位置偏远。") % {
                "distance": check_in.distance
            }
        messages.success(request, text)
        return redirect(f"{request.path}?done={check_in.pk}")


# -- cameras ------------------------------------------------------------------------------------------


class CameraDetailView(ScopedDetailView):
    model = Camera
    template_name = "safety/camera_detail.html"
    select_related = ("project",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, camera = self.request.user, self.object
        checks = (
            CameraCheck.objects.visible_to(user)
            .filter(camera=camera)
            .select_related("recorded_by")
            .order_by("-occurred_at", "-pk")
        )
        page = Paginator(checks, ROUNDS_PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(
            page_obj=page,
            checks=page.object_list,
            can_record=can_record_duties(user, camera.project_id),
        )
        return context


class CameraCreateView(FormPageMixin, ParentMixin, ScopedCreateView):
    model = Camera
    form_class = CameraForm
    parent_model = Project
    parent_field = "project"
    title = gettext_lazy("登记监控摄像机")

    def get_initial(self):
        return {"in_service_from": timezone.localdate()}  # the checks count from the first day

    def get_success_url(self):
        return self.object.get_absolute_url()


class CameraUpdateView(FormPageMixin, ChildUpdateMixin, ScopedUpdateView):
    model = Camera
    form_class = CameraForm
    parent_attr = "project"
    title = gettext_lazy("修改监控摄像机")

    def get_success_url(self):
        return self.object.get_absolute_url()


class CameraChecksView(RecordingMixin, FormView):
    """The morning check of every camera of a project on one phone page: working, or what is wrong."""

    subject_model = Project
    project_path = "pk"
    form_class = CameraChecksForm
    template_name = "safety/camera_checks_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        cameras = Camera.objects.visible_to(self.request.user).filter(project=self.subject, active=True)
        kwargs.update(cameras=list(cameras.order_by("name")), now=self.now)
        return kwargs

    def form_valid(self, form):
        if not form.cameras:
            form.add_error(None, _("本项目尚未登记在用的摄像机。"))
            return self.form_invalid(form)
        try:
            record_camera_checks(
                self.request.user,
                self.subject,
                form.results(),
                channel=request_channel(self.request),
                occurred_at=form.cleaned_data["occurred_at"],
                now=self.now,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        faulty = sum(1 for working, _note in form.results().values() if not working)
        messages.success(
            self.request,
            _("已记录 %(count)s 台摄像机的检查，其中故障 %(faulty)s 台。")
            % {"count": len(form.cameras), "faulty": faulty},
        )
        return redirect(self.subject.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["project"] = self.subject
        return context
