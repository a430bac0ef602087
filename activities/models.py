"""What is published: volunteer activities, their photos and their review history."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Province
from agencies.roles import agency_ids_of, is_coordinator
from jitarsa import thaidate
from jitarsa.fields import NormalizedCharField, NormalizedTextField
from jitarsa.language import is_english
from jitarsa.text import normalize, slugify_thai

from . import credits, search
from .workflow import EDITABLE_STATUSES, Action, Status

# The volunteer programme began in 2559 (2016): no activity is older. The database refuses
# dates outside [FIRST_DATE, DATE_LIMIT) whatever the path (admin, import, shell): a
# Buddhist-era year stored as a Common-Era one (2565 → 3108) lands beyond the limit. The
# forms are stricter (Activity.date_bounds: at most a year ahead), which a constraint cannot
# be, since it may not depend on today.
FIRST_DATE = datetime.date(2016, 1, 1)
DATE_LIMIT = datetime.date(2100, 1, 1)


class ActivityTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class ActivityType(models.Model):
    name = NormalizedCharField(_("name (Thai)"), max_length=100, unique=True)
    name_en = NormalizedCharField(_("name (English)"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ActivityTypeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return (self.name_en or self.name) if is_english() else self.name


def _editable(user):
    """The one rule for who may change a post, as a condition (see editable_by)."""
    live = Q(archived_at__isnull=True)
    if is_coordinator(user):
        return live
    return live & Q(agency_id__in=agency_ids_of(user), status__in=EDITABLE_STATUSES)


# How readers may order a list: the column behind each choice. "published" is the
# readers' "latest" (a post published today comes first, whatever the activity's date).
ORDERS = {"published": "published_at", "date": "start_date"}
DEFAULT_ORDER = "published"
PARTNER_IDS_INLINE = 2000
# What the feed's filters read, carried in its order indexes (see Activity.Meta.indexes).
FILTERED = ["agency", "activity_type", "province"]


class ActivityQuerySet(models.QuerySet):
    def public(self):
        """What anyone may read: published and not archived."""
        return self.filter(status=Status.PUBLISHED, archived_at__isnull=True)

    def live(self):
        """Everything not archived (soft-deleted) by a coordinator."""
        return self.filter(archived_at__isnull=True)

    def waiting(self):
        """Posts waiting for a coordinator's review."""
        return self.live().filter(status=Status.SUBMITTED)

    def involving(self, agency):
        """Posts the agency led or took part in, each once (no JOIN, no DISTINCT).

        The partnered posts' ids are read first and written into the query as a list, so
        PostgreSQL combines the agency index with the primary key; `agency OR id IN
        (subquery)` made it walk every published post (0.35 s at 100,000). An agency that
        partnered in more than PARTNER_IDS_INLINE posts gets the subquery: right, slower.
        """
        partnered = Activity.partners.through.objects.filter(agency=agency)
        ids = list(partnered.values_list("activity_id", flat=True)[: PARTNER_IDS_INLINE + 1])
        if len(ids) > PARTNER_IDS_INLINE:
            ids = partnered.values("activity_id")
        return self.filter(Q(agency=agency) | Q(pk__in=ids))

    def in_order(self, order=DEFAULT_ORDER):
        """Newest first by publication (the default) or by the activity's date; the id
        breaks ties so every row has one place (keyset pages rely on it)."""
        return self.order_by(f"-{ORDERS[order]}", "-pk")

    def newest_first(self):
        return self.in_order("published")

    def older_than(self, order, value, pk):
        """The rows after (value, pk) in `in_order(order)`. The plain `<=` lets the index
        start at the cursor instead of walking every newer row."""
        field = ORDERS[order]
        after = Q(**{f"{field}__lt": value}) | Q(**{field: value, "pk__lt": pk})
        return self.filter(after, **{f"{field}__lte": value}).in_order(order)

    def down_to(self, order, value, pk):
        """The rows from the top of `in_order(order)` down to (value, pk) included."""
        field = ORDERS[order]
        within = Q(**{f"{field}__gt": value}) | Q(**{field: value, "pk__gte": pk})
        return self.filter(within, **{f"{field}__gte": value}).in_order(order)

    def newer_than(self, order, value, pk):
        """The rows before (value, pk) in `in_order(order)`, nearest first."""
        field = ORDERS[order]
        before = Q(**{f"{field}__gt": value}) | Q(**{field: value, "pk__gt": pk})
        return self.filter(before, **{f"{field}__gte": value}).order_by(field, "pk")

    def for_cards(self):
        """Everything a card shows, in a fixed number of queries whatever the page size,
        without the story and its search text, which no card shows."""
        return (
            self.select_related("agency", "activity_type", "province")
            .defer("body", "search_text")
            .with_cover()
        )

    def visible_to(self, user, *, archived=False):
        """The posts a signed-in user may open in the staff area and the admin: their
        agencies' (lead or partner), or all of them for coordinators. Archived posts are
        a coordinator's deletions: only coordinators see them, and only when asked."""
        if is_coordinator(user):
            return self if archived else self.live()
        ids = agency_ids_of(user)
        partnered = Activity.partners.through.objects.filter(agency_id__in=ids)
        return self.live().filter(Q(agency_id__in=ids) | Q(pk__in=partnered.values("activity_id")))

    def editable_by(self, user):
        """The posts a user may change: any live post for coordinators; for agency staff,
        their agencies' (as lead) while a draft or returned."""
        return self.filter(_editable(user))

    def with_can_edit(self, user):
        """Each row says whether `user` may change it (`can_edit`), by the rule of
        editable_by, for lists that show an Edit link on some rows only."""
        rule = When(_editable(user), then=Value(True))
        return self.annotate(can_edit=Case(rule, default=Value(False)))

    def in_progress(self):
        """Posts still being written (draft or returned): only these are autosaved, so a
        coordinator's half-typed change never shows on a published page."""
        return self.filter(status__in=EDITABLE_STATUSES)

    def search(self, text):
        """Every space-separated term must appear (inside words too: Thai has no spaces)
        in the title, story, place or credits (`search_text`, see search.py), or in the
        agency's name. Matching agencies are looked up first because an OR across the join
        would force a scan of every post."""
        qs = self
        # Typed like the stored text is cleaned: a term pasted with a zero-width space
        # or a decomposed Thai vowel still finds the post.
        for term in normalize(text, multiline=False).split()[: search.MAX_TERMS]:
            match = Q(search_text__contains=search.encode(term))
            agency_ids = list(Agency.objects.search(term).values_list("pk", flat=True)[:500])
            if agency_ids:
                match |= Q(agency_id__in=agency_ids)
            qs = qs.filter(match)
        return qs

    def with_cover(self):
        return self.prefetch_related(
            models.Prefetch(
                "photos",
                queryset=Photo.objects.visible().filter(is_cover=True),
                to_attr="cover_photos",
            )
        )


