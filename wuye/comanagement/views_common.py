"""What the comanagement pages share: the project as its company sees it, and a form page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wuye.estates.models import Project
from wuye.estates.permissions import can_record_duties


def readable_project(request, pk) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user), pk=pk)


def project_for_company(request, pk) -> Project:
    """The project (404 unseen), for its company only (403 for those who only read)."""
    project = readable_project(request, pk)
    if not can_record_duties(request.user, project.pk):
        raise PermissionDenied
    return project


def form_page(request, form, save, *, title, parent, back, done):
    """Show the form; on a valid POST run ``save()`` (a use case, in one transaction); its refusals are
    the form's errors and nothing is written."""
    if request.method == "POST" and form.is_valid():
        try:
            save()
        except PermissionDenied:
            form.add_error(None, _("您无权在此范围内保存该记录。"))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(
        request,
        "form_page.html",
        {"form": form, "title": title, "parent": parent, "parent_url": back, "cancel_url": back},
    )
