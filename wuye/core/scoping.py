"""The one mechanism that decides what a user may see and change: ``Model.objects.visible_to(user)``.

Each scoped model names its rule once, as ``scope_q(scope, write)`` returning a Q object; the
querysets, base views, API classes and exports all go through ``visible_to`` / ``writable_by``.
A user's ``Scope`` is read from his memberships once per request and cached on the user object.
"""

from dataclasses import dataclass, field, replace
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Scope:
    """What one user is bound to, role by role (ids of the bound objects)."""

    user_id: int | None = None
    everything: bool = False
    division_codes: frozenset[str] = field(default_factory=frozenset)
    enterprise_ids: frozenset[int] = field(default_factory=frozenset)
    staff_project_ids: frozenset[int] = field(default_factory=frozenset)
    developer_ids: frozenset[int] = field(default_factory=frozenset)
    committee_project_ids: frozenset[int] = field(default_factory=frozenset)
    household_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not self.everything and not any(
            (
                self.division_codes,
                self.enterprise_ids,
                self.staff_project_ids,
                self.developer_ids,
                self.committee_project_ids,
                self.household_ids,
            )
        )

    @property
    def project_member_ids(self) -> frozenset[int]:
        """Projects a staff member or a committee member is bound to."""
        return self.staff_project_ids | self.committee_project_ids

    @property
    def whole_project_readers(self) -> "Scope":
        """The roles that read an estate's private records (tickets, bills) project by project: every
        binding but an owner's households (he reads his own records only) and a developer's (none)."""
        return replace(self, household_ids=frozenset(), developer_ids=frozenset())

    @property
    def division_prefixes(self) -> list[str]:
        return [division_prefix(code) for code in sorted(self.division_codes)]

    @property
    def oversees(self) -> bool:
        """A regulator (bound to divisions) or an operator (who sees the whole region)."""
        return self.everything or bool(self.division_codes)

    def governs(self, code: str | None) -> bool:
        """Whether division ``code`` is one of the regulator's own or lies below one (never above or beside);
        an operator governs every division."""
        return self.everything or bool(code and any(code.startswith(p) for p in self.division_prefixes))


def division_prefix(code: str) -> str:
    """GB/T 2260: 150000 covers 15xxxx, 150200 covers 1502xx, a county covers itself."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def in_division(queryset, field: str, code: str):
    """Rows whose Division foreign key ``field`` lies in division ``code`` or below (list filters, API)."""
    return queryset.filter(**{f"{field}__code__startswith": division_prefix(code)})


def division_q(lookup: str, scope: Scope) -> Q:
    """Rows whose division (a GB/T 2260 code at ``lookup``) lies in the regulator's divisions."""
    parts = [Q(**{f"{lookup}__startswith": prefix}) for prefix in scope.division_prefixes]
    return reduce(or_, parts, NOTHING)


def own_q(scope: Scope, lookup: str = "user_id") -> Q:
    """Rows that belong to the signed-in user himself (never the rows with no user at all)."""
    return Q(**{lookup: scope.user_id}) if scope.user_id else NOTHING


def scope_of(user) -> Scope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    cached = getattr(user, "_wuye_scope", None)
    if cached is None:
        cached = user.build_scope()
        user._wuye_scope = cached
    return cached


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self._scoped(user, write=False)

    def writable_by(self, user):
        return self._scoped(user, write=True)

    def _scoped(self, user, *, write: bool):
        scope = scope_of(user)
        if scope.everything:
            return self
        if scope.is_empty:
            return self.none()
        return self.filter(self.model.scope_q(scope, write=write))


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


def scoped_queryset(model, user, *, select_related=(), prefetch_related=()):
    """What every page and endpoint starts from: the model's rows the user may see, with its joins."""
    queryset = model.objects.visible_to(user)
    if select_related:
        queryset = queryset.select_related(*select_related)
    if prefetch_related:
        queryset = queryset.prefetch_related(*prefetch_related)
    return queryset
