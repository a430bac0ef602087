"""/opendata/<dataset>.csv|.xlsx|.full.json: the file the worker built, with the headers a
download needs and 304 when unchanged; before the first build a Thai 503 with Retry-After."""

import pytest
from django.core.files.storage import FileSystemStorage, default_storage

from opendata import build
from opendata.models import DataFile

pytestmark = pytest.mark.django_db

TYPES = {
    "/opendata/activities.csv": "text/csv; charset=utf-8",
    "/opendata/activities.xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    "/opendata/activities.full.json": "application/json",
}


def body(response):
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("path", TYPES)
def test_download_is_the_built_file(client, built, path):
    fmt = path.rsplit(".", 1)[1]
    stored = DataFile.objects.get(dataset="activities", format=fmt)
    response = client.get(path)
    with default_storage.open(stored.name) as f:
        assert body(response) == f.read()


@pytest.mark.parametrize("path", TYPES)
def test_download_has_type_name_length_and_validators(client, built, path):
    fmt = path.rsplit(".", 1)[1]
    stored = DataFile.objects.get(dataset="activities", format=fmt)
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == TYPES[path]
    assert response["Content-Disposition"] == f'attachment; filename="jitarsa-activities.{fmt}"'
    assert int(response["Content-Length"]) == stored.size
    assert response["ETag"] == stored.etag and response["Last-Modified"]


@pytest.mark.parametrize("header", ["ETag", "Last-Modified"])
def test_unchanged_download_answers_304(client, built, header):
    first = client.get("/opendata/activities.csv")
    asked = {"ETag": "HTTP_IF_NONE_MATCH", "Last-Modified": "HTTP_IF_MODIFIED_SINCE"}[header]
    again = client.get("/opendata/activities.csv", **{asked: first[header]})
    assert again.status_code == 304 and again["ETag"] == first["ETag"]


def test_a_new_build_with_new_posts_changes_the_etag(client, built):
    from tests.factories import make_activity

    before = client.get("/opendata/activities.csv")["ETag"]
    make_activity(status="published", title="ใหม่")
    build.build_all()
    response = client.get("/opendata/activities.csv", HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200 and "ใหม่" in body(response).decode("utf-8-sig")


def test_before_the_first_build_the_file_is_a_thai_503_page(client, published):
    response = client.get("/opendata/activities.csv")
    assert response.status_code == 503 and response["Retry-After"] == "600"
    assert "กำลังจัดเตรียมไฟล์" in response.text
    assert not DataFile.objects.exists()


def test_before_the_first_build_the_full_json_is_a_thai_503_json(client, published):
    response = client.get("/opendata/activities.full.json")
    assert response.status_code == 503 and response["Retry-After"] == "600"
    assert "กำลังจัดเตรียมไฟล์" in response.json()["error"]


def test_a_built_file_missing_from_storage_is_a_503_not_a_500(client, built):
    default_storage.delete(DataFile.objects.get(dataset="activities", format="xlsx").name)
    assert client.get("/opendata/activities.xlsx").status_code == 503


def test_unknown_dataset_file_is_404(client, built):
    assert client.get("/opendata/staff.xlsx").status_code == 404


def test_on_object_storage_the_download_redirects_to_the_stored_file(client, built, monkeypatch):
    def no_local_path(self, name):
        raise NotImplementedError

    monkeypatch.setattr(FileSystemStorage, "path", no_local_path)
    monkeypatch.setattr(FileSystemStorage, "exists", lambda self, name: True)
    stored = DataFile.objects.get(dataset="activities", format="csv")
    response = client.get("/opendata/activities.csv")
    assert response.status_code == 302 and response["Location"] == f"/media/{stored.name}"


@pytest.mark.parametrize(
    "path",
    [
        *TYPES,
        "/opendata/activities.json",
        "/opendata/catalog.jsonld",
        "/opendata/schema/activities.json",
    ],
)
def test_other_sites_apps_may_read_the_data(client, built, path):
    response = client.get(path, headers={"Origin": "https://data.example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_the_rest_of_the_site_stays_same_origin(client, built):
    assert client.get("/opendata/")["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "Access-Control-Allow-Origin" not in client.get("/opendata/")
