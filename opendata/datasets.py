"""The open datasets: which records, which columns (the data dictionary), and their rows.

Each dataset reads its records in primary-key order, a batch at a time (keyset pagination:
`pk > last`), so a CSV of 100,000 posts streams in bounded memory and a JSON page costs the
same whatever its position. Only what the public site already shows is here: published,
non-archived posts; visible photos; agencies' public names. Never an account, a name of a
staff member, an e-mail address or a post in review.
"""

import functools
from dataclasses import dataclass
from urllib.parse import quote

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, Photo, in_page_order
from activities.sharing import absolute
from agencies.models import Agency

BATCH = 500
LIST_SEPARATOR = "|"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # JSON Schema type of the value in the JSON output
    description: str
    example: str = ""
    many: bool = False  # a list in JSON, values joined by LIST_SEPARATOR in CSV
    nullable: bool = False


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: str
    description: str
    columns: tuple
    keywords: tuple = ()

    def records(self):
        return RECORDS[self.slug]()

    def row(self, record):
        return ROWS[self.slug](record)

    def batches(self, after=0, size=BATCH):
        """Lists of records with pk > `after`, in pk order; each batch one query (plus the
        prefetches), however far into the dataset it starts."""
        queryset = self.records()
        while True:
            batch = list(queryset.filter(pk__gt=after).order_by("pk")[:size])
            if not batch:
                return
            yield batch
            if len(batch) < size:
                return
            after = batch[-1].pk


ACTIVITIES = Dataset(
    "activities",
    _("Volunteer activities"),
    _(
        "Every volunteer activity the ministry's agencies have published on the portal, "
        "one row per activity."
    ),
    (
        Column("id", "integer", _("The activity's number on the portal."), "1523"),
        Column("url", "string", _("The activity's page."), "https://…/activities/1523-…/"),
        Column("title", "string", _("Title, as the agency wrote it (Thai)."), "ปลูกต้นไม้"),
        Column("agency_code", "string", _("Code of the agency that led it."), "peo-chiang-mai"),
        Column("agency_name", "string", _("That agency's name in Thai.")),
        Column("agency_name_en", "string", _("That agency's name in English.")),
        Column(
            "partner_agency_codes",
            "string",
            _("Codes of the other agencies that took part."),
            "obec|onie",
            many=True,
        ),
        Column("activity_type", "string", _("Code of the kind of activity."), "development"),
        Column("activity_type_name", "string", _("The kind of activity in Thai.")),
        Column("start_date", "string", _("First day (YYYY-MM-DD, Common Era)."), "2026-07-21"),
        Column(
            "end_date",
            "string",
            _("Last day, for activities of several days."),
            "2026-07-22",
            nullable=True,
        ),
        Column("place", "string", _("Where it took place, as written by the agency.")),
        Column(
            "province_code",
            "string",
            _("The province's two-digit code of the Ministry of Interior (ISO 3166-2:TH)."),
            "50",
            nullable=True,
        ),
        Column("province_name", "string", _("The province in Thai."), nullable=True),
        Column("province_name_en", "string", _("The province in English."), nullable=True),
        Column(
            "region",
            "integer",
            _("The ministry's education region (1–18) of the province."),
            "15",
            nullable=True,
        ),
        Column("participants", "integer", _("Number of participants."), "120"),
        Column(
            "volunteer_hours",
            "number",
            _("Volunteer hours reported by the agency."),
            "6.0",
            nullable=True,
        ),
        Column(
            "published_at",
            "string",
            _("When the coordination centre published it (ISO 8601, Bangkok time)."),
            "2026-07-24T14:30:00+07:00",
        ),
        Column("photo_urls", "string", _("The public photos, largest size."), many=True),
        Column("news_credit", "string", _("Credit for the story, as published.")),
        Column("photo_credit", "string", _("Credit for the photos, as published.")),
    ),
    ("จิตอาสา", "volunteer", "กระทรวงศึกษาธิการ", "education"),
)

