"""/opendata/: the datasets as the built CSV and as JSON pages, round-tripped against the
database."""

import csv
import io
import json

import jsonschema
import pytest

from activities.models import Activity
from activities.sharing import absolute
from agencies.models import Agency
from opendata import schemas
from opendata.datasets import DATASETS

pytestmark = pytest.mark.django_db


def csv_rows(client, slug):
    response = client.get(f"/opendata/{slug}.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def json_pages(client, slug, limit=2):
    """Every page, following `next` from the first."""
    pages, url = [], f"/opendata/{slug}.json?limit={limit}"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        page = response.json()
        pages.append(page)
        url = page["next"]
    return pages


@pytest.mark.parametrize("slug", ["activities", "agencies"])
def test_csv_header_is_the_data_dictionary(client, built, slug):
    response = client.get(f"/opendata/{slug}.csv")
    header = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert header.split(",") == [c.name for c in DATASETS[slug].columns]


@pytest.mark.parametrize("slug", ["activities", "agencies"])
def test_schema_shipped_in_the_repository_lists_the_dictionary_columns(slug):
    item = schemas.load(slug)["properties"]["data"]["items"]
    assert list(item["properties"]) == [c.name for c in DATASETS[slug].columns]


def test_schema_allows_every_kind_and_group_the_directory_has():
    item = schemas.load("agencies")["properties"]["data"]["items"]["properties"]
    assert set(item["kind"]["enum"]) == set(Agency.Kind.values)
    assert set(item["group"]["enum"]) == set(Agency.Group.values)


def test_activities_csv_round_trip_is_the_published_posts(client, built):
    rows = csv_rows(client, "activities")
    expected = Activity.objects.public().order_by("pk")
    assert [int(r["id"]) for r in rows] == [a.pk for a in expected]
    assert [r["participants"] for r in rows] == [str(a.participants) for a in expected]
    assert [r["url"] for r in rows] == [absolute(a.get_absolute_url()) for a in expected]
    assert {r["title"] for r in rows} >= {"ซ่อมแซมห้องสมุดโรงเรียน", "ทำความสะอาดวัด"}


def test_hidden_posts_are_in_no_file(client, built):
    csv_text = str(csv_rows(client, "activities"))
    json_text = json.dumps(json_pages(client, "activities"), ensure_ascii=False)
    for post in built["hidden"]:
        assert post.title not in csv_text and post.title not in json_text


def test_hidden_photos_and_staff_are_not_published(client, built):
    first = built["shown"][0]
    (row,) = [r for r in csv_rows(client, "activities") if int(r["id"]) == first.pk]
    assert len(row["photo_urls"].split("|")) == 1
    visible = first.photos.get(is_hidden=False)
    assert row["photo_urls"].endswith(visible.image.name)
    body = str(csv_rows(client, "activities"))
    assert first.created_by.username not in body and "@example.com" not in body


def test_csv_cells_that_look_like_formulas_are_neutralised(client, built):
    titles = [r["title"] for r in csv_rows(client, "activities")]
    assert '\'=HYPERLINK("http://x")' in titles


def test_joint_post_lists_its_partners_and_province_code_has_two_digits(client, built):
    rows = {int(r["id"]): r for r in csv_rows(client, "activities")}
    first, joint, _third = built["shown"]
    assert rows[joint.pk]["partner_agency_codes"] == "onie|peo-chiang-mai"
    assert (rows[first.pk]["province_code"], rows[first.pk]["region"]) == ("50", "15")
    assert rows[first.pk]["volunteer_hours"] == "6.0"


def test_json_pages_follow_next_to_every_published_post(client, published):
    pages = json_pages(client, "activities", limit=2)
    assert len(pages) == 2 and pages[-1]["next"] is None
    ids = [row["id"] for page in pages for row in page["data"]]
    assert ids == list(Activity.objects.public().order_by("pk").values_list("pk", flat=True))


@pytest.mark.parametrize("slug", ["activities", "agencies"])
def test_every_json_page_validates_against_the_shipped_schema(client, published, slug):
    schema = schemas.load(slug)
    checker = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for page in json_pages(client, slug, limit=50):
        checker.validate(page)


def test_json_next_link_is_absolute_and_also_a_link_header(client, published):
    response = client.get("/opendata/activities.json?limit=1")
    first = response.json()["data"][0]["id"]
    assert (
        response.json()["next"]
        == f"http://testserver/opendata/activities.json?cursor={first}&limit=1"
    )
    assert response["Link"] == f'<{response.json()["next"]}>; rel="next"'


def test_agencies_round_trip(client, published):
    rows = json_pages(client, "agencies", limit=1000)[0]["data"]
    assert len(rows) == Agency.objects.active().count() == 104
    chiang_mai = next(r for r in rows if r["code"] == "peo-chiang-mai")
    assert chiang_mai["province_code"] == "50" and chiang_mai["parent_code"] == "reo-15"


@pytest.mark.parametrize("query", ["cursor=abc", "limit=0", "limit=5000", "cursor=-1"])
def test_bad_paging_is_a_400_with_a_message(client, published, query):
    response = client.get(f"/opendata/activities.json?{query}")
    assert response.status_code == 400 and "error" in response.json()


def test_unknown_dataset_is_404(client, db):
    assert client.get("/opendata/staff.csv").status_code == 404
    assert client.get("/opendata/staff.json").status_code == 404


def test_urls_in_the_data_are_the_thai_ones_whatever_the_reader_asks(client, published):
    response = client.get("/opendata/agencies.json", HTTP_ACCEPT_LANGUAGE="en")
    assert "/en/" not in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/opendata/activities.csv", "/opendata/activities.json", "/opendata/catalog.jsonld"]
)
def test_unchanged_file_answers_304(client, built, path):
    first = client.get(path)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_publishing_a_post_changes_the_etag(client, published):
    from tests.factories import make_activity

    before = client.get("/opendata/activities.json")["ETag"]
    make_activity(status="published", title="ใหม่")
    response = client.get("/opendata/activities.json", HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200 and "ใหม่" in response.content.decode()
