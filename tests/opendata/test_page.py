"""/opendata/ in Thai and English: what is published, the licence, the dictionary, DCAT."""

import pytest
from django.template.defaultfilters import filesizeformat

from core import thaidate
from opendata.models import DataFile

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_page_in_thai_names_the_licence_and_links_every_file(client):
    html = client.get("/opendata/").text
    assert "creativecommons.org/licenses/by/4.0/" in html
    for link in ("/opendata/activities.csv", "/opendata/activities.json",
                 "/opendata/activities.xlsx", "/opendata/activities.full.json",
                 "/opendata/agencies.csv", "/opendata/schema/activities.json",
                 "/opendata/catalog.jsonld"):  # fmt: skip
        assert link in html
    assert "ข้อมูลเปิด" in html


def test_page_in_english(client):
    html = client.get("/en/opendata/").text
    assert '<html lang="en">' in html and "Open data" in html
    assert "<code>province_code</code>" in html


def test_catalogue_describes_both_datasets_with_licence_and_distributions(client, db):
    catalogue = client.get("/opendata/catalog.jsonld").json()
    assert catalogue["@type"] == "dcat:Catalog"
    datasets = {d["dct:identifier"]: d for d in catalogue["dcat:dataset"]}
    assert set(datasets) == {"jitarsa-activities", "jitarsa-agencies"}
    activities = datasets["jitarsa-activities"]
    assert activities["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    media = [
        (d["dcat:mediaType"], d["dcat:accessURL"]["@id"]) for d in activities["dcat:distribution"]
    ]
    assert media == [
        ("text/csv", "http://127.0.0.1:8000/opendata/activities.csv"),
        (XLSX, "http://127.0.0.1:8000/opendata/activities.xlsx"),
        ("application/json", "http://127.0.0.1:8000/opendata/activities.full.json"),
        ("application/json", "http://127.0.0.1:8000/opendata/activities.json"),
    ]
    titles = {t["@language"]: t["@value"] for t in activities["dct:title"]}
    assert titles["en"] == "Volunteer activities" and titles["th"] != titles["en"]


def test_catalogue_is_json_ld(client, db):
    assert client.get("/opendata/catalog.jsonld")["Content-Type"] == "application/ld+json"


def test_page_shows_each_built_file_size_and_time(client, built):
    html = client.get("/opendata/").text
    csv_file = DataFile.objects.get(dataset="activities", format="csv")
    when = thaidate.format_datetime(csv_file.built_at, short=True)
    assert f"3 แถว, {filesizeformat(csv_file.size)}, สร้างเมื่อ {when}" in html
    assert "104 แถว" in html


def test_page_says_a_file_not_yet_built_is_being_prepared(client, db):
    assert "กำลังจัดเตรียม" in client.get("/opendata/").text


def test_catalogue_gives_each_built_file_size_and_time(client, built):
    catalogue = client.get("/opendata/catalog.jsonld").json()
    activities = next(
        d for d in catalogue["dcat:dataset"] if d["dct:identifier"] == "jitarsa-activities"
    )
    csv_file = DataFile.objects.get(dataset="activities", format="csv")
    (described,) = [d for d in activities["dcat:distribution"] if d["dcat:mediaType"] == "text/csv"]
    assert described["dcat:byteSize"]["@value"] == str(csv_file.size)
    assert described["dct:modified"]["@value"] == csv_file.built_at.isoformat(timespec="seconds")
