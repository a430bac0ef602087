"""The admin in Thai throughout, including what Django's and django-axes' catalogues lack."""

import json

import pytest

from tests.factories import make_activity, make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(client):
    client.force_login(make_coordinator("coord"))


def test_the_admins_javascript_strings_are_thai(client, coordinator):
    catalogue = client.get("/admin/jsi18n/").content.decode()  # JSON: non-ASCII escaped
    assert json.dumps("เลือกแล้ว %(sel)s จาก %(cnt)s รายการ") in catalogue  # "0 of 4 selected"
    assert json.dumps("พิมพ์ในช่องนี้เพื่อค้นหาใน%sที่เลือกไว้") in catalogue


def test_the_filter_counts_button_is_thai(client, coordinator):
    page = client.get("/admin/activities/activity/").content.decode()
    assert "แสดงจำนวน" in page
    assert "Show counts" not in page


def test_the_menu_filter_box_is_thai(client, coordinator):
    page = client.get("/admin/activities/activitytype/").content.decode()
    assert 'placeholder="พิมพ์เพื่อค้นหาเมนู…"' in page


def test_the_login_lockouts_have_a_thai_name(client, coordinator):
    page = client.get("/admin/").content.decode()
    assert "การล็อกการเข้าสู่ระบบ" in page
    assert ">Axes<" not in page


def test_the_review_queue_leaves_out_the_menu_sidebar_for_width(client, coordinator):
    make_activity(status="submitted")
    page = client.get("/admin/activities/activity/").content.decode()
    assert 'id="nav-sidebar"' not in page


def test_the_queue_shows_agency_short_name_with_the_author(client, coordinator):
    make_activity(status="submitted")
    page = client.get("/admin/activities/activity/").content.decode()
    assert '<abbr title="สำนักงานศึกษาธิการจังหวัดเชียงใหม่">ศธจ.เชียงใหม่</abbr>' in page


def test_the_queue_says_how_long_a_post_has_waited(client, coordinator):
    make_activity(status="submitted")
    assert "รอ 0 วัน" in client.get("/admin/activities/activity/").content.decode()
