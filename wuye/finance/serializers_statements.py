"""API shapes of the half-year statements: a statement with its lines; drafts are written through
``actions_statements`` (the same validation as the form), never directly."""

import datetime

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer, ScopedRelatedField
from wuye.core.evidence import Channel
from wuye.finance.actions_statements import (
    add_project_account,
    publish_statement,
    save_statement,
    start_correction,
)
from wuye.finance.dues_statements import statement_due
from wuye.finance.models import Account, Statement, StatementLine


class AccountSerializer(serializers.ModelSerializer):
    """An account; a project's own level-2 account is created under a default level-1 one."""

    serializer_related_field = ScopedRelatedField
    level = serializers.IntegerField(read_only=True)

    class Meta:
        model = Account
        fields = ["id", "code", "name", "kind", "parent", "level", "project"]
        read_only_fields = ["kind"]

    def get_validators(self):
        return []  # the action decides uniqueness, with its own message

    def validate(self, attrs):
        missing = {name: _("必填。") for name in ("project", "parent") if not attrs.get(name)}
        if missing:
            raise serializers.ValidationError(missing)
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        data = validated_data
        return ScopedModelSerializer.call_action(
            lambda: add_project_account(user, data["project"].pk, data["parent"], data["code"], data["name"])
        )


class StatementLineSerializer(serializers.ModelSerializer):
    account = ScopedRelatedField(queryset=Account.objects.all())
    code = serializers.CharField(source="account.code", read_only=True)
    name = serializers.CharField(source="account.name", read_only=True)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        model = StatementLine
        fields = ["account", "code", "name", "amount"]


class StatementSerializer(serializers.ModelSerializer):
    serializer_related_field = ScopedRelatedField
    lines = StatementLineSerializer(many=True)
    due = serializers.SerializerMethodField(help_text=_("公布期限"))

    class Meta:
        model = Statement
        fields = [
            "id",
            "project",
            "year",
            "half",
            "version",
            "corrects",
            "status",
            "opening_balance",
            "closing_balance",
            "parking_to_shortfall",
            "note",
            "published_at",
            "due",
            "lines",
        ]
        read_only_fields = ["version", "corrects", "status", "published_at"]

    def get_due(self, statement) -> datetime.datetime:
        return statement_due(statement.period_start, statement.project.division_id)

    def validate_lines(self, lines):
        accounts = [line["account"].pk for line in lines]
        if len(set(accounts)) != len(accounts):
            raise serializers.ValidationError(_("同一科目只能填写一行。"))
        return lines

    def validate(self, attrs):
        if self.instance is not None and "project" in attrs and attrs["project"] != self.instance.project:
            raise serializers.ValidationError({"project": _("不能更改收支情况表所属的项目。")})
        return attrs

    def save_draft(self, statement, validated_data):
        lines = validated_data.pop("lines", None)
        for name, value in validated_data.items():
            setattr(statement, name, value)
        if lines is None:
            amounts = {line.account_id: line.amount for line in statement.lines.all()}
        else:
            amounts = {line["account"].pk: line["amount"] for line in lines}
        user = self.context["request"].user
        return ScopedModelSerializer.call_action(lambda: save_statement(user, statement, amounts))

    def create(self, validated_data):
        return self.save_draft(Statement(), validated_data)

    def update(self, instance, validated_data):
        return self.save_draft(instance, validated_data)


def publish(user, statement):
    return ScopedModelSerializer.call_action(lambda: publish_statement(user, statement, channel=Channel.API))


def correct(user, statement):
    return ScopedModelSerializer.call_action(lambda: start_correction(user, statement))