AGENCIES = Dataset(
    "agencies",
    _("Agencies"),
    _("The agencies of the Ministry of Education that post activities, one row per agency."),
    (
        Column("code", "string", _("The agency's code (used in addresses)."), "peo-chiang-mai"),
        Column("abbreviation", "string", _("Thai abbreviation."), "ศธจ.เชียงใหม่"),
        Column("name", "string", _("Name in Thai.")),
        Column("name_en", "string", _("Name in English.")),
        Column("kind", "string", _("Kind of agency."), "provincial"),
        Column("group", "string", _("Organisation group the committee's reports use."), "ops"),
        Column("region", "integer", _("Education region (1–18), where it has one."), nullable=True),
        Column("province_code", "string", _("Province code, where it has one."), nullable=True),
        Column("province_name", "string", _("The province in Thai."), nullable=True),
        Column("parent_code", "string", _("Code of the agency above it."), nullable=True),
        Column("url", "string", _("The agency's page on the portal.")),
    ),
    ("หน่วยงาน", "agencies", "กระทรวงศึกษาธิการ"),
)

DATASETS = {d.slug: d for d in (ACTIVITIES, AGENCIES)}


def _activities():
    return (
        Activity.objects.public()
        .select_related("agency", "activity_type", "province")
        .prefetch_related(
            Prefetch("partners", queryset=Agency.objects.only("pk", "slug")),
            Prefetch("photos", queryset=Photo.objects.visible(), to_attr="public_photos"),
        )
    )


def _agencies():
    return Agency.objects.active().select_related("province", "parent")


def _code(province):
    return f"{province.code:02d}" if province else None


@functools.cache
def _detail_url_parts(language):
    """reverse() once, then fill in each post: reverse() per row was most of a CSV's time."""
    url = reverse("activities:detail", kwargs={"pk": 987654321, "slug": "SLUG"})
    head, tail = url.split("987654321-SLUG")
    return absolute(head), tail


def _detail_url(activity):
    head, tail = _detail_url_parts(get_language())
    # The same quoting as reverse() gives a Thai slug.
    return f"{head}{activity.pk}-{quote(activity.slug, safe=RFC3986_SUBDELIMS + '/~:@')}{tail}"


def _activity_row(a):
    province = a.province
    pictures = [p.largest() for p in in_page_order(a.public_photos)]
    return {
        "id": a.pk,
        "url": _detail_url(a),
        "title": a.title,
        "agency_code": a.agency.slug,
        "agency_name": a.agency.name,
        "agency_name_en": a.agency.name_en,
        "partner_agency_codes": sorted(p.slug for p in a.partners.all() if p.pk != a.agency_id),
        "activity_type": a.activity_type.slug,
        "activity_type_name": a.activity_type.name,
        "start_date": a.start_date.isoformat(),
        "end_date": a.end_date.isoformat() if a.end_date else None,
        "place": a.venue,
        "province_code": _code(province),
        "province_name": province.name if province else None,
        "province_name_en": province.name_en if province else None,
        "region": province.region if province else None,
        "participants": a.participants,
        "volunteer_hours": float(a.volunteer_hours) if a.volunteer_hours is not None else None,
        "published_at": _local_iso(a.published_at),
        "photo_urls": [absolute(p.url) for p in pictures if p],
        "news_credit": a.news_credit,
        "photo_credit": a.photo_credit,
    }


def _agency_row(a):
    return {
        "code": a.slug,
        "abbreviation": a.abbreviation,
        "name": a.name,
        "name_en": a.name_en,
        "kind": a.kind,
        "group": a.group,
        "region": a.region or (a.province.region if a.province else None),
        "province_code": _code(a.province),
        "province_name": a.province.name if a.province else None,
        "parent_code": a.parent.slug if a.parent else None,
        "url": absolute(a.get_absolute_url()),
    }


def _local_iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


RECORDS = {"activities": _activities, "agencies": _agencies}
ROWS = {"activities": _activity_row, "agencies": _agency_row}
