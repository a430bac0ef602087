"""The statistics tallies (models.Tally): published posts counted per cell, a cell being
(year, month, lead agency, activity type, province).

A change to a post recounts the cells it left and the cell it is in now, from the posts
themselves, inside the change's transaction (signals.py calls `recount`). Recounting rather
than adding or subtracting one keeps a tally right whatever path changed the post; a lock
per year, taken in year order, makes two concurrent changes of one cell count one after
the other instead of both writing what each alone saw.
"""

import zlib
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth, ExtractYear


@dataclass(frozen=True)
class Cell:
    year: int
    month: int
    agency_id: int
    activity_type_id: int
    province_id: int | None

    @classmethod
    def of(cls, activity):
        day = activity.start_date
        return cls(
            day.year, day.month, activity.agency_id, activity.activity_type_id, activity.province_id
        )

    def lookup(self):
        return {
            "year": self.year,
            "month": self.month,
            "agency_id": self.agency_id,
            "activity_type_id": self.activity_type_id,
            "province_id": self.province_id,
        }


def recount(cells):
    from .models import Activity, Tally

    cells = set(cells)
    with transaction.atomic():
        for year in sorted({cell.year for cell in cells}):
            _lock_year(year)
        for cell in cells:
            Tally.objects.filter(**cell.lookup()).delete()
            lookup = cell.lookup()
            year, month = lookup.pop("year"), lookup.pop("month")
            found = (
                Activity.objects.public()
                .filter(start_date__year=year, start_date__month=month, **lookup)
                .aggregate(activities=Count("pk"), participants=Sum("participants"))
            )
            if found["activities"]:
                Tally.objects.create(**cell.lookup(), **found)


def _lock_year(year):
    # SQLite runs one writing transaction at a time (IMMEDIATE), so only PostgreSQL needs it.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            key = zlib.crc32(b"activities.tally") ^ year
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def rebuild(public_posts, Tally):
    """Every tally again from `public_posts` (the migration passes its historical models)."""
    rows = (
        public_posts.annotate(year=ExtractYear("start_date"), month=ExtractMonth("start_date"))
        .order_by()
        .values("year", "month", "agency_id", "activity_type_id", "province_id")
        .annotate(activities=Count("pk"), participants=Sum("participants"))
    )
    with transaction.atomic():
        Tally.objects.all().delete()
        Tally.objects.bulk_create((Tally(**row) for row in rows.iterator()), batch_size=2000)


def rebuild_all():
    from .models import Activity, Tally

    rebuild(Activity.objects.public(), Tally)
