"""สำนักงาน กศน. became กรมส่งเสริมการเรียนรู้ (สกร.) on 18 May 2023 (migration agencies 0006)."""

import datetime

import pytest
from django.core.management import call_command

from agencies.models import Agency, AgencyChange
from reports import periods, tables
from tests.factories import agency, make_activity

pytestmark = pytest.mark.django_db

IN_FORCE = datetime.date(2023, 5, 18)


def test_onie_is_now_the_department_of_learning_encouragement():
    dole = agency("onie")
    assert (dole.name, dole.abbreviation, dole.name_en) == (
        "กรมส่งเสริมการเรียนรู้",
        "สกร.",
        "Department of Learning Encouragement",
    )


def test_the_department_is_no_longer_under_the_permanent_secretary():
    dole = agency("onie")
    assert (dole.kind, dole.group, dole.parent) == ("department", "dole", None)


def test_old_names_are_kept_until_the_act_came_into_force():
    former = dict(agency("onie").former_names.values_list("text", "replaced_on"))
    assert former["สำนักงาน กศน."] == IN_FORCE
    assert former["กศน."] == IN_FORCE
    assert former["สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัย"] == IN_FORCE


def test_the_change_is_in_the_directory_history():
    kinds = set(AgencyChange.objects.filter(agency=agency("onie")).values_list("kind", flat=True))
    assert kinds == {"renamed", "moved"}


def test_load_agencies_leaves_the_renamed_department_alone():
    call_command("load_agencies")
    assert agency("onie").name == "กรมส่งเสริมการเรียนรู้"
    assert Agency.objects.count() == 104


def test_shipped_csv_agrees_with_the_migration():
    from agencies.directory import AGENCIES_CSV, read_rows

    row = next(r for r in read_rows(AGENCIES_CSV) if r["slug"] == "onie")
    dole = agency("onie")
    assert (row["name"], row["abbreviation"], row["kind"], row["group"], row["parent"]) == (
        dole.name,
        dole.abbreviation,
        dole.kind,
        dole.group,
        "",
    )


def test_feed_search_for_the_old_abbreviation_finds_the_department_posts(client):
    make_activity(agency("onie"), status="published", title="สอนอ่านเขียนผู้สูงอายุ")
    make_activity(agency("obec"), status="published", title="ปลูกป่าชายเลน")
    response = client.get("/activities/", {"q": "กศน."})
    assert "สอนอ่านเขียนผู้สูงอายุ" in response.text
    assert "ปลูกป่าชายเลน" not in response.text


def report_row(year, label):
    """The per-agency row of the fiscal year (Common Era year it ends in) named `label`."""
    (table,) = tables.build(periods.fiscal_year(year), only="agencies")
    return next(row for row in table.cells if row[0] == label)


def test_fiscal_year_2565_report_shows_the_name_of_that_time():
    make_activity(agency("onie"), status="published", start_date=datetime.date(2022, 3, 1))
    row = report_row(2022, "สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัย")
    assert row[1] == "สำนักงานปลัดกระทรวงศึกษาธิการและหน่วยงานในสังกัด"
    assert row[3] == 1


def test_fiscal_year_2568_report_shows_the_department():
    make_activity(agency("onie"), status="published", start_date=datetime.date(2025, 3, 1))
    row = report_row(2025, "กรมส่งเสริมการเรียนรู้")
    assert row[1] == "กรมส่งเสริมการเรียนรู้"
    assert row[3] == 1


def test_fiscal_year_2566_report_notes_the_rename_during_the_year():
    (table,) = tables.build(periods.fiscal_year(2023), only="agencies")
    labels = [row[0] for row in table.cells]
    assert "กรมส่งเสริมการเรียนรู้ (เดิมชื่อ สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัย)" in labels


def test_group_table_of_2565_counts_the_office_under_the_permanent_secretary():
    make_activity(agency("onie"), status="published", start_date=datetime.date(2022, 3, 1))
    (table,) = tables.build(periods.fiscal_year(2022), only="groups")
    counts = {row[0]: row[1] for row in table.cells}
    assert counts["สำนักงานปลัดกระทรวงศึกษาธิการและหน่วยงานในสังกัด"] == 1
    assert counts["กรมส่งเสริมการเรียนรู้"] == 0
