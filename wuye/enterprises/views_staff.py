"""Pages of an enterprise's staff: an employee, his posts, certificates and labour contracts, his ID."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wuye.core.views import ScopedCreateView, ScopedDetailView, ScopedUpdateView
from wuye.core.web import ChildUpdateMixin, FormPageMixin, ParentMixin, may_add, wants_fragment
from wuye.core.web_history import history_rows
from wuye.enterprises.actions import can_reveal_id_number, reveal_id_number, save_staff
from wuye.enterprises.forms import CertificateForm, EmploymentForm, PostForm, StaffForm
from wuye.enterprises.models import Certificate, Employment, Enterprise, Post, Staff


def staff_url(staff) -> str:
    # Staff has no get_absolute_url (the model is not the web's to change), so the pages name it here.
    return reverse("staff-detail", args=[staff.pk])


class StaffDetailView(ScopedDetailView):
    model = Staff
    template_name = "enterprises/staff_detail.html"
    select_related = ("enterprise",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, staff = self.request.user, self.object
        context.update(
            posts=Post.objects.visible_to(user).filter(staff=staff).select_related("project"),
            certificates=Certificate.objects.visible_to(user).filter(staff=staff),
            employments=Employment.objects.visible_to(user).filter(staff=staff),
            can_add_records=may_add(user, Post, staff=staff),
            can_reveal=can_reveal_id_number(user, staff),
            history=history_rows(staff),
        )
        return context


class StaffFormMixin(FormPageMixin):
    """Saving an employee goes through ``save_staff`` (the ID number is encrypted there, never here)."""

    model = Staff
    form_class = StaffForm

    def form_valid(self, form):
        try:
            self.object = save_staff(self.request.user, form.instance, form.cleaned_data.get("id_number"))
        except PermissionDenied:
            form.add_error(None, _("您无权在此范围内保存该记录。"))
            return self.form_invalid(form)
        except DjangoValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(staff_url(self.object))


class StaffCreateView(StaffFormMixin, ParentMixin, ScopedCreateView):
    parent_model = Enterprise
    parent_field = "enterprise"
    title = gettext_lazy("登记员工")


class StaffUpdateView(StaffFormMixin, ChildUpdateMixin, ScopedUpdateView):
    parent_attr = "enterprise"
    title = gettext_lazy("修改员工信息")

    def get_success_url(self):
        return staff_url(self.object)


@never_cache
@login_required
@require_POST
def reveal_staff_id(request, pk):
    """Show one employee's full ID number once, to a role that needs it; the disclosure is logged."""
    staff = get_object_or_404(Staff.objects.visible_to(request.user), pk=pk)
    if not can_reveal_id_number(request.user, staff):
        raise PermissionDenied
    number = reveal_id_number(request.user, staff, channel="web", ip=request.META.get("REMOTE_ADDR"))
    fragment = wants_fragment(request, f"id-{staff.pk}")
    template = "enterprises/_staff_id.html" if fragment else "enterprises/staff_id.html"
    response = render(request, template, {"staff": staff, "id_number": number})
    response["Cache-Control"] = "no-store"
    return response


class StaffRecordCreateMixin(FormPageMixin, ParentMixin):
    """Posts, certificates and labour contracts are added under an employee."""

    parent_model = Staff
    parent_field = "staff"
    parent_url_name = "staff-detail"


class StaffRecordUpdateMixin(FormPageMixin, ChildUpdateMixin):
    parent_attr = "staff"
    parent_url_name = "staff-detail"


class PostCreateView(StaffRecordCreateMixin, ScopedCreateView):
    model = Post
    form_class = PostForm
    title = gettext_lazy("安排岗位")


class PostUpdateView(StaffRecordUpdateMixin, ScopedUpdateView):
    model = Post
    form_class = PostForm
    title = gettext_lazy("修改岗位")


class CertificateCreateView(StaffRecordCreateMixin, ScopedCreateView):
    model = Certificate
    form_class = CertificateForm
    title = gettext_lazy("登记证书")


class CertificateUpdateView(StaffRecordUpdateMixin, ScopedUpdateView):
    model = Certificate
    form_class = CertificateForm
    title = gettext_lazy("修改证书")


class EmploymentCreateView(StaffRecordCreateMixin, ScopedCreateView):
    model = Employment
    form_class = EmploymentForm
    title = gettext_lazy("登记劳动合同")


class EmploymentUpdateView(StaffRecordUpdateMixin, ScopedUpdateView):
    model = Employment
    form_class = EmploymentForm
    title = gettext_lazy("修改劳动合同")
