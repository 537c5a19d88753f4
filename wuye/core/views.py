"""Base classes of the web pages: every list, detail and form reads and writes through the scope."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from wuye.core.actions import save_record
from wuye.core.scoping import scoped_queryset


class ScopedMixin(LoginRequiredMixin):
    model = None
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self):
        return scoped_queryset(
            self.model,
            self.request.user,
            select_related=self.select_related,
            prefetch_related=self.prefetch_related,
        )

    def can_write(self, obj) -> bool:
        return type(obj).objects.writable_by(self.request.user).filter(pk=obj.pk).exists()


class ScopedListView(ScopedMixin, FilterView):
    """A searchable, filterable, paginated list of what the user may see."""

    paginate_by = 20
    strict = False

    def get_paginate_by(self, queryset):
        try:
            return min(int(self.request.GET.get("per_page", self.paginate_by)), 200)
        except ValueError:
            return self.paginate_by

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["querystring"] = query.urlencode()
        return context


class ScopedDetailView(ScopedMixin, DetailView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = self.can_write(self.object)
        return context


class ScopedFormMixin(ScopedMixin):
    """Forms get the user (to limit their choices to his scope); saving goes through save_record."""

    success_message = gettext_lazy("已保存。")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            self.object = save_record(self.request.user, form.instance, save_m2m=form.save_m2m_after)
        except PermissionDenied:
            form.add_error(None, _("您无权在此范围内保存该记录。"))
            return self.form_invalid(form)
        except DjangoValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())


class ScopedCreateView(ScopedFormMixin, CreateView):
    pass


class ScopedUpdateView(ScopedFormMixin, UpdateView):
    def get_object(self, queryset=None):
        obj = super().get_object(queryset)  # 404 when unseen
        if not self.can_write(obj):
            raise PermissionDenied
        return obj


class ScopedModelForm:
    """Mixin for ModelForms: foreign-key choices are limited to what the user may see."""

    def __init__(self, *args, user=None, **kwargs):
        if user is None:
            raise Http404
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "visible_to"):
                field.queryset = queryset.visible_to(user)

    def save_m2m_after(self):
        self._save_m2m()
