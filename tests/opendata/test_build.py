"""The worker's build: each whole-dataset file reads back with the published posts only,
Thai intact; a failed build leaves the previous file; the schedule that runs it."""

import csv
import datetime
import io
import json
import zoneinfo

import jsonschema
import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django_q.brokers import get_broker
from django_q.models import Schedule
from django_q.scheduler import scheduler

from activities.models import Activity
from opendata import build, schemas
from opendata.datasets import ACTIVITIES
from opendata.models import DataFile

pytestmark = pytest.mark.django_db


def stored(fmt, slug="activities"):
    with default_storage.open(DataFile.objects.get(dataset=slug, format=fmt).name) as f:
        return f.read()


def csv_file():
    return list(csv.DictReader(io.StringIO(stored("csv").decode("utf-8-sig"))))


def xlsx_file():
    sheet = openpyxl.load_workbook(io.BytesIO(stored("xlsx")), read_only=True).active
    header, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return [dict(zip(header, row, strict=True)) for row in rows]


def json_file():
    return json.loads(stored("json"))["data"]


READERS = {"csv": csv_file, "xlsx": xlsx_file, "json": json_file}


@pytest.mark.parametrize("fmt", READERS)
def test_built_file_reads_back_as_every_published_post(built, fmt):
    rows = READERS[fmt]()
    expected = list(Activity.objects.public().order_by("pk").values_list("pk", flat=True))
    assert [int(row["id"]) for row in rows] == expected
    assert DataFile.objects.get(dataset="activities", format=fmt).rows == len(expected) == 3


@pytest.mark.parametrize("fmt", READERS)
def test_built_file_keeps_the_thai_text(built, fmt):
    rows = READERS[fmt]()
    assert "ซ่อมแซมห้องสมุดโรงเรียน" in [row["title"] for row in rows]
    assert "สำนักงานศึกษาธิการจังหวัดเชียงใหม่" in [row["agency_name"] for row in rows]


@pytest.mark.parametrize("fmt", READERS)
def test_hidden_posts_are_in_no_built_file(built, fmt):
    titles = {row["title"] for row in READERS[fmt]()}
    for post in built["hidden"]:
        assert post.title not in titles


def test_xlsx_cells_that_look_like_formulas_are_text(built):
    assert '\'=HYPERLINK("http://x")' in [row["title"] for row in xlsx_file()]


def test_full_json_validates_against_the_shipped_schema(built):
    document = json.loads(stored("json"))
    jsonschema.Draft202012Validator(schemas.load("activities")).validate(document)
    assert document["next"] is None


def test_agencies_file_has_the_104_agencies(built):
    assert (
        len(list(csv.DictReader(io.StringIO(stored("csv", "agencies").decode("utf-8-sig"))))) == 104
    )


def test_a_failed_build_keeps_serving_the_previous_file(built, monkeypatch):
    before = DataFile.objects.get(dataset="activities", format="csv")

    def broken(dataset, path):
        path.write_text("half a file")
        raise OSError("disk full")

    monkeypatch.setitem(build.WRITERS, "csv", broken)
    with pytest.raises(OSError):
        build.build(ACTIVITIES, "csv")
    assert DataFile.objects.get(dataset="activities", format="csv") == before
    assert stored("csv").startswith("\ufeffid,".encode())


def test_only_the_newest_copies_stay_in_storage(published, monkeypatch):
    moments = iter(datetime.datetime(2026, 12, day, 20, tzinfo=datetime.UTC) for day in range(1, 6))
    monkeypatch.setattr(build.timezone, "now", lambda: next(moments))
    for _night in range(5):
        build.build(ACTIVITIES, "csv")
    _folders, names = default_storage.listdir("opendata")
    assert sorted(names) == [
        "jitarsa-activities-20261203T200000Z.csv",
        "jitarsa-activities-20261204T200000Z.csv",
        "jitarsa-activities-20261205T200000Z.csv",
    ]
    assert DataFile.objects.get().name == "opendata/jitarsa-activities-20261205T200000Z.csv"


def test_the_build_runs_every_night_at_three_bangkok_time(db):
    nightly = Schedule.objects.get(func=build.SCHEDULED_FUNCTION, schedule_type=Schedule.DAILY)
    at = nightly.next_run.astimezone(zoneinfo.ZoneInfo("Asia/Bangkok"))
    assert (at.hour, at.minute, nightly.repeats) == (3, 0, -1)


def test_the_worker_builds_the_files_when_it_first_starts(published):
    assert Schedule.objects.filter(func=build.SCHEDULED_FUNCTION, schedule_type=Schedule.ONCE)
    scheduler(broker=get_broker())
    assert DataFile.objects.count() == 6
    assert not Schedule.objects.filter(func=build.SCHEDULED_FUNCTION, schedule_type=Schedule.ONCE)


def test_build_opendata_command_builds_every_file(published):
    out = io.StringIO()
    call_command("build_opendata", stdout=out)
    assert DataFile.objects.count() == 6
    assert "jitarsa-activities-" in out.getvalue() and "3 rows" in out.getvalue()
