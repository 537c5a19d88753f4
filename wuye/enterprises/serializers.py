"""API representation of the enterprise registry; validation is the models' own (see ScopedModelSerializer)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.core.api import ScopedModelSerializer
from wuye.core.validators import normalise_credit_code, validate_citizen_id
from wuye.enterprises.actions import save_staff
from wuye.enterprises.models import Certificate, Employment, Enterprise, Licence, Post, Staff

# Validated by the model's clean() with the rule that failed (length, characters, area, check character);
# a serializer max_length would answer first with a generic message.
CREDIT_CODE = {"max_length": None, "help_text": _("18位统一社会信用代码（GB 32100）")}


class EnterpriseSerializer(ScopedModelSerializer):
    registered_area = serializers.CharField(read_only=True, help_text=_("信用代码第3–8位对应的登记地"))

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "name",
            "credit_code",
            "division",
            "registered_area",
            "legal_representative",
            "address",
            "service_phone",
        ]
        extra_kwargs = {"credit_code": CREDIT_CODE}

    def validate_credit_code(self, value):
        # Spaces and lower case are only how people type it; the model checks the normalised code.
        return normalise_credit_code(value)


class LicenceSerializer(ScopedModelSerializer):
    is_expired = serializers.BooleanField(read_only=True)

    class Meta:
        model = Licence
        fields = [
            "id",
            "enterprise",
            "kind",
            "number",
            "issuer",
            "valid_from",
            "valid_to",
            "is_expired",
            "scan",
        ]
        # Scans are uploaded through the web form, which checks their type and size.
        read_only_fields = ["scan"]


class StaffSerializer(ScopedModelSerializer):
    """The citizen ID number goes in (write only) and comes out masked; never the stored ciphertext."""

    id_number = serializers.CharField(
        write_only=True,
        required=False,
        trim_whitespace=True,
        help_text=_("18位身份证号码；新建时必填，修改时留空表示不变"),
    )

    class Meta:
        model = Staff
        fields = ["id", "enterprise", "name", "id_number", "id_number_masked", "phone"]
        read_only_fields = ["id_number_masked"]

    def validate_id_number(self, value):
        try:
            return validate_citizen_id(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages)

    def validate(self, attrs):
        if self.instance is None and not attrs.get("id_number"):
            raise serializers.ValidationError({"id_number": [_("请填写身份证号码。")]})
        return super().validate(attrs)

    def build_instance(self, attrs):
        return super().build_instance({k: v for k, v in attrs.items() if k != "id_number"})

    def save_instance(self, validated_data):
        staff = self._validated_instance
        user = self.context["request"].user
        return self.call_action(lambda: save_staff(user, staff, validated_data.get("id_number")))


class IdNumberSerializer(serializers.Serializer):
    id_number = serializers.CharField(read_only=True, help_text=_("完整身份证号码（每次查看均记录）"))


class CertificateSerializer(ScopedModelSerializer):
    class Meta:
        model = Certificate
        fields = ["id", "staff", "kind", "number", "issuer", "valid_from", "valid_to", "scan"]
        read_only_fields = ["scan"]


class EmploymentSerializer(ScopedModelSerializer):
    class Meta:
        model = Employment
        fields = [
            "id",
            "staff",
            "start_date",
            "contract_start",
            "contract_end",
            "status",
            "ended_on",
            "end_reason",
        ]


class PostSerializer(ScopedModelSerializer):
    staff_name = serializers.CharField(source="staff.name", read_only=True)
    project_name = serializers.CharField(source="project.name", read_only=True)

    class Meta:
        model = Post
        fields = [
            "id",
            "staff",
            "staff_name",
            "project",
            "project_name",
            "kind",
            "start",
            "end",
            "certificate",
        ]
