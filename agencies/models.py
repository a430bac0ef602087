"""Who publishes: the ministry's agencies and their staff. The provinces are in
provinces.py, the directory's history (FormerName, AgencyChange) in history_records.py;
both are imported here, where Django and the other apps look for the models."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.fields import NormalizedCharField
from core.language import is_english

from .history_records import AgencyChange, FormerName
from .provinces import REGION_COUNT, Province

__all__ = [
    "Agency",
    "AgencyChange",
    "AgencyQuerySet",
    "FormerName",
    "Membership",
    "Province",
    "REGION_COUNT",
]


WHOLE_WORD = 6  # letters, marks included: ศึกษาธิการ, การศึกษาขั้นพื้นฐาน; not วัด, ภาค


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

    def named_by(self, term):
        """Agencies a post search for `term` should also list the posts of: the term is in
        the abbreviation, begins or ends a name (current or former), begins a word of the
        English name, or is long enough (WHOLE_WORD) not to be a scrap of a Thai word. A
        short term inside a Thai name is usually part of another word: วัด (temple) in
        จังหวัด (province)."""
        parts = Q(abbreviation__icontains=term) | Q(name_en__icontains=f" {term}")
        for field in ("name", "name_en"):
            parts |= Q(**{f"{field}__istartswith": term}) | Q(**{f"{field}__iendswith": term})
        former = Q(text__istartswith=term) | Q(text__iendswith=term)
        if len(term) >= WHOLE_WORD:
            parts |= Q(name__icontains=term) | Q(name_en__icontains=term)
            former |= Q(text__icontains=term)
        return self.filter(parts | Q(pk__in=FormerName.objects.filter(former).values("agency_id")))

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
