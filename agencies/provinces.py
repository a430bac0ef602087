"""The provinces of Thailand, in Thai and English, with their education region."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.fields import NormalizedCharField
from core.language import is_english

REGION_COUNT = 18


class Province(models.Model):
    code = models.PositiveSmallIntegerField(_("code"), unique=True, help_text=_("ISO 3166-2:TH"))
    slug = models.SlugField(_("slug"), unique=True)
    name = NormalizedCharField(_("name (Thai)"), max_length=64, unique=True)
    name_en = NormalizedCharField(_("name (English)"), max_length=64, unique=True)
    region = models.PositiveSmallIntegerField(
        _("education region"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(REGION_COUNT)],
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        constraints = [
            models.CheckConstraint(
                condition=Q(region__isnull=True) | Q(region__gte=1, region__lte=REGION_COUNT),
                name="province_region_in_range",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.name_en if is_english() else self.name
