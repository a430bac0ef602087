"""The shipped agency directory: 77 provinces and the 104 agencies, read from CSV files.

`sync_directory` adds whatever is missing and never changes or deletes a row that exists,
so coordinators' edits in the admin survive every re-run. It takes the model classes as
arguments so the data migration can pass its historical models.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
PROVINCES_CSV = DATA_DIR / "provinces.csv"
AGENCIES_CSV = DATA_DIR / "agencies.csv"


@dataclass
class SyncResult:
    provinces_created: int = 0
    agencies_created: int = 0
    agencies_kept: int = 0


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _int_or_none(text):
    return int(text) if text and text.strip() else None


def sync_directory(Province, Agency, provinces_csv=PROVINCES_CSV, agencies_csv=AGENCIES_CSV):
    result = SyncResult()
    provinces = {p.code: p for p in Province.objects.all()}
    for row in read_rows(provinces_csv):
        code = int(row["code"])
        if code not in provinces:
            provinces[code] = Province.objects.create(
                code=code,
                slug=row["slug"],
                name=row["name"],
                name_en=row["name_en"],
                region=_int_or_none(row["region"]),
            )
            result.provinces_created += 1

    agencies = {a.slug: a for a in Agency.objects.all()}
    # Rows are in parent-before-child order, so every parent exists when its child is made.
    for row in read_rows(agencies_csv):
        if row["slug"] in agencies:
            result.agencies_kept += 1
            continue
        province_code = _int_or_none(row["province"])
        agencies[row["slug"]] = Agency.objects.create(
            slug=row["slug"],
            abbreviation=row["abbreviation"],
            name=row["name"],
            name_en=row["name_en"],
            kind=row["kind"],
            group=row["group"],
            parent=agencies.get(row["parent"]) if row["parent"] else None,
            region=_int_or_none(row["region"]),
            province=provinces[province_code] if province_code else None,
            order=int(row["order"]),
        )
        result.agencies_created += 1
    return result
