"""Choices of the animals part (5.2)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PetKind(models.TextChoices):
    DOG = "dog", _("犬")
    CAT = "cat", _("猫")
    OTHER = "other", _("其他宠物")


class AnimalKind(models.TextChoices):
    POULTRY = "poultry", _("家禽")
    LIVESTOCK = "livestock", _("家畜")
    OTHER = "other", _("其他动物")