class Activity(models.Model):
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="activities",
        help_text=_("The agency that led the activity."),
    )
    partners = models.ManyToManyField(
        Agency,
        verbose_name=_("partner agencies"),
        blank=True,
        related_name="partner_activities",
        help_text=_("Other agencies that took part. The activity appears on their pages too."),
    )
    title = NormalizedCharField(_("title"), max_length=200)
    slug = models.CharField(_("slug"), max_length=80, blank=True, editable=False)
    # Null only in a draft started by its first photo or autosave, before these were typed:
    # the forms still require them and a constraint keeps them set from submission on.
    activity_type = models.ForeignKey(
        ActivityType, verbose_name=_("activity type"), on_delete=models.PROTECT, null=True
    )
    start_date = models.DateField(_("date"), null=True)
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Only for activities of several days.")
    )
    venue = NormalizedCharField(_("place"), max_length=200)
    province = models.ForeignKey(
        Province, verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT
    )
    participants = models.PositiveIntegerField(_("number of participants"), null=True)
    volunteer_hours = models.DecimalField(
        _("volunteer hours"), max_digits=9, decimal_places=1, null=True, blank=True
    )
    body = NormalizedTextField(
        _("story"),
        help_text=_("Plain text. Leave a blank line between paragraphs. Links become clickable."),
    )
    # The name(s) only; the role is added when shown (credits.py).
    news_credit = NormalizedCharField(_("news by"), max_length=200, blank=True)
    photo_credit = NormalizedCharField(_("photos by"), max_length=200, blank=True)
    tags = NormalizedCharField(
        _("tags"), max_length=200, blank=True, help_text=_("Comma-separated.")
    )
    # What the public search matches: the searched fields encoded by search.searchable().
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    consent_confirmed = models.BooleanField(
        _("the people pictured agreed to publication"), default=False
    )
    minors_pictured = models.BooleanField(_("children under 18 are pictured"), default=False)

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    review_note = NormalizedTextField(_("coordinator's note"), blank=True, editable=False)
    is_featured = models.BooleanField(_("featured on the home page"), default=False, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="activities",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, editable=False)

    objects = ActivityQuerySet.as_manager()

    FIRST_DATE = FIRST_DATE
    REQUIRED_FOR_REVIEW = ("title", "activity_type", "start_date", "venue", "participants", "body")

    class Meta:
        ordering = ["-start_date", "-pk"]
        permissions = [
            ("review_activity", _("Can publish, return, unpublish and feature posts")),
            ("view_reports", _("Can see and export the committee reports")),
        ]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="activity_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(volunteer_hours__isnull=True) | Q(volunteer_hours__gte=0),
                name="activity_hours_not_negative",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_activity_has_date",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(start_date__gte=FIRST_DATE, start_date__lt=DATE_LIMIT),
                name="activity_date_in_programme_years",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(end_date__gte=FIRST_DATE, end_date__lt=DATE_LIMIT),
                name="activity_end_date_in_programme_years",
            ),
            # A draft may lack these until they are typed (its first photo made it); a post
            # sent for review never does.
            models.CheckConstraint(
                condition=Q(status__in=EDITABLE_STATUSES)
                | (
                    Q(activity_type__isnull=False, start_date__isnull=False)
                    & Q(participants__isnull=False)
                    & ~Q(title="")
                ),
                name="reviewed_activity_is_complete",
            ),
        ]
        indexes = [
            # public().newest_first() (the feed, home's latest, the RSS feeds) and its keyset
            # pages older_than("published", ...): 20 rows read in index order at any depth.
            # The included columns let a filter by agency, type, province or date be checked
            # in the index itself on the way to page 50 (PostgreSQL; 230 -> 8 ms at 10^6).
            models.Index(
                fields=["-published_at", "-id"],
                include=[*FILTERED, "start_date"],
                condition=Q(status="published", archived_at__isnull=True),
                name="activity_public_newest",
            ),
            # public().filter(is_featured=True).newest_first() on home: a handful of rows,
            # found without walking the newest-first index past every post.
            models.Index(
                fields=["-published_at"],
                condition=Q(status="published", archived_at__isnull=True, is_featured=True),
                name="activity_public_featured",
            ),
            # public().in_order("date") (the feed sorted by activity date) and the staff
            # lists: pages and capped counts are read along this index.
            models.Index(
                fields=["status", "-start_date", "-id"],
                include=[*FILTERED, "published_at"],
                condition=Q(archived_at__isnull=True),
                name="activity_live_by_date",
            ),
            models.Index(fields=["agency", "status", "-start_date"], name="activity_agency_status"),
            models.Index(fields=["status", "submitted_at"], name="activity_review_queue"),
        ]

    def __str__(self):
        return self.title

    SEARCHED_FIELDS = ("title", "body", "venue", "news_credit", "photo_credit")

    def save(self, *args, **kwargs):
        self.slug = slugify_thai(self.title) or "activity"
        self.news_credit = credits.names_only(self.news_credit, credits.NEWS)
        self.photo_credit = credits.names_only(self.photo_credit, credits.PHOTOS)
        self.fill_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(self.SEARCHED_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("activities:detail", kwargs={"pk": self.pk, "slug": self.slug})

    def clean(self):
        super().clean()
        earliest, latest = self.date_bounds()
        errors = {}
        for name in ("start_date", "end_date"):
            value = getattr(self, name)
            if value is None:
                continue
            field = capfirst(self._meta.get_field(name).verbose_name)
            if value < earliest:
                errors[name] = gettext(
                    "%(field)s: %(date)s is before the volunteer programme began "
                    "(%(earliest)s). Check the year: it is the Buddhist era, e.g. 2565."
                ) % {
                    "field": field,
                    "date": thaidate.format_date(value),
                    "earliest": thaidate.format_date(earliest),
                }
            elif value > latest:
                errors[name] = gettext(
                    "%(field)s: %(date)s is more than a year ahead (the latest is %(latest)s). "
                    "Check the year."
                ) % {
                    "field": field,
                    "date": thaidate.format_date(value),
                    "latest": thaidate.format_date(latest),
                }
        if errors:
            raise ValidationError(errors)

    @classmethod
    def date_bounds(cls):
        """The dates a post may have: from the programme's start to a year from today."""
        today = timezone.localdate()
        return cls.FIRST_DATE, today + datetime.timedelta(days=365)

    def missing_for_review(self):
        """The labels of what must still be filled in before the post can be submitted."""
        return [
            str(capfirst(self._meta.get_field(name).verbose_name))
            for name in self.REQUIRED_FOR_REVIEW
            if getattr(self, name if name != "activity_type" else "activity_type_id") in (None, "")
        ]

    def credit_lines(self):
        """["วรัญญา / ข่าว", "ธัญญา / ภาพ"]: the credits as every page shows them."""
        lines = [
            credits.line(self.news_credit, credits.NEWS),
            credits.line(self.photo_credit, credits.PHOTOS),
        ]
        return [line for line in lines if line]

    def author_names(self):
        """Who wrote the news, one name each (JSON-LD's and the feeds' author)."""
        return credits.names(self.news_credit, credits.NEWS)

    def fill_search_text(self):
        """Also for rows made with bulk_create, which skips save()."""
        # The fields are cleaned as they are saved (jitarsa.fields), after this runs.
        texts = (normalize(getattr(self, f) or "") for f in self.SEARCHED_FIELDS)
        self.search_text = search.searchable(*texts)

    @property
    def is_editable_status(self):
        return self.status in EDITABLE_STATUSES

    @property
    def cover(self):
        """The cover photo: from `with_cover()` when prefetched, else one query."""
        if hasattr(self, "cover_photos"):
            return self.cover_photos[0] if self.cover_photos else None
        return self.photos.visible().filter(is_cover=True).first()

    def page_photos(self):
        """The photos the public page shows, in its order."""
        return in_page_order(self.photos.visible())

    def tag_list(self):
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class PhotoQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)


