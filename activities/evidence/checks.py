"""The checks as columns computed by the database, and the queries that use them."""

import datetime

from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import IContains
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ..models import Activity, Photo
from ..workflow import Status
from .messages import flags

# A photo taken up to a week before the first or after the last day of the activity is
# the preparation, a late upload or a camera a day off; beyond that it is worth a look.
TOLERANCE = datetime.timedelta(days=7)
# pg_trgm similarity from which two titles of the same agency on the same days are
# "possibly the same activity" (Thai titles of one event score 0.6–0.9, different
# activities that share "กิจกรรมจิตอาสา" about 0.4).
SIMILAR_TITLES = 0.5
# Activities longer than this are not compared by date (see _overlapping_days).
LONGEST_ACTIVITY = datetime.timedelta(days=31)
# Posts another post is compared with: whatever is, was or may soon be public.
COMPARED_STATUSES = (Status.SUBMITTED, Status.RETURNED, Status.PUBLISHED)
# The filter "possibly posted twice" looks among the posts a reviewer still acts on: those
# waiting or returned, and those of activities of the last RECENT days. Looking up every
# post ever published cost 2 s at 100,000 posts, and more each year; a post published
# long ago was checked while it waited. Its change page still shows the check.
RECENT = datetime.timedelta(days=92)


def _photos():
    return Photo.objects.filter(activity=OuterRef("pk"), is_hidden=False).order_by()


def _compared():
    return Activity.objects.filter(archived_at__isnull=True, status__in=COMPARED_STATUSES)


def _copies():
    """Photos with the fingerprint of the photo OuterRef on another post (compared)."""
    return (
        Photo.objects.filter(phash=OuterRef("phash"), is_hidden=False)
        .exclude(phash="")  # lets PostgreSQL use the partial index photo_fingerprint
        .exclude(activity_id=OuterRef("activity_id"))
        # Through the join, not `activity__in=…`: a subquery would list every post per photo.
        .filter(activity__archived_at__isnull=True, activity__status__in=COMPARED_STATUSES)
    )


def _same_photo_post():
    """Another post showing a photo with the same fingerprint as one of this post's."""
    copies = _copies().order_by("activity_id").values("activity_id")[:1]
    return Subquery(
        _photos()
        .exclude(phash="")
        .annotate(other=Subquery(copies))
        .filter(other__isnull=False)
        .values("other")[:1]
    )


def _similar_title():
    if connection.vendor == "postgresql":
        return Q(title_similarity__gte=SIMILAR_TITLES)
    # SQLite: no trigrams; the same title, or one title inside the other.
    return Q(title__icontains=OuterRef("title")) | Q(IContains(OuterRef("title"), F("title")))


def _overlapping_days():
    """Two conditions, either of which puts another post on days overlapping this one's.

    Each is a range of start dates in the index activity_compared_by_day: the posts that
    start during this one, and those that started before it, at most LONGEST_ACTIVITY
    before, and still run. One range with the end date checked afterwards made every post
    of the agency in the month before a candidate, its title compared before its end date.
    """
    start = OuterRef("start_date")
    last_day = Coalesce(OuterRef("end_date"), OuterRef("start_date"))
    return [
        Q(start_date__gte=start, start_date__lte=last_day),
        Q(start_date__gte=start - LONGEST_ACTIVITY, start_date__lt=start, end_date__gte=start),
    ]


def _similar_posts(days):
    """Whatever might be this post again: on `days`, similar title (any agency)."""
    others = _compared().exclude(pk=OuterRef("pk")).filter(days)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        others = others.annotate(title_similarity=TrigramSimilarity("title", OuterRef("title")))
    return others.filter(_similar_title()).order_by("-pk").values("pk")


def _sharing_an_agency(others):
    """`others` narrowed three ways, one per way two posts can share an agency, each
    answered by an index (the agency's posts by date; the partners table)."""
    partners = Activity.partners.through.objects
    return [
        others.filter(agency_id=OuterRef("agency_id")),
        others.filter(
            pk__in=partners.filter(agency_id=OuterRef(OuterRef("agency_id"))).values("activity_id")
        ),
        others.filter(
            agency_id__in=partners.filter(activity_id=OuterRef(OuterRef("pk"))).values("agency_id")
        ),
    ]


