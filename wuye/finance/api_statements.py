"""API: half-year statements with their lines (read; drafts created and edited by the company),
``publish`` and ``correct`` actions, and the account tree."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from wuye.core.api import ScopedReadOnlyViewSet, ScopedViewSet
from wuye.core.filters import DivisionPrefixFilter, ScopedFilterSet
from wuye.finance.models import Account, Statement
from wuye.finance.serializers_statements import AccountSerializer, StatementSerializer, correct, publish


class StatementFilter(ScopedFilterSet):
    division = DivisionPrefixFilter(field_name="project__division", label=_("项目所在区划（含下级）"))

    class Meta:
        model = Statement
        fields = ["project", "division", "year", "half", "status"]


class StatementViewSet(ScopedViewSet):
    """Half-year income and expense statements (收支情况表) with their lines; ``publish`` makes a draft
    final, ``correct`` starts a new version of a published one."""

    serializer_class = StatementSerializer
    filterset_class = StatementFilter
    ordering_fields = ["year", "half", "published_at"]
    select_related = ("project",)
    prefetch_related = ("lines__account",)

    def _respond(self, statement, code=200):
        statement = self.get_queryset().get(pk=statement.pk)
        return Response(StatementSerializer(statement, context={"request": self.request}).data, status=code)

    @extend_schema(request=None, responses=StatementSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._respond(publish(request.user, self.get_object()))

    @extend_schema(request=None, responses=StatementSerializer)
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        return self._respond(correct(request.user, self.get_object()), 201)


class AccountFilter(ScopedFilterSet):
    class Meta:
        model = Account
        fields = ["project", "kind", "parent"]


class AccountViewSet(ScopedReadOnlyViewSet, mixins.CreateModelMixin):
    """The accounts (收支科目) of the statements: the default two-level tree and projects' own; the
    company adds a project's level-2 accounts (never edited or deleted: statements point at them)."""

    serializer_class = AccountSerializer
    filterset_class = AccountFilter
    search_fields = ["code", "name"]
    select_related = ("parent",)

    def get_queryset(self):
        from wuye.finance.accounts_tree import ensure_default_accounts

        ensure_default_accounts()
        return super().get_queryset()


def register(router) -> None:
    router.register("statements", StatementViewSet, basename="statement")
    router.register("statement-accounts", AccountViewSet, basename="statement-account")
