"""/opendata/ in Thai and English: what is published, the licence, the dictionary, DCAT."""

import pytest

pytestmark = pytest.mark.django_db


def test_page_in_thai_names_the_licence_and_links_every_file(client):
    html = client.get("/opendata/").text
    assert "creativecommons.org/licenses/by/4.0/" in html
    for link in ("/opendata/activities.csv", "/opendata/activities.json",
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
    media = {
        d["dcat:mediaType"]: d["dcat:downloadURL"]["@id"] for d in activities["dcat:distribution"]
    }
    assert media == {
        "text/csv": "http://127.0.0.1:8000/opendata/activities.csv",
        "application/json": "http://127.0.0.1:8000/opendata/activities.json",
    }
    titles = {t["@language"]: t["@value"] for t in activities["dct:title"]}
    assert titles["en"] == "Volunteer activities" and titles["th"] != titles["en"]


def test_catalogue_is_json_ld(client, db):
    assert client.get("/opendata/catalog.jsonld")["Content-Type"] == "application/ld+json"
