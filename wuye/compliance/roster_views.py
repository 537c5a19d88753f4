"""The pages that plan a roster, shared by every roster (entrances 4.1, service centres 3.3).

They sit on a view that has found the page's ``subject`` (404 unseen, 403 for those who only read it)
and set ``now``; a roster's views name its fields, its actions and its words.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _


class RosterShiftCreateMixin:
    """Put someone on the roster of ``subject``, for one shift or the same shift on several days."""

    person_field = None  # "guard", "attendant": the form's and the action's name for who is on duty
    subject_field = None  # "entrance", "centre": the title's placeholder
    title_format = None  # gettext_lazy("排班：%(entrance)s")
    add_shifts = None  # staticmethod(the roster's action)
    template_name = "form_page.html"

    def get_initial(self):
        # The next shift to plan: from the end of the last one on the roster, eight hours long.
        last = self.subject.shifts.order_by("-ends_at").values_list("ends_at", flat=True).first()
        start = timezone.localtime(max(last or self.now, self.now)).replace(second=0, microsecond=0)
        return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=8), "repeat_days": 0}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            shifts = self.add_shifts(
                self.request.user,
                self.subject,
                **{self.person_field: data[self.person_field]},
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                repeat_days=data["repeat_days"],
                now=self.now,
            )
        except ValidationError as error:
            form.add_error(None, error)  # errors of a field land on it
            return self.form_invalid(form)
        messages.success(self.request, _("已排班 %(count)s 个班次。") % {"count": len(shifts)})
        return redirect(self.subject.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=str(self.title_format) % {self.subject_field: self.subject},
            cancel_url=self.subject.get_absolute_url(),
        )
        return context


class RosterShiftDeleteMixin:
    """Take a shift (``subject``) that has not begun off its roster (POST); GET asks first."""

    subject_field = None  # "entrance", "centre": the shift's roster, as the template calls it
    remove_shift = None  # staticmethod(the roster's action)
    delete_template = None

    def get(self, request, pk):
        roster = getattr(self.subject, self.subject_field)
        return render(request, self.delete_template, {"shift": self.subject, self.subject_field: roster})

    def post(self, request, pk):
        roster = getattr(self.subject, self.subject_field)
        try:
            self.remove_shift(request.user, self.subject, now=self.now)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已删除该班次。"))
        return redirect(roster.get_absolute_url())
