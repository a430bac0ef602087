import json

import pytest

from activities import workflow
from tests.factories import agency, make_activity, make_coordinator, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff(agency("peo-chiang-mai"), "somchai", first_name="สมชาย")


def download(client, user):
    client.force_login(user)
    response = client.get("/accounts/my-data/")
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/accounts/my-data/")
    assert response.headers["Location"] == "/accounts/login/?next=/accounts/my-data/"


def test_download_is_an_attachment(client, staff):
    response, _data = download(client, staff)
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Content-Type"].startswith("application/json")


def test_profile_and_memberships(client, staff):
    _response, data = download(client, staff)
    assert data["profile"]["username"] == "somchai"
    assert data["profile"]["first_name"] == "สมชาย"
    assert data["profile"]["roles"] == ["agency staff"]
    assert [m["agency"] for m in data["memberships"]] == ["peo-chiang-mai"]


def test_own_posts_and_steps_only(client, staff):
    mine = make_activity(by=staff, title="ของฉัน", status="submitted")
    colleague = make_staff(agency("peo-chiang-mai"))
    make_activity(by=colleague, title="ของเพื่อน", status="submitted")
    _response, data = download(client, staff)
    assert [a["title"] for a in data["activities"]] == ["ของฉัน"]
    assert [(t["activity"], t["action"]) for t in data["transitions"]] == [(mine.pk, "submit")]


def test_coordinator_sees_own_review_steps(client, staff):
    coordinator = make_coordinator("malee")
    post = make_activity(by=staff, status="draft")
    workflow.submit(post, by=staff)
    workflow.return_to_author(post, by=coordinator, note="เพิ่มภาพ")
    _response, data = download(client, coordinator)
    assert data["activities"] == []
    assert [(t["action"], t["note"]) for t in data["transitions"]] == [("return", "เพิ่มภาพ")]


def test_thai_is_kept_readable_in_the_file(client, staff):
    make_activity(by=staff, title="ปลูกต้นไม้")
    response, _data = download(client, staff)
    assert "ปลูกต้นไม้" in response.content.decode("utf-8")


def test_account_page_links_to_the_download(client, staff):
    client.force_login(staff)
    page = client.get("/accounts/").content.decode()
    assert 'href="/accounts/my-data/"' in page
    assert "สมชาย" in page