def _similar_post():
    """A post of the same agency (leading or partner) on overlapping days, similar title;
    COALESCE stops at the first found."""
    during, before = _overlapping_days()
    ways = _sharing_an_agency(_similar_posts(during | before))
    return Coalesce(*(Subquery(way[:1]) for way in ways))


def _count(photos):
    return Coalesce(
        Subquery(photos.values("activity").annotate(n=Count("pk")).values("n")[:1]),
        0,
        output_field=IntegerField(),
    )


def _columns():
    """{column: expression}, in an order where each refers only to columns before it."""
    dated = _photos().exclude(taken_at__isnull=True)
    last_day = Coalesce("end_date", "start_date")
    return {
        "photos_taken_first": Subquery(dated.order_by("taken_at").values("taken_at")[:1]),
        "photos_taken_last": Subquery(dated.order_by("-taken_at").values("taken_at")[:1]),
        "photos_too_early": ExpressionWrapper(
            Q(photos_taken_first__date__lt=F("start_date") - TOLERANCE),
            output_field=BooleanField(),
        ),
        "photos_too_late": ExpressionWrapper(
            Q(photos_taken_last__date__gt=last_day + TOLERANCE), output_field=BooleanField()
        ),
        "photos_count": _count(_photos()),
        "photos_dated": Exists(dated),
        "photos_without_alt": _count(_photos().filter(alt_text="")),
        "same_photo_post": _same_photo_post(),
        "similar_post": _similar_post(),
    }


# The filters ask the same questions as the columns, as EXISTS conditions rather than
# columns of every post: PostgreSQL answers them with one join over the photos (or stops
# at the first post found) instead of computing each post's columns. Same meaning,
# checked by tests/activities/test_evidence_filters.py.
def _photo_off_the_dates():
    last_day = Coalesce(OuterRef("end_date"), OuterRef("start_date"))
    return Exists(
        _photos().filter(
            Q(taken_at__date__lt=OuterRef("start_date") - TOLERANCE)
            | Q(taken_at__date__gt=last_day + TOLERANCE)
        )
    )


def _no_photo_dated():
    return Q(Exists(_photos())) & ~Q(Exists(_photos().filter(taken_at__isnull=False)))


def _photo_on_another_post():
    return Exists(_photos().exclude(phash="").filter(Exists(_copies())))


def _possibly_posted_twice():
    # One EXISTS per range of days: each then reads only its range of the index.
    found = Q()
    for days in _overlapping_days():
        for way in _sharing_an_agency(_similar_posts(days).order_by()):
            found |= Exists(way)
    acted_on = Q(status__in=(Status.SUBMITTED, Status.RETURNED)) | Q(
        start_date__gte=timezone.localdate() - RECENT
    )
    return acted_on & found


# code: (label for the filter, the condition, as a function: some depend on the database)
CHECKS = {
    "photo_dates": (gettext_lazy("photos taken on other days"), _photo_off_the_dates),
    "no_photo_dates": (gettext_lazy("no photo has a date"), _no_photo_dated),
    "same_photo": (gettext_lazy("a photo is on another post"), _photo_on_another_post),
    "similar_post": (
        gettext_lazy("possibly posted twice (waiting, returned or of the last 3 months)"),
        _possibly_posted_twice,
    ),
    "minors": (gettext_lazy("children pictured"), lambda: Q(minors_pictured=True)),
    "no_alt_text": (
        gettext_lazy("photos without alt text"),
        lambda: Exists(_photos().filter(alt_text="")),
    ),
    "no_credits": (
        gettext_lazy("credits missing"),
        lambda: Q(news_credit="") | Q(photo_credit=""),
    ),
}


def annotate(queryset):
    """The checks as columns computed by the database in the same query as the posts."""
    for name, value in _columns().items():  # one by one: later columns refer to earlier ones
        queryset = queryset.annotate(**{name: value})
    return queryset


def flagged(queryset, code):
    """The posts failing one check."""
    return queryset.filter(CHECKS[code][1]())


def flags_by_post(posts):
    """{post id: [Flag]} for a page of posts, in one query whatever their number."""
    ids = [post.pk for post in posts]
    return {post.pk: flags(post) for post in annotate(Activity.objects.filter(pk__in=ids))}
