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
# Activities longer than this are not compared by date (see _similar_post).
LONGEST_ACTIVITY = datetime.timedelta(days=31)
# Posts another post is compared with: whatever is, was or may soon be public.
COMPARED_STATUSES = (Status.SUBMITTED, Status.RETURNED, Status.PUBLISHED)


def _photos():
    return Photo.objects.filter(activity=OuterRef("pk"), is_hidden=False).order_by()


def _compared():
    return Activity.objects.filter(archived_at__isnull=True, status__in=COMPARED_STATUSES)


def _same_photo_post():
    """Another post showing a photo with the same fingerprint as one of this post's."""
    copies = (
        Photo.objects.filter(phash=OuterRef("phash"), is_hidden=False)
        .exclude(phash="")  # lets PostgreSQL use the partial index photo_fingerprint
        .exclude(activity_id=OuterRef("activity_id"))
        # Through the join, not `activity__in=…`: a subquery would list every post per photo.
        .filter(activity__archived_at__isnull=True, activity__status__in=COMPARED_STATUSES)
        .order_by("activity_id")
        .values("activity_id")[:1]
    )
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


def _similar_post():
    """A post of the same agency (leading or partner) on overlapping days, similar title.

    Three lookups, one per way two posts can share an agency, each answered by an index
    (the agency's posts by date; the partners table); COALESCE stops at the first found.
    Posts that started more than LONGEST_ACTIVITY before are not compared: without that
    bound every older post of the agency would be a candidate.
    """
    outer_end = Coalesce(OuterRef("end_date"), OuterRef("start_date"))
    others = (
        _compared()
        .exclude(pk=OuterRef("pk"))
        .filter(
            start_date__lte=outer_end,
            start_date__gte=OuterRef("start_date") - LONGEST_ACTIVITY,
        )
        .filter(
            Q(end_date__gte=OuterRef("start_date"))
            | Q(end_date__isnull=True, start_date__gte=OuterRef("start_date"))
        )
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        others = others.annotate(title_similarity=TrigramSimilarity("title", OuterRef("title")))
    others = others.filter(_similar_title()).order_by("-pk").values("pk")
    partners = Activity.partners.through.objects
    return Coalesce(
        Subquery(others.filter(agency_id=OuterRef("agency_id"))[:1]),
        Subquery(
            others.filter(
                pk__in=partners.filter(agency_id=OuterRef(OuterRef("agency_id"))).values(
                    "activity_id"
                )
            )[:1]
        ),
        Subquery(
            others.filter(
                agency_id__in=partners.filter(activity_id=OuterRef(OuterRef("pk"))).values(
                    "agency_id"
                )
            )[:1]
        ),
    )


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


# code: (label for the filter, the columns it needs, the condition on them)
CHECKS = {
    "photo_dates": (
        gettext_lazy("photos taken on other days"),
        ["photos_taken_first", "photos_taken_last", "photos_too_early", "photos_too_late"],
        Q(photos_too_early=True) | Q(photos_too_late=True),
    ),
    "no_photo_dates": (
        gettext_lazy("no photo has a date"),
        ["photos_count", "photos_dated"],
        Q(photos_count__gt=0, photos_dated=False),
    ),
    "same_photo": (
        gettext_lazy("a photo is on another post"),
        ["same_photo_post"],
        Q(same_photo_post__isnull=False),
    ),
    "similar_post": (
        gettext_lazy("possibly posted twice"),
        ["similar_post"],
        Q(similar_post__isnull=False),
    ),
    "minors": (gettext_lazy("children pictured"), [], Q(minors_pictured=True)),
    "no_alt_text": (
        gettext_lazy("photos without alt text"),
        ["photos_without_alt"],
        Q(photos_without_alt__gt=0),
    ),
    "no_credits": (
        gettext_lazy("credits missing"),
        [],
        Q(news_credit="") | Q(photo_credit=""),
    ),
}


def annotate(queryset, *, only=None):
    """The checks as columns computed by the database in the same query as the posts
    (all of them, or only those the checks named in `only` need)."""
    columns = _columns()
    if only is not None:
        wanted = {name for code in only for name in CHECKS[code][1]}
        columns = {name: value for name, value in columns.items() if name in wanted}
    for name, value in columns.items():  # one by one: later columns refer to earlier ones
        queryset = queryset.annotate(**{name: value})
    return queryset


def flagged(queryset, code):
    """The posts failing one check (with only the columns that check needs)."""
    return annotate(queryset, only=[code]).filter(CHECKS[code][2])


def flags_by_post(posts):
    """{post id: [Flag]} for a page of posts, in one query whatever their number."""
    ids = [post.pk for post in posts]
    return {post.pk: flags(post) for post in annotate(Activity.objects.filter(pk__in=ids))}
