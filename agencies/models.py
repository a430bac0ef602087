"""Who publishes: the provinces of Thailand and the ministry's agencies."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jitarsa.fields import NormalizedCharField
from jitarsa.language import is_english

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


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def search(self, text):
        """Agencies whose Thai or English name or abbreviation, current or former, contains
        every word of `text` (so "กศน." still finds the department it became)."""
        qs = self
        for term in text.split():
            former = FormerName.objects.filter(text__icontains=term).values("agency_id")
            qs = qs.filter(
                Q(name__icontains=term)
                | Q(name_en__icontains=term)
                | Q(abbreviation__icontains=term)
                | Q(pk__in=former)
            )
        return qs

    def successor_of(self, slug):
        """The agency now answering for `slug`: itself, or the one it was merged into."""
        agency = self.filter(slug=slug).select_related("merged_into").first()
        seen = set()
        while agency is not None and agency.merged_into_id and agency.pk not in seen:
            seen.add(agency.pk)
            agency = agency.merged_into
        return agency

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def directory(self):
        """The directory as sections by kind; the long lists of offices can be collapsed."""
        agencies = list(self.select_related("parent", "province"))
        if is_english():
            agencies.sort(key=lambda a: (a.order, a.name_en or a.name))
        sections = []
        for kind in DIRECTORY_ORDER:
            members = [a for a in agencies if a.kind == kind]
            if kind == Agency.Kind.PROVINCIAL:
                members.sort(key=lambda a: a.province.display_name if a.province else a.name)
            if members:
                sections.append(
                    DirectorySection(
                        kind=kind,
                        title=Agency.Kind(kind).label,
                        agencies=members,
                        collapsible=kind in COLLAPSIBLE_KINDS,
                    )
                )
        return sections


class Agency(models.Model):
    class Kind(models.TextChoices):
        CENTRAL = "central", _("central office")
        COMMISSION = "commission", _("commission office")
        DEPARTMENT = "department", _("department")
        REGIONAL = "regional", _("regional education office")
        PROVINCIAL = "provincial", _("provincial education office")
        AFFILIATED = "affiliated", _("affiliated organisation")

    class Group(models.TextChoices):
        """The organisation groups the committee's reports are cut by."""

        OPS = "ops", _("Office of the Permanent Secretary and its units")
        OBEC = "obec", _("Office of the Basic Education Commission")
        OVEC = "ovec", _("Office of the Vocational Education Commission")
        ONEC = "onec", _("Office of the Education Council")
        DOLE = "dole", _("Department of Learning Encouragement")
        AFFILIATED = "affiliated", _("Organisations under the ministry's supervision")

    name = NormalizedCharField(_("name (Thai)"), max_length=200)
    name_en = NormalizedCharField(_("name (English)"), max_length=200, blank=True)
    abbreviation = NormalizedCharField(_("abbreviation (Thai)"), max_length=40, blank=True)
    slug = models.SlugField(
        _("slug"), unique=True, help_text=_("Stable ASCII name used in web addresses.")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    group = models.CharField(_("organisation group"), max_length=16, choices=Group.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    region = models.PositiveSmallIntegerField(
        _("education region"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(REGION_COUNT)],
        help_text=_("1–18, for regional education offices."),
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    is_active = models.BooleanField(_("active"), default=True)
    retired_on = models.DateField(_("retired on"), null=True, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_agencies",
        editable=False,
    )
    order = models.PositiveIntegerField(_("display order"), default=0)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = NormalizedCharField(_("telephone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="regional")
                | Q(region__isnull=False, region__gte=1, region__lte=REGION_COUNT),
                name="regional_office_has_region",
            ),
            models.CheckConstraint(
                condition=Q(region__isnull=True) | Q(region__gte=1, region__lte=REGION_COUNT),
                name="agency_region_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(kind="provincial") | Q(province__isnull=False),
                name="provincial_office_has_province",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="agency_not_own_parent"),
            models.CheckConstraint(
                condition=Q(retired_on__isnull=True) | Q(is_active=False),
                name="retired_agency_is_inactive",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | Q(retired_on__isnull=False),
                name="merged_agency_is_retired",
            ),
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")), name="agency_not_merged_into_itself"
            ),
        ]
        indexes = [models.Index(fields=["group", "kind"])]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        # The database can only refuse a direct self-reference; longer cycles are caught here.
        if self.pk and self.parent_id and self._parent_chain_contains_self():
            raise ValidationError(
                _("An agency cannot be placed under itself or its own sub-agency.")
            )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agencies:detail", args=[self.slug])

    @property
    def website_link(self):
        """The website as a link only when it is a web address (never javascript:…)."""
        return self.website if self.website.lower().startswith(("http://", "https://")) else ""

    @property
    def display_name(self):
        return (self.name_en or self.name) if is_english() else self.name

    @property
    def short_name(self):
        """The abbreviation Thai readers know (สพฐ.), else the full name."""
        if is_english():
            return self.name_en or self.name
        return self.abbreviation or self.name

    def former_names_shown(self):
        """Its own earlier full names in the reader's language, newest first (not the
        names of agencies merged into it)."""
        form = FormerName.Form.NAME_EN if is_english() else FormerName.Form.NAME
        return self.former_names.filter(merged_from=None, form=form).order_by("-replaced_on")

    def ancestors(self):
        """Parent, grandparent, … up to the root (stops at a cycle rather than looping)."""
        seen, node = {self.pk}, self.parent
        while node is not None and node.pk not in seen:
            yield node
            seen.add(node.pk)
            node = node.parent

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == self.Kind.REGIONAL and not self.region:
            errors["region"] = _("A regional education office needs its region number (1–18).")
        if self.kind == self.Kind.PROVINCIAL and not self.province_id:
            errors["province"] = _("A provincial education office needs its province.")
        if self.parent_id and self.pk and self._parent_chain_contains_self():
            errors["parent"] = _("An agency cannot be placed under itself or its own sub-agency.")
        if errors:
            raise ValidationError(errors)

    def _parent_chain_contains_self(self):
        node, seen = self.parent, set()
        while node is not None and node.pk not in seen:
            if node.pk == self.pk:
                return True
            seen.add(node.pk)
            node = node.parent
        return False


@dataclass
class DirectorySection:
    kind: str
    title: str
    agencies: list
    collapsible: bool


DIRECTORY_ORDER = [
    Agency.Kind.CENTRAL,
    Agency.Kind.REGIONAL,
    Agency.Kind.PROVINCIAL,
    Agency.Kind.COMMISSION,
    Agency.Kind.DEPARTMENT,
    Agency.Kind.AFFILIATED,
]
COLLAPSIBLE_KINDS = {Agency.Kind.REGIONAL, Agency.Kind.PROVINCIAL}


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(agency__is_active=True, user__is_active=True)


class Membership(models.Model):
    """A staff account serves one or more agencies (e.g. a provincial office and its region)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="memberships"
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency membership")
        verbose_name_plural = _("agency memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="one_membership_per_agency")
        ]

    def __str__(self):
        return f"{self.user} – {self.agency}"


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
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="former_names"
    )
    text = NormalizedCharField(_("former name"), max_length=200)
    form = models.CharField(_("form"), max_length=16, choices=Form.choices)
    replaced_on = models.DateField(
        _("replaced on"), help_text=_("The day the next name took effect.")
    )
    merged_from = models.ForeignKey(
        Agency,
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
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="changes"
    )
    kind = models.CharField(_("change"), max_length=16, choices=Kind.choices)
    effective_on = models.DateField(_("effective from"))
    # The fields that changed, as {field: value} before and after (slugs for agencies).
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    other = models.ForeignKey(
        Agency,
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
        parts = [
            f"{Agency._meta.get_field(name).verbose_name}: "
            f"{_shown(name, self.before.get(name))} → {_shown(name, self.after.get(name))}"
            for name in dict.fromkeys([*self.before, *self.after])
            if name in SHOWN_FIELDS
        ]
        if self.other_id:
            parts.insert(0, str(self.other))
        return "; ".join(parts)


SHOWN_FIELDS = {"name", "name_en", "abbreviation", "kind", "group", "parent"}


def _shown(name, value):
    if not value:
        return "–"
    if name == "kind" and value in Agency.Kind.values:
        return str(Agency.Kind(value).label)
    if name == "group" and value in Agency.Group.values:
        return str(Agency.Group(value).label)
    return str(value)
