"""Base classes of the REST API: every endpoint lists, reads and writes through visible_to/writable_by."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.openapi import AutoSchema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.settings import api_settings
from rest_framework.validators import UniqueValidator

from wuye.core.actions import ensure_writable, save_record
from wuye.core.scoping import scoped_queryset


def api_validation_error(error: DjangoValidationError) -> serializers.ValidationError:
    """A model's ValidationError as the API shows it: field errors, and clean()'s own under non_field_errors."""
    detail = serializers.as_serializer_error(error)
    if NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    return serializers.ValidationError(detail)


class ScopedAutoSchema(AutoSchema):
    """OpenAPI operations tagged by the Chinese name of the records they serve (企业, 项目, ...)."""

    def get_tags(self):
        serializer_class = getattr(self.view, "serializer_class", None)
        model = getattr(getattr(serializer_class, "Meta", None), "model", None)
        return [str(model._meta.verbose_name_plural)] if model else super().get_tags()


# Ids are 64-bit: a larger number is no id at all (and would overflow the database driver: a 500).
MAX_ID = 2**63 - 1
ID_PATTERN = r"[0-9]{1,18}"


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key that accepts only objects the requesting user can see ("对象不存在" otherwise)."""

    def to_internal_value(self, data):
        try:
            too_large = abs(int(data)) > MAX_ID
        except (TypeError, ValueError):
            too_large = False
        if too_large:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        return queryset.visible_to(request.user) if request else queryset.none()


class NamedRef(serializers.Serializer):
    """A related record shown by id and name."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class ScopedModelSerializer(serializers.ModelSerializer):
    """Runs the model's own validation (clean, constraints) so the API and the forms say the same.

    Uniqueness is left to the model too (DRF's own unique validators are dropped): its messages are
    the ones the forms show ("该楼栋单元下已有此房号。"), and it sees normalised values.
    """

    serializer_related_field = ScopedRelatedField

    def get_validators(self):
        return []

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if "validators" in field_kwargs:
            field_kwargs["validators"] = [
                v for v in field_kwargs["validators"] if not isinstance(v, UniqueValidator)
            ]
        return field_class, field_kwargs

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.build_instance(attrs)
        try:
            instance.full_clean(exclude=self.unvalidated_fields())
        except DjangoValidationError as error:
            raise api_validation_error(error)
        self._validated_instance = instance
        return attrs

    def unvalidated_fields(self):
        return []

    def build_instance(self, attrs):
        """An unsaved copy of the record with ``attrs`` applied (the original stays as it was)."""
        model = self.Meta.model
        if self.instance is not None:
            instance = model(
                **{f.attname: getattr(self.instance, f.attname) for f in model._meta.concrete_fields}
            )
            # An edit, not a new row: unique and constraint checks must not clash with the row itself.
            instance._state.adding = False
            instance._state.db = self.instance._state.db
        else:
            instance = model()
        m2m = {f.name for f in model._meta.many_to_many}
        for name, value in attrs.items():
            if name not in m2m:
                setattr(instance, name, value)
        return instance

    def save_instance(self, validated_data):
        instance = self._validated_instance
        user = self.context["request"].user
        m2m = {
            name: value
            for name, value in validated_data.items()
            if name in {f.name for f in instance._meta.many_to_many}
        }

        def save_m2m():
            for name, value in m2m.items():
                getattr(instance, name).set(value)

        return self.call_action(lambda: save_record(user, instance, save_m2m=save_m2m))

    @staticmethod
    def call_action(action):
        """Run a use case of ``actions``; its refusals and validation errors become API errors."""
        try:
            return action()
        except DjangoPermissionDenied:
            raise PermissionDenied
        except DjangoValidationError as error:
            raise api_validation_error(error)

    def create(self, validated_data):
        return self.save_instance(validated_data)

    def update(self, instance, validated_data):
        return self.save_instance(validated_data)


class ScopedQuerysetMixin:
    """Reads come from ``visible_to``, so an object the user may not see is 404, never its data."""

    schema = ScopedAutoSchema()
    lookup_value_regex = ID_PATTERN
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple = ()

    def get_queryset(self):
        return scoped_queryset(
            self.serializer_class.Meta.model,
            self.request.user,
            select_related=self.select_related,
            prefetch_related=self.prefetch_related,
        )


class ScopedReadOnlyViewSet(
    ScopedQuerysetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """List and read reference data (divisions)."""


class ScopedViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and update; no delete (registry records are kept, with their history).

    Reads come from ``visible_to`` (so an unseen object is 404); a seen but unwritable one is 403.
    """

    def get_object(self):
        obj = super().get_object()
        if self.action in ("update", "partial_update"):
            ensure_writable(self.request.user, obj)  # Django's PermissionDenied: DRF answers 403
        return obj
