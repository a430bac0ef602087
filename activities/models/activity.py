"""A volunteer activity as its agency posts it: the story, the figures, the review state."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Province
from core import thaidate
from core.fields import NormalizedCharField, NormalizedTextField
from core.text import normalize, slugify_thai

from .. import credits, search
from ..workflow import EDITABLE_STATUSES, Status
from .photo import in_page_order
from .querysets import FILTERED, ActivityQuerySet
from .types import ActivityType

# The volunteer programme began in 2559 (2016): no activity is older. The database refuses
# dates outside [FIRST_DATE, DATE_LIMIT) whatever the path (admin, import, shell): a
# Buddhist-era year stored as a Common-Era one (2565 → 3108) lands beyond the limit. The
# forms are stricter (Activity.date_bounds: at most a year ahead), which a constraint cannot
# be, since it may not depend on today.
FIRST_DATE = datetime.date(2016, 1, 1)
DATE_LIMIT = datetime.date(2100, 1, 1)


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
    # No index of its own: a handful of types each hold a third of the posts, so the index
    # only ever served PostgreSQL to AND a third of every post into a filter's bitmap
    # (province + type at a million posts: 54 ms, 14 without; a type alone is read along
    # the order indexes, which include it).
    activity_type = models.ForeignKey(
        ActivityType,
        verbose_name=_("activity type"),
        on_delete=models.PROTECT,
        null=True,
        db_index=False,
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
            # evidence's "possibly posted twice": the posts of an agency that started on
            # the days around a post's, read and checked (end date, title) in the index
            # alone, 100,000 times when the check filters every post. The statuses are
            # evidence.COMPARED_STATUSES.
            models.Index(
                fields=["agency", "start_date"],
                include=["end_date", "title", "id"],
                condition=Q(
                    status__in=[Status.SUBMITTED, Status.RETURNED, Status.PUBLISHED],
                    archived_at__isnull=True,
                ),
                name="activity_compared_by_day",
            ),
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
        # The fields are cleaned as they are saved (core.fields), after this runs.
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
