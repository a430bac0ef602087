"""The directory's history as rows: the names an agency was known by (FormerName) and
every change made to it (AgencyChange). agencies/history.py writes them; models.py
imports them so Django finds them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import NormalizedCharField


class FormerName(models.Model):
    """A name an agency was known by until `replaced_on`: still found by search and the
    staff import, and shown in reports for the periods it was in use.

    Rows with `merged_from` are the names of another agency merged into this one: found,
    but never this agency's own name as of a date.
    """

    class Form(models.TextChoices):
        NAME = "name", _("name (Thai)")
        NAME_EN = "name_en", _("name (English)")
        ABBREVIATION = "abbreviation", _("abbreviation (Thai)")
        OTHER = "other", _("other name")

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="former_names",
    )
    text = NormalizedCharField(_("former name"), max_length=200)
    form = models.CharField(_("form"), max_length=16, choices=Form.choices)
    replaced_on = models.DateField(
        _("replaced on"), help_text=_("The day the next name took effect.")
    )
    merged_from = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("merged from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-replaced_on", "pk"]
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "text", "form", "replaced_on"], name="former_name_once"
            )
        ]

    def __str__(self):
        return self.text


class AgencyChange(models.Model):
    """One entry in the directory's history: what changed, from when, by whom."""

    class Kind(models.TextChoices):
        RENAMED = "renamed", _("renamed")
        MOVED = "moved", _("moved")
        MERGED = "merged", _("merged into another agency")
        ABSORBED = "absorbed", _("took in a merged agency")
        RETIRED = "retired", _("retired")
        REACTIVATED = "reactivated", _("reactivated")

    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    kind = models.CharField(_("change"), max_length=16, choices=Kind.choices)
    effective_on = models.DateField(_("effective from"))
    # The fields that changed, as {field: value} before and after (slugs for agencies).
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    other = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("other agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = NormalizedCharField(_("note"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Empty for changes shipped with the software."),
    )
    changed_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-effective_on", "-changed_at", "-pk"]
        verbose_name = _("directory change")
        verbose_name_plural = _("directory changes")
        indexes = [models.Index(fields=["kind", "effective_on"], name="agency_change_by_kind")]

    def __str__(self):
        return f"{self.agency}: {self.get_kind_display()}"

    def summary(self):
        """What changed, for people: "ชื่อ (ไทย): A → B", the agency merged into, …"""
        agency = self._meta.get_field("agency").related_model._meta  # no query for the row
        parts = []
        for name in dict.fromkeys([*self.before, *self.after]):
            if name in SHOWN_FIELDS:
                field = agency.get_field(name)
                before, after = _shown(field, self.before), _shown(field, self.after)
                parts.append(f"{field.verbose_name}: {before} → {after}")
        if self.other_id:
            parts.insert(0, str(self.other))
        return "; ".join(parts)


SHOWN_FIELDS = {"name", "name_en", "abbreviation", "kind", "group", "parent"}


def _shown(field, values):
    """The field's value in `values` as people read it: a kind's or group's label, "–" for
    none."""
    value = values.get(field.name)
    if not value:
        return "–"
    return str(dict(field.flatchoices).get(value, value))
