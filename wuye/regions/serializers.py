"""API representation of the GB/T 2260 divisions (reference data: read only)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wuye.regions.models import Division


class DivisionSerializer(serializers.ModelSerializer):
    # Every API item has an ``id``; a division's is its GB/T 2260 code.
    id = serializers.CharField(source="code", read_only=True)
    full_name = serializers.CharField(read_only=True, help_text=_("盟市+旗县区全称"))

    class Meta:
        model = Division
        fields = ["id", "code", "name", "full_name", "level", "parent"]
        read_only_fields = fields
