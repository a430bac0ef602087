"""The statistics page: tables per month, group, type and province, each as CSV too."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from tests.factories import activity_type, agency


@pytest.fixture
def this_year(publish):
    year = timezone.localdate().year
    publish(
        start_date=datetime.date(year, 3, 1),
        participants=100,
        province=agency("peo-chiang-mai").province,
    )
    publish(
        "obec",
        start_date=datetime.date(year, 3, 9),
        participants=50,
        activity_type=activity_type("disaster"),
    )
    publish(start_date=datetime.date(year - 1, 3, 1), participants=999)
    return year


def rows(client, table, year=None):
    url = f"/stats/{table}.csv" + (f"?year={year + 543}" if year else "")
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_stats_page_shows_this_years_totals_and_four_tables(client, this_year):
    html = client.get("/stats/").content.decode()
    assert '<span class="totals-number">150</span>' in html
    assert html.count('<table class="table stats-table">') == 4
    assert f"/stats/months.csv?year={this_year + 543}" in html


def test_month_table_counts_activities_and_participants(client, this_year):
    data = rows(client, "months")
    assert data[0] == ["เดือน", "กิจกรรม", "จำนวนผู้เข้าร่วม"]
    assert data[3] == ["มีนาคม", "2", "150"]
    assert data[-1] == ["รวม", "2", "150"]


def test_group_table(client, this_year):
    data = {r[0]: r[1:] for r in rows(client, "groups")}
    assert data["สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"] == ["1", "50"]


def test_type_table(client, this_year):
    data = {r[0]: r[1:] for r in rows(client, "types")}
    assert data["จิตอาสาภัยพิบัติ"] == ["1", "50"]
    assert data["จิตอาสาพัฒนา"] == ["1", "100"]


def test_province_table(client, this_year):
    assert rows(client, "provinces")[1] == ["เชียงใหม่", "1", "100"]


def test_another_year_is_chosen_in_the_buddhist_era(client, this_year):
    assert rows(client, "months", this_year - 1)[-1] == ["รวม", "1", "999"]
    assert (
        '<span class="totals-number">999</span>'
        in client.get(f"/stats/?year={this_year - 1 + 543}").content.decode()
    )


@pytest.mark.parametrize("year", ["abc", "1", "9999"])
def test_a_bad_year_shows_this_year(client, this_year, year):
    response = client.get(f"/stats/?year={year}")
    assert response.status_code == 200 and response.context["year"] == this_year


def test_unknown_table_is_404(client, this_year):
    assert client.get("/stats/nothing.csv").status_code == 404


def test_english_csv_has_english_headings(client, this_year):
    response = client.get("/en/stats/types.csv")
    assert response.content.decode("utf-8-sig").startswith("Activity type,Activities,Participants")


def test_the_tables_are_counted_once_per_content_version(client, this_year, settings):
    """Each render of /stats/ (a new visitor address, a year asked for the first time since a
    change) draws the tables from one kept fragment instead of counting them again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_PAGE_CACHE = False
    first = client.get("/stats/")
    with CaptureQueriesContext(connection) as again:
        second = client.get("/stats/")
    assert second.content == first.content
    assert not [q for q in again.captured_queries if "tally" in q["sql"].lower()][1:]


def test_another_language_gets_its_own_tables(client, this_year, settings):
    settings.PUBLIC_PAGE_CACHE = False
    client.get("/stats/")
    assert "By month" in client.get("/en/stats/").content.decode()
