"""What a careful reviewer checks before publishing under the ministry's name.

At upload, `examine(photo, file, image)` keeps two facts a photo carries about itself
before the pipeline strips its metadata (the GPS position stays stripped):

    taken_at  when the camera says it was taken (EXIF DateTimeOriginal with
              OffsetTimeOriginal, Bangkok time when the offset is missing)
    phash     a 64-bit difference hash (dHash) of the picture as 16 hex digits: the same
              photo gives the same fingerprint after re-saving, resizing or LINE's
              recompression, so a photo reused on another post is found by an index lookup

`annotate(queryset)` then adds every check to a queryset of posts as columns computed by
the database, `flags(activity)` turns those columns into the messages the review queue, the
change page and the staff preview show, and `flags_by_post(posts)` does both for a page of
posts in one query. `flagged(queryset, code)` filters by one check, with its columns only.

A dHash over Pillow (nine lines) rather than the `imagehash` package: that package pulls
numpy, SciPy and PyWavelets (about 100 MB) into every web process for the same 64 bits.
"""

import datetime
import re
import warnings
from dataclasses import dataclass

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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from PIL import ExifTags, Image

from jitarsa import thaidate

from .models import Activity, Photo
from .workflow import Status

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

_EXIF_TIME = re.compile(r"(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_EXIF_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")
_BE_OFFSET = thaidate.BE_OFFSET


# ---- at upload ----------------------------------------------------------------------
def examine(photo, uploaded_file, image):
    """Fill `photo.taken_at` and `photo.phash` from the upload and its cleaned picture."""
    photo.taken_at = capture_time(uploaded_file)
    photo.phash = fingerprint(image)


def capture_time(file):
    """When the camera took the photo (aware datetime), or None when it does not say."""
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exif = Image.open(file).getexif()
        details = exif.get_ifd(ExifTags.IFD.Exif)
    except Exception:  # no or broken EXIF: the date is simply unknown
        return None
    for taken, offset in (
        (ExifTags.Base.DateTimeOriginal, ExifTags.Base.OffsetTimeOriginal),
        (ExifTags.Base.DateTimeDigitized, ExifTags.Base.OffsetTimeDigitized),
    ):
        value = parse_exif_time(details.get(taken), details.get(offset))
        if value:
            return value
    return None


def _text(value):
    if isinstance(value, bytes):
        value = value.decode("ascii", "ignore")
    return str(value or "").strip("\x00 ")


def parse_exif_time(value, offset=None):
    """ "2023:03:03 10:15:00" (+ "+07:00") as an aware datetime; None when blank or absurd."""
    match = _EXIF_TIME.match(_text(value))
    if not match:
        return None
    year, month, day, hour, minute, second = (int(part) for part in match.groups())
    if year > timezone.now().year + _BE_OFFSET // 2:
        year -= _BE_OFFSET  # a phone set to the Buddhist calendar wrote the Thai year
    if year < 1990:  # a camera whose clock was never set (1970, 0000, …)
        return None
    try:
        naive = datetime.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    zone = _zone(offset)
    return naive.replace(tzinfo=zone) if zone else timezone.make_aware(naive)


def _zone(offset):
    match = _EXIF_OFFSET.fullmatch(_text(offset))
    if not match:
        return None
    sign, hours, minutes = match.groups()
    delta = datetime.timedelta(hours=int(hours), minutes=int(minutes))
    if delta > datetime.timedelta(hours=14):
        return None
    return datetime.timezone(-delta if sign == "-" else delta)


def fingerprint(image):
    """dHash: is each of 8x8 cells of a 9x8 grey thumbnail brighter than its right neighbour?

    "" for a picture of one flat colour, whose hash would match every other flat picture.
    """
    small = image.resize((9, 8), Image.Resampling.BOX).convert("L").tobytes()
    bits = 0
    for row in range(8):
        for col in range(8):
            bits = bits << 1 | (small[row * 9 + col] > small[row * 9 + col + 1])
    return "" if bits in (0, 2**64 - 1) else f"{bits:016x}"


# ---- the checks, as database columns --------------------------------------------------
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


# ---- the checks, as messages ----------------------------------------------------------
@dataclass(frozen=True)
class Flag:
    code: str
    text: str
    other_post: int | None = None  # the post it may duplicate


def _distance(days):
    if days >= 365:
        count = days // 365
        return ngettext("%(count)d year", "%(count)d years", count) % {"count": count}
    if days >= 60:
        count = days // 30
        return ngettext("%(count)d month", "%(count)d months", count) % {"count": count}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


def _taken(value):
    return thaidate.format_date(value, short=True)


def flags(activity):
    """The messages for one post of an `annotate()`d queryset, in reading order."""
    found = []
    if activity.photos_too_early:
        days = (activity.start_date - thaidate.to_local_date(activity.photos_taken_first)).days
        text = _("Photo taken %(date)s — %(distance)s before the activity")
        found.append(
            Flag(
                "photo_dates",
                text % {"date": _taken(activity.photos_taken_first), "distance": _distance(days)},
            )
        )
    if activity.photos_too_late:
        last_day = activity.end_date or activity.start_date
        days = (thaidate.to_local_date(activity.photos_taken_last) - last_day).days
        text = _("Photo taken %(date)s — %(distance)s after the activity")
        found.append(
            Flag(
                "photo_dates",
                text % {"date": _taken(activity.photos_taken_last), "distance": _distance(days)},
            )
        )
    if activity.photos_count and not activity.photos_dated:
        found.append(Flag("no_photo_dates", _("No photo says when it was taken")))
    if activity.same_photo_post:
        found.append(
            Flag("same_photo", _("A photo is also on another post"), activity.same_photo_post)
        )
    if activity.similar_post:
        found.append(
            Flag(
                "similar_post",
                _("Possibly the same activity as another post (same agency, days and title)"),
                activity.similar_post,
            )
        )
    if activity.minors_pictured:
        found.append(Flag("minors", _("Children under 18 are pictured: check the consent")))
    if activity.photos_without_alt:
        count = activity.photos_without_alt
        found.append(
            Flag(
                "no_alt_text",
                ngettext(
                    "%(count)d photo has no alt text", "%(count)d photos have no alt text", count
                )
                % {"count": count},
            )
        )
    missing = [
        label
        for label, value in (
            (_("news by"), activity.news_credit),
            (_("photos by"), activity.photo_credit),
        )
        if not value
    ]
    if missing:
        found.append(
            Flag("no_credits", _("Credit missing: %(fields)s") % {"fields": ", ".join(missing)})
        )
    return found
