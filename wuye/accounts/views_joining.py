"""Pages of owners joining: the public join page (a code), the join request, the committee's queue, the
invitation sheet of a building, and password reset by email.

The join pages are public (an owner has no account yet); everything else is scoped: a building or a
request the user may not see is 404.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuye.accounts import actions_joining as actions
from wuye.accounts.forms_joining import (
    AddHouseholdForm,
    DecisionForm,
    JoinForm,
    JoinRequestForm,
    NewPasswordForm,
    ResetForm,
    SignedInJoinRequestForm,
)
from wuye.accounts.models import InvitationCode, JoinRequest, JoinRequestStatus
from wuye.estates.models import Building, Household, Owner, Project

REQUESTS_PER_PAGE = 20
BACKEND = "django.contrib.auth.backends.ModelBackend"


def refuse(form, error: ValidationError) -> None:
    """An action's refusal on the form: on its field where the form has it, else at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, texts in error.message_dict.items():
        form.add_error(name if name in form.fields else None, texts)


def join(request):
    """Redeem an invitation code: a new owner account, or one more household for a signed-in owner."""
    signed_in = request.user.is_authenticated
    form_class = AddHouseholdForm if signed_in else JoinForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if signed_in:
                user = actions.redeem_code(
                    data["code"], client=actions.client_address(request), user=request.user
                )
            else:
                user = actions.redeem_code(
                    data["code"],
                    client=actions.client_address(request),
                    name=data["name"],
                    phone=data["phone"],
                    username=data["username"],
                    password=data["password1"],
                    email=data["email"],
                )
        except ValidationError as error:
            refuse(form, error)
        else:
            if not signed_in:
                login(request, user, backend=BACKEND)
            messages.success(request, _("绑定成功，您现在可以查看本户的信息了。"))
            return redirect("home")
    return render(request, "accounts/joining/join.html", {"form": form, "signed_in": signed_in})


def join_request(request):
    """Ask the committee to confirm you as the owner of a household of the register (no code needed)."""
    projects = Project.objects.order_by("name")
    project = None
    if request.GET.get("project", "").isdigit():
        project = projects.filter(pk=request.GET["project"]).first()
    form = None
    if project is not None:
        signed_in = request.user.is_authenticated
        form_class = SignedInJoinRequestForm if signed_in else JoinRequestForm
        initial = {"name": request.user.full_name, "phone": request.user.phone} if signed_in else {}
        form = form_class(request.POST or None, project=project, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                user = request.user
                if not signed_in:
                    user = actions.create_account(
                        username=data["username"],
                        password=data["password1"],
                        name=data["name"],
                        phone=data["phone"],
                        email=data["email"],
                    )
                actions.request_to_join(user, data["household"], name=data["name"], phone=data["phone"])
            except ValidationError as error:
                refuse(form, error)
            else:
                if not signed_in:
                    login(request, user, backend=BACKEND)
                messages.success(request, _("申请已提交，业主委员会核实后您即可查看本户信息。"))
                return redirect("home")
    return render(
        request,
        "accounts/joining/join_request.html",
        {"projects": projects, "project": project, "form": form},
    )


@login_required
def join_requests(request):
    """The committee's queue: pending requests of its projects, each beside the register's owners."""
    requests = JoinRequest.objects.writable_by(request.user).select_related(
        "household__building", "household__project", "user"
    )
    status = request.GET.get("status", JoinRequestStatus.PENDING)
    if status in JoinRequestStatus.values:
        requests = requests.filter(status=status)
    requests = requests.prefetch_related(
        Prefetch("household__owners", Owner.objects.order_by("name"), to_attr="registered")
    )
    page = Paginator(requests.order_by("created_at", "pk"), REQUESTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/joining/join_requests.html",
        {"page_obj": page, "status": status, "statuses": JoinRequestStatus.choices, "form": DecisionForm()},
    )


@login_required
@require_POST
def decide_join_request(request, pk):
    join = get_object_or_404(JoinRequest.objects.visible_to(request.user).select_related("household"), pk=pk)
    if not actions.can_decide(request.user, join):
        raise PermissionDenied  # the applicant sees his request; only the committee decides
    form = DecisionForm(request.POST)
    form.is_valid()
    new_status = JoinRequestStatus.CONFIRMED if "confirm" in request.POST else JoinRequestStatus.REFUSED
    try:
        actions.set_status(request.user, join, new_status, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已处理：%(request)s") % {"request": join})
    return redirect("join-requests")


@login_required
def invitation_sheet(request, pk):
    """A building's codes: their states, and (POST) a new sheet to print, one slip per household."""
    building = get_object_or_404(Building.objects.visible_to(request.user).select_related("project"), pk=pk)
    if not actions.can_issue_codes(request.user, building.project_id):
        raise PermissionDenied
    households = Household.objects.filter(building=building).select_related("building", "project")
    if request.method == "POST":
        issued = actions.issue_codes(request.user, households)
        return render(
            request,
            "accounts/joining/invitation_print.html",
            {"building": building, "issued": issued, "join_url": request.build_absolute_uri(reverse("join"))},
        )
    codes = InvitationCode.objects.filter(household__building=building).select_related("household__building")
    page = Paginator(codes.order_by("-issued_at", "pk"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/joining/invitation_sheet.html",
        {"building": building, "page_obj": page, "household_count": households.count()},
    )


@login_required
@require_POST
def revoke_invitation(request, pk):
    invitation = get_object_or_404(
        InvitationCode.objects.select_related("household__building", "household__project").filter(
            household__in=Household.objects.visible_to(request.user)
        ),
        pk=pk,
    )
    try:
        actions.revoke_code(request.user, invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("邀请码已作废。"))
    return redirect("invitation-sheet", invitation.household.building_id)


# -- password reset by email (Django's views, our templates) ---------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
