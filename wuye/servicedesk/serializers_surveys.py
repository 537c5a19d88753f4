"""API representation of surveys (3.7): surveys with their questions, responses (created only
through ``actions_surveys.submit_response``), results, rectification items and their closure."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer
from wuye.core.evidence import Channel
from wuye.servicedesk.actions_surveys import close_rectification, save_rectification, submit_response
from wuye.servicedesk.choices_surveys import ResponseSource
from wuye.servicedesk.models import (
    Answer,
    Question,
    RectificationClosure,
    RectificationItem,
    Survey,
    SurveyResponse,
)

EVIDENCE_STAMPS = ["occurred_at", "recorded_at", "recorded_by", "channel", "backfilled", "hash"]


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = ["id", "position", "text", "kind", "options", "required", "topic"]
        read_only_fields = fields


class SurveySerializer(ScopedModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True)
    half_year = serializers.CharField(read_only=True, help_text=_("所属半年度，如 2026H1"))

    class Meta:
        model = Survey
        fields = [
            "id",
            "project",
            "title",
            "introduction",
            "opens_on",
            "closes_on",
            "half_year",
            "status",
            "created_by",
            "copied_from",
            "questions",
        ]
        read_only_fields = fields


class AnswerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Answer
        fields = ["question", "choice", "choices", "rating", "text"]
        read_only_fields = fields


class AnswerInputSerializer(serializers.Serializer):
    question = serializers.IntegerField(help_text=_("题目编号"))
    value = serializers.JSONField(
        help_text=_("单选、评价（satisfied / basic / dissatisfied）、文字：字符串；多选：字符串列表")
    )


class SurveyResponseSerializer(ScopedModelSerializer):
    """One household's answers. An owner answers online for a household he holds; the company types in
    paper forms (``source``: paper, with ``respondent_name``). A second answer of a household: 400."""

    answers = AnswerSerializer(many=True, read_only=True)
    answer_input = AnswerInputSerializer(many=True, write_only=True, source="answer_values", required=False)

    class Meta:
        model = SurveyResponse
        fields = [
            "id",
            "survey",
            "project",
            "household",
            "source",
            "respondent_name",
            "answers",
            "answer_input",
            *EVIDENCE_STAMPS,
        ]
        read_only_fields = ["project", *EVIDENCE_STAMPS]
        extra_kwargs = {"source": {"default": ResponseSource.ONLINE}}

    def validate(self, attrs):
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        data = {}
        for row in validated_data.get("answer_values", []):
            data[row["question"]] = (
                row["value"] if isinstance(row["value"], list) else str(row["value"] or "")
            )
        return self.call_action(
            lambda: submit_response(
                user,
                validated_data["survey"],
                validated_data["household"],
                data,
                source=validated_data.get("source", ResponseSource.ONLINE),
                respondent_name=validated_data.get("respondent_name", ""),
                channel=Channel.API,
            )
        )


class QuestionResultSerializer(serializers.Serializer):
    question = serializers.IntegerField(source="question.pk")
    text = serializers.CharField(source="question.text")
    kind = serializers.CharField(source="question.kind")
    answered = serializers.IntegerField()
    counts = serializers.SerializerMethodField()
    texts = serializers.ListField(child=serializers.CharField())

    def get_counts(self, result) -> list[dict]:
        return [
            {"option": label, "count": count, "share": percent} for label, count, percent in result.counts
        ]


class SurveyResultsSerializer(serializers.Serializer):
    survey = serializers.IntegerField(source="survey.pk")
    responses = serializers.IntegerField()
    households = serializers.IntegerField()
    response_rate = serializers.FloatField(help_text=_("参与率（%）"))
    questions = QuestionResultSerializer(many=True)


class RectificationItemSerializer(ScopedModelSerializer):
    closed_at = serializers.DateTimeField(source="closure.occurred_at", read_only=True, default=None)
    closure_note = serializers.CharField(source="closure.note", read_only=True, default=None)

    class Meta:
        model = RectificationItem
        fields = [
            "id",
            "project",
            "survey",
            "question",
            "answer",
            "problem",
            "responsible",
            "raised_on",
            "due_on",
            "deadline",
            "closed_at",
            "closure_note",
        ]
        read_only_fields = ["project", "deadline", "closed_at", "closure_note"]
        extra_kwargs = {"due_on": {"required": False, "allow_null": True}}

    def unvalidated_fields(self):
        return ["project", "due_on", "deadline", "created_by"]

    def save_instance(self, validated_data):
        user = self.context["request"].user
        return self.call_action(lambda: save_rectification(user, self._validated_instance))


class ClosureSerializer(serializers.ModelSerializer):
    class Meta:
        model = RectificationClosure
        fields = ["occurred_at", "note"]

    def create(self, validated_data):
        user = self.context["request"].user
        closure = RectificationClosure(item=self.context["item"], **validated_data)
        return ScopedModelSerializer.call_action(
            lambda: close_rectification(user, closure, channel=Channel.API)
        )
