"""Rankings and publications of grades through the API: read-only, for regulators (403 for other roles),
within their divisions (``visible_to``), the same queries as the pages."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, serializers

from wuye.compliance.filters import GradeFilter
from wuye.compliance.publication import GradePublication, PublishedGrade
from wuye.compliance.queries import with_latest_score, with_published_grade
from wuye.core.api import ScopedReadOnlyViewSet
from wuye.core.filters import DIVISION_CODE
from wuye.core.scoping import scope_of
from wuye.enterprises.models import Enterprise
from wuye.oversight.credit import credit_lists, serving_in
from wuye.oversight.views_credit import ranked


class IsRegulator(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and scope_of(request.user).oversees)


class RankingSerializer(serializers.ModelSerializer):
    rank = serializers.IntegerField(read_only=True)
    latest_score = serializers.DecimalField(max_digits=5, decimal_places=2, read_only=True, allow_null=True)
    latest_grade = serializers.CharField(read_only=True, allow_null=True)
    latest_on = serializers.DateField(read_only=True, allow_null=True)
    published_grade = serializers.CharField(read_only=True, allow_null=True)
    published_period_start = serializers.DateField(read_only=True, allow_null=True)
    published_period_end = serializers.DateField(read_only=True, allow_null=True)
    list_status = serializers.CharField(read_only=True, help_text=_("red：红名单；black：黑名单；空：未列入"))
    list_reason = serializers.CharField(read_only=True)

    class Meta:
        model = Enterprise
        fields = ["id", "name", "credit_code", "rank", "latest_score", "latest_grade", "latest_on"]
        fields += ["published_grade", "published_period_start", "published_period_end"]
        fields += ["list_status", "list_reason"]


class RankingFilter(django_filters.FilterSet):
    division = django_filters.CharFilter(
        label=_("行政区划（含下级）"),
        validators=[DIVISION_CODE],
        method="serving",
    )
    grade = GradeFilter()

    class Meta:
        model = Enterprise
        fields = ["division", "grade"]

    def serving(self, queryset, name, value):
        """As the pages: the enterprises registered in the division (or below) or serving an estate there."""
        return serving_in(queryset, value)


class CreditRankingViewSet(ScopedReadOnlyViewSet):
    """Enterprises ranked by live score, with their published grade and their credit list status."""

    serializer_class = RankingSerializer
    filterset_class = RankingFilter
    permission_classes = [IsRegulator]
    search_fields = ["name", "credit_code"]
    ordering_fields = ["name"]

    def get_queryset(self):
        rows = with_published_grade(with_latest_score(super().get_queryset(), "enterprise"))
        return ranked(rows).order_by("rank", "name", "pk")

    def with_lists(self, rows):
        entries = credit_lists([row.pk for row in rows], timezone.localdate())
        for row in rows:
            entry = entries.get(row.pk)
            row.list_status = entry.status if entry else ""
            row.list_reason = entry.reason if entry else ""
        return rows

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return None if page is None else self.with_lists(list(page))

    def get_object(self):
        return self.with_lists([super().get_object()])[0]


class PublishedGradeSerializer(serializers.ModelSerializer):
    class Meta:
        model = PublishedGrade
        fields = ["subject", "subject_name", "project", "enterprise", "score", "grade", "open_findings"]
        fields += ["snapshot_on"]


class PublicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = GradePublication
        fields = ["id", "division", "period_start", "period_end", "status", "built_at", "published_at"]
        fields += ["supersedes"]


class PublicationDetailSerializer(PublicationSerializer):
    rows = PublishedGradeSerializer(many=True, read_only=True)

    class Meta(PublicationSerializer.Meta):
        fields = [*PublicationSerializer.Meta.fields, "rows"]


class PublicationViewSet(ScopedReadOnlyViewSet):
    """Publications of grades per division and period (drafts, in force, superseded); the rows of one on its
    detail only (a region's publication holds thousands)."""

    serializer_class = PublicationSerializer
    permission_classes = [IsRegulator]
    filterset_fields = ["status", "division", "period_start"]

    def get_serializer_class(self):
        return PublicationDetailSerializer if self.action == "retrieve" else PublicationSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.prefetch_related("rows") if self.action == "retrieve" else queryset


def register(router) -> None:
    router.register("credit-rankings", CreditRankingViewSet, basename="credit-ranking")
    router.register("grade-publications", PublicationViewSet, basename="grade-publication")
