"""Base classes of the REST API: every endpoint lists, reads and writes through visible_to/writable_by."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied

from wuye.core.actions import save_record


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key that accepts only objects the requesting user can see ("对象不存在" otherwise)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        return queryset.visible_to(request.user) if request else queryset.none()


class ScopedModelSerializer(serializers.ModelSerializer):
    """Runs the model's own validation (clean, constraints) so the API and the forms say the same."""

    serializer_related_field = ScopedRelatedField

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.build_instance(attrs)
        try:
            instance.full_clean(exclude=self.unvalidated_fields())
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error))
        self._validated_instance = instance
        return attrs

    def unvalidated_fields(self):
        return []

    def build_instance(self, attrs):
        model = self.Meta.model
        instance = (
            model(**{f.attname: getattr(self.instance, f.attname) for f in model._meta.concrete_fields})
            if (self.instance)
            else model()
        )
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

        try:
            return save_record(user, instance, save_m2m=save_m2m)
        except DjangoPermissionDenied:
            raise PermissionDenied
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error))

    def create(self, validated_data):
        return self.save_instance(validated_data)

    def update(self, instance, validated_data):
        return self.save_instance(validated_data)


class ScopedViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and update; no delete (registry records are kept, with their history).

    Reads come from ``visible_to`` (so an unseen object is 404); a seen but unwritable one is 403.
    """

    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self):
        model = self.serializer_class.Meta.model
        queryset = model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset

    def get_object(self):
        obj = super().get_object()
        if self.action in ("update", "partial_update"):
            model = type(obj)
            if not model.objects.writable_by(self.request.user).filter(pk=obj.pk).exists():
                raise PermissionDenied
        return obj
