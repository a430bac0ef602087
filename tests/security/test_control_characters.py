"""Control characters (Word's Shift+Enter pastes a vertical tab): never stored, whatever the
door, and never fatal when a row already holds them, whatever the output."""

import importlib
import io
import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from activities.models import Activity, ActivityType, Photo
from agencies.models import Agency, Province
from pages.models import Page
from tests.factories import agency, make_activity, make_coordinator, make_photo, make_staff

pytestmark = pytest.mark.django_db

# Every character XML 1.0 refuses (and a few it only dislikes), as pasted from Word or LINE.
DIRTY = "\x01\x0b\x0c\x1b\x7f\x85\u2028\ufeff"
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def store_raw(model, pk, **values):
    """Write straight into the table, as rows saved before text was cleaned were."""
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(model._meta.get_field(name).column)} = %s" for name in values)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(model._meta.db_table)} SET {columns} WHERE id = %s",
            [*values.values(), pk],
        )


@pytest.fixture
def dirty_post():
    post = make_activity(status="published", title="ปลูกป่าชายเลน")
    photo = make_photo(post, is_cover=True, caption="ภาพหมู่")
    store_raw(
        Activity,
        post.pk,
        title=f"{DIRTY}ปลูก{DIRTY}ป่าชายเลน",
        body="เรื่อง\x01ราว\x1b\x7f\ufeff\n\nย่อหน้า\x0bสอง",
        venue=f"\x01โรงเรียน{DIRTY}",
        news_credit=f"อานนท์\x0b{DIRTY}",
        photo_credit=f"\x1bสมศรี{DIRTY}",
        tags=f"ป่า{DIRTY}, ชายเลน",
    )
    store_raw(Photo, photo.pk, caption=f"ภาพ{DIRTY}หมู่", alt_text=f"\x01{DIRTY}")
    store_raw(Agency, post.agency_id, name=f"\x01{DIRTY}สำนักงานศึกษาธิการจังหวัดเชียงใหม่")
    store_raw(ActivityType, post.activity_type_id, name=f"พัฒนา{DIRTY}", name_en=f"\x01{DIRTY}")
    store_raw(Province, Province.objects.get(slug="chiang-mai").pk, name=f"เชียงใหม่{DIRTY}")
    Activity.objects.filter(pk=post.pk).update(province=Province.objects.get(slug="chiang-mai"))
    raw = connection.ops.quote_name(Activity._meta.get_field("title").column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {raw} FROM activities_activity WHERE id = %s", [post.pk])
        assert "\x01" in cursor.fetchone()[0]  # the rows really are dirty
    return Activity.objects.get(pk=post.pk)


def parse_feed(content):
    ET.fromstring(content)  # well-formed XML, or this raises
    parsed = feedparser.parse(content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


FEEDS = [
    "/feed/",
    "/feed/atom/",
    "/feed/types/development/",
    "/feed/types/development/atom/",
    "/agencies/peo-chiang-mai/feed/",
    "/agencies/peo-chiang-mai/feed/atom/",
]


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_survive_control_characters_already_stored(client, dirty_post, url):
    response = client.get(url)
    assert response.status_code == 200
    entries = parse_feed(response.content).entries
    assert [e.title for e in entries] == ["ปลูก ป่าชายเลน"]
    assert not XML_ILLEGAL.search(response.content.decode())


@pytest.mark.parametrize(
    "url", ["/sitemap.xml", "/sitemap-activities.xml", "/sitemap-agencies.xml"]
)
def test_sitemaps_survive_control_characters_already_stored(client, dirty_post, url):
    response = client.get(url)
    assert response.status_code == 200
    ET.fromstring(response.content)


def test_activity_page_and_its_json_ld_survive_control_characters(client, dirty_post):
    response = client.get(dirty_post.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block)
    assert data["headline"] == "ปลูก ป่าชายเลน"
    assert not XML_ILLEGAL.search(json.dumps(data, ensure_ascii=False))


@pytest.mark.parametrize("url", ["/", "/activities/", "/agencies/peo-chiang-mai/", "/stats/"])
def test_public_pages_survive_control_characters(client, dirty_post, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("table", ["types", "provinces"])
def test_statistics_csv_survives_control_characters(client, dirty_post, table):
    response = client.get(f"/stats/{table}.csv?year=2569")
    assert response.status_code == 200
    assert not XML_ILLEGAL.search(response.content.decode("utf-8-sig"))


JULY = {"period": "month", "year": "2569", "month": "7"}


def test_report_xlsx_survives_control_characters(client, dirty_post):
    client.force_login(make_coordinator("coord"))
    response = client.get(reverse("reports:xlsx"), JULY)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["รายหน่วยงาน"]
    names = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert "สำนักงานศึกษาธิการจังหวัดเชียงใหม่" in names


def test_report_csv_survives_control_characters(client, dirty_post):
    client.force_login(make_coordinator("coord"))
    response = client.get(reverse("reports:csv", args=["agencies"]), JULY)
    assert response.status_code == 200
    assert "\nสำนักงานศึกษาธิการจังหวัดเชียงใหม่," in response.content.decode("utf-8-sig")


def test_data_migrations_clean_the_rows_already_stored(dirty_post):
    for name in (
        "activities.migrations.0005_clean_stored_text",
        "agencies.migrations.0007_clean_stored_names",
    ):
        importlib.import_module(name).clean_text(django_apps, None)
    dirty_post.refresh_from_db()
    assert dirty_post.title == "ปลูก ป่าชายเลน"
    assert dirty_post.body == "เรื่องราว\n\nย่อหน้า\nสอง"
    assert dirty_post.agency.name == "สำนักงานศึกษาธิการจังหวัดเชียงใหม่"
    assert dirty_post.photos.get().alt_text == ""


def test_data_migrations_clean_stored_pages_and_user_names():
    page = Page.objects.create(slug="x", title="หน้า", body="ก")
    store_raw(Page, page.pk, title="\x01หน้า\x0b", body="ก\x0bข\x1b")
    user = make_staff(agency("obec"), first_name="สมชาย")
    store_raw(get_user_model(), user.pk, first_name="\x01สม\x0bชาย")
    importlib.import_module("pages.migrations.0003_clean_stored_text").clean_text(django_apps, None)
    importlib.import_module("jitarsa.migrations.0002_clean_stored_user_names").clean_names(
        django_apps, None
    )
    page.refresh_from_db()
    user.refresh_from_db()
    assert (page.title, page.body, user.first_name) == ("หน้า", "ก\nข", "สม ชาย")


# ---- every door cleans what it stores ---------------------------------------------------


@pytest.fixture
def author(client):
    user = make_staff(agency("peo-chiang-mai"), "author")
    client.force_login(user)
    return user


@pytest.fixture
def post_data():
    return {
        "agency": agency("peo-chiang-mai").pk,
        "title": "ทาสีรั้วโรงเรียน",
        "activity_type": ActivityType.objects.get(slug="development").pk,
        "start_date": "2026-07-21",
        "venue": "โรงเรียนบ้านหนองบัว",
        "participants": "45",
        "body": "จิตอาสาทาสีรั้วโรงเรียน",
    }


def test_staff_form_stores_pasted_text_clean(client, author, post_data):
    post_data.update(
        title="ปลูก\x0bป่า\x01",
        body="ย่อหน้า\x0bหนึ่ง\u2029ย่อหน้า\x1bสอง",
        news_credit="\ufeffอานนท์",
    )
    response = client.post(reverse("staff:create"), post_data)
    assert response.status_code == 302
    post = Activity.objects.get()
    assert (post.title, post.body, post.news_credit) == (
        "ปลูก ป่า",
        "ย่อหน้า\nหนึ่ง\nย่อหน้าสอง",
        "อานนท์",
    )


def test_staff_form_refuses_a_title_of_control_characters_only(client, author, post_data):
    post_data["title"] = "\x01\x0b\u200b"
    response = client.post(reverse("staff:create"), post_data)
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_staff_photo_captions_are_stored_clean(client, author):
    post = make_activity(agency("peo-chiang-mai"), by=author)
    photo = make_photo(post, is_cover=True)
    data = {
        "agency": post.agency_id,
        "title": post.title,
        "activity_type": post.activity_type_id,
        "start_date": "2026-07-21",
        "venue": post.venue,
        "participants": "10",
        "body": post.body,
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "1",
        "photos-0-id": str(photo.pk),
        "photos-0-caption": "ภาพ\x0bหมู่\x01",
        "photos-0-alt_text": "\x1bเด็ก ๆ ปลูกต้นไม้",
        "photos-0-order": "0",
    }
    response = client.post(reverse("staff:edit", args=[post.pk]), data)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.caption, photo.alt_text) == ("ภาพ หมู่", "เด็ก ๆ ปลูกต้นไม้")


def test_admin_rename_stores_an_agency_name_clean(client):
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.com", "x"))
    obec = Agency.objects.get(slug="obec")
    url = reverse("admin:agencies_agency_rename", args=[obec.pk])
    name = "\x01สำนักงาน\x0bคณะกรรมการการศึกษาขั้นพื้นฐาน"
    response = client.post(url, {"name": name, "effective_on": "2026-01-05"})
    assert response.status_code == 302
    obec.refresh_from_db()
    assert obec.name == "สำนักงาน คณะกรรมการการศึกษาขั้นพื้นฐาน"


def test_import_staff_stores_names_clean(tmp_path):
    path = tmp_path / "staff.csv"
    path.write_text("somchai\u200b,\x01สมชาย\x0bใจดี,s@moe.go.th,peo-chiang-mai,staff\n")
    call_command("import_staff", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    user = get_user_model().objects.get(username="somchai")
    assert (user.first_name, user.last_name) == ("สมชาย", "ใจดี")


def test_saving_from_code_stores_text_clean():
    post = make_activity(title="\x01ปลูก\x0bป่า", body="ก\x0bข\x00")
    post.refresh_from_db()
    assert (post.title, post.body) == ("ปลูก ป่า", "ก\nข")


def test_text_changed_in_bulk_is_stored_clean():
    post = make_activity()
    Activity.objects.filter(pk=post.pk).update(title="\x01ปลูก\u2028ป่า", body="ก\x0cข")
    post.refresh_from_db()
    assert (post.title, post.body) == ("ปลูก ป่า", "ก\nข")


def test_pages_and_user_names_are_stored_clean():
    page = Page.objects.create(slug="x", title="\x01หน้า", body="ก\x0bข")
    page.refresh_from_db()
    assert (page.title, page.body) == ("หน้า", "ก\nข")
    user = make_staff(agency("obec"), first_name="\x01สม\x0bชาย", last_name="ใจดี\x1b")
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("สม ชาย", "ใจดี")
