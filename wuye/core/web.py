"""View helpers of the web pages shared by every app: scope of creation, nested create views, htmx.

Forms are in ``web_forms``, CSV export in ``web_csv``, change history in ``web_history``. They sit on top of the base views in ``wuye.core.views`` and never decide scope themselves: what a
user may add is the model's own ``scope_q(write=True)`` evaluated against the row about to exist.
"""

import re

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldError, PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from wuye.core.evidence import Channel
from wuye.core.scoping import scope_of

# -- scope ---------------------------------------------------------------------------------------


def may_add(user, model, **values) -> bool:
    """Whether ``user`` may create a ``model`` row with these foreign keys (e.g. ``enterprise=5``).

    The model's write rule is evaluated in the database against the values (``Q.check``), so the
    answer comes from the same place as ``writable_by``. The save still checks again.
    """
    scope = scope_of(user)
    if scope.everything:
        return True
    if scope.is_empty:
        return False
    against = {}
    for name, value in values.items():
        pk = getattr(value, "pk", value)
        against[name] = pk
        against[f"{name}_id"] = pk
    try:
        return model.scope_q(scope, write=True).check(against)
    except FieldError:  # a rule that cannot be judged from the parent alone: refuse rather than guess
        return False


def keeps_registry(user) -> bool:
    """Whether the user registers new top-level records (enterprises, projects): regulators, operators.

    Only a button and a 403 hang on this; the save itself is checked against the write scope.
    """
    return scope_of(user).oversees


class RegulatorOnlyMixin(LoginRequiredMixin):
    """Pages of regulators and operators only: any other signed-in role gets 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope_of(request.user).oversees:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RegistryCreateMixin:
    """A create view of a top-level record: only for those who keep the registry (else 403)."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not keeps_registry(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ParentLinkMixin:
    """Where a record's parent page is: its ``get_absolute_url``, or the named URL ``parent_url_name``."""

    parent_url_name = None

    def get_parent_url(self) -> str:
        if self.parent_url_name:
            return reverse(self.parent_url_name, args=[self.parent.pk])
        return self.parent.get_absolute_url()

    def get_success_url(self):
        return self.get_parent_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["parent"] = self.parent
        context["parent_url"] = self.get_parent_url()
        return context


class ParentMixin(ParentLinkMixin):
    """A create view under a parent (a licence under its enterprise): 404 unseen, 403 unwritable."""

    parent_model = None
    parent_field = ""
    parent_url_kwarg = "pk"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.parent = get_object_or_404(
            self.parent_model.objects.visible_to(request.user), pk=kwargs[self.parent_url_kwarg]
        )
        if not self.add_allowed():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def add_allowed(self) -> bool:
        return may_add(self.request.user, self.model, **{self.parent_field: self.parent})

    def new_instance(self):
        return self.model(**{self.parent_field: self.parent})

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.new_instance()
        return kwargs


class ChildUpdateMixin(ParentLinkMixin):
    """An update view of a record shown on its parent's page (a licence on its enterprise's page)."""

    parent_attr = ""

    @property
    def parent(self):
        return getattr(self.object, self.parent_attr)

    def get_queryset(self):
        return super().get_queryset().select_related(self.parent_attr)


class FormPageMixin:
    """Create and update views render the one generic form page with a title and a way back."""

    template_name = "form_page.html"
    title = ""
    cancel_url_name = "home"

    def get_title(self):
        return self.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.get_title()
        context["cancel_url"] = (
            self.get_success_url()
            if getattr(self, "object", None)
            else (context.get("parent_url") or reverse(self.cancel_url_name))
        )
        return context


# -- queries ------------------------------------------------------------------------------------


def count_of(queryset, field: str):
    """A correlated COUNT of ``queryset`` rows whose ``field`` is the outer row (0 when none)."""
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")[:1]), 0)


# -- public pages ---------------------------------------------------------------------------------


def page_language(request) -> str:
    """``?lang=en`` (a public page's own switch: a link, no form, so a cached page needs no CSRF token), else
    the visitor's language."""
    chosen = request.GET.get("lang", "")
    return chosen if chosen in dict(settings.LANGUAGES) else translation.get_language()


# -- htmx ----------------------------------------------------------------------------------------


def wants_fragment(request, target: str = "results") -> bool:
    """An htmx request that swaps only ``#target`` (not a history restore, which needs the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Target") == target
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


class FragmentMixin:
    """A list page whose table htmx can swap alone: the same view renders the page or the fragment."""

    fragment_template_name = ""

    def get_template_names(self):
        if wants_fragment(self.request):
            return [self.fragment_template_name]
        return super().get_template_names()

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request", "HX-Target"])
        return response


# A phone or tablet by its browser: what a record entered through the web was typed on (its channel).
MOBILE = re.compile(r"Mobi|Android|iPhone|iPad|iPod|HarmonyOS", re.IGNORECASE)


def request_channel(request) -> str:
    return Channel.PHONE if MOBILE.search(request.headers.get("User-Agent", "")) else Channel.WEB