def photo_upload_to(photo, filename):
    # `filename` is already a random name chosen by the photo pipeline, never the uploader's.
    now = timezone.now()
    return f"photos/{now:%Y/%m}/{filename}"


class Photo(models.Model):
    MAX_PER_ACTIVITY = 30

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("photo"), upload_to=photo_upload_to, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    # [{"width": 640, "height": 427, "name": "photos/2026/11/…-640.webp"}, …], smallest first.
    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    caption = NormalizedCharField(_("caption"), max_length=300, blank=True)
    alt_text = NormalizedCharField(
        _("alt text"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_cover = models.BooleanField(_("cover photo"), default=False)
    is_hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden from the public without unpublishing.")
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # Read from the upload before its metadata is stripped (activities/evidence.py).
    taken_at = models.DateTimeField(_("taken"), null=True, blank=True, editable=False)
    phash = models.CharField(_("fingerprint"), max_length=16, blank=True, editable=False)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.UniqueConstraint(
                fields=["activity"], condition=Q(is_cover=True), name="one_cover_per_activity"
            )
        ]
        indexes = [
            # evidence.flagged(): "is this photo on another post?" looks fingerprints up.
            models.Index(fields=["phash"], condition=~Q(phash=""), name="photo_fingerprint"),
        ]

    def __str__(self):
        return self.caption or self.image.name

    @property
    def alt(self):
        return self.alt_text or self.caption or self.activity.title


def in_page_order(photos):
    """Photos in the order a post's page shows them: the cover first, then by `order`."""
    return sorted(photos, key=lambda p: (not p.is_cover, p.order, p.pk))


class Transition(models.Model):
    """One step in a post's history: who moved it, when, from which state to which."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="transitions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices)
    note = NormalizedTextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self):
        return f"{self.get_action_display()}: {self.activity}"


class Tally(models.Model):
    """Published posts counted per month, lead agency, type and province.

    Derived data kept by activities/tallies.py (each change recounts its cells; `manage.py
    recount_statistics` rebuilds them all). The statistics and the home page's totals read
    these rows, at most a few thousand a year whatever the number of posts.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+"
    )
    activity_type = models.ForeignKey(
        ActivityType, verbose_name=_("activity type"), on_delete=models.CASCADE, related_name="+"
    )
    province = models.ForeignKey(
        Province, verbose_name=_("province"), null=True, on_delete=models.CASCADE, related_name="+"
    )
    activities = models.PositiveIntegerField(_("activities"))
    participants = models.PositiveBigIntegerField(_("participants"))

    class Meta:
        verbose_name = _("statistics tally")
        verbose_name_plural = _("statistics tallies")
        indexes = [
            # tallies.recount (one cell) and every statistics table (one year's rows).
            models.Index(
                fields=["year", "month", "agency", "activity_type", "province"],
                name="tally_cell",
            )
        ]

    def __str__(self):
        return f"{self.year}-{self.month:02d} {self.agency_id}: {self.activities}"
