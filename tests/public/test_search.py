"""Searching in Thai: substrings inside words, every term required, the same on SQLite and
PostgreSQL (run the suite with DATABASE_URL to check the second)."""

import pytest

from tests.factories import agency


@pytest.fixture
def posts(publish):
    publish(title="ปลูกป่าชายเลนเฉลิมพระเกียรติ", body="ร่วมกันปลูกต้นโกงกาง")
    publish(title="Big Cleaning Day", body="ทำความสะอาดวัดพระธาตุ", venue="วัดพระธาตุดอยสุเทพ")
    publish(
        "obec",
        title="บริจาคโลหิต",
        body="ร่วมบริจาคโลหิต",
        news_credit="สมชาย ข่าวดี",
        photo_credit="วิไล ช่างภาพ",
    )


def found(client, q):
    response = client.get("/activities/", {"q": q})
    assert response.status_code == 200
    return {a.title for a in response.context["page_obj"]}


def test_a_thai_word_is_found_inside_a_longer_word(client, posts):
    assert found(client, "ชายเลน") == {"ปลูกป่าชายเลนเฉลิมพระเกียรติ"}


def test_part_of_a_word_is_enough(client, posts):
    assert found(client, "โกงก") == {"ปลูกป่าชายเลนเฉลิมพระเกียรติ"}


def test_every_term_must_appear(client, posts):
    assert found(client, "ปลูก ชายเลน") == {"ปลูกป่าชายเลนเฉลิมพระเกียรติ"}
    assert found(client, "ปลูก โลหิต") == set()


def test_tone_marks_are_matched_exactly(client, posts):
    assert found(client, "ป่าช") == {"ปลูกป่าชายเลนเฉลิมพระเกียรติ"}
    assert found(client, "ปาช") == set()
    assert found(client, "ป้าช") == set()


def test_latin_text_ignores_case(client, posts):
    assert found(client, "big CLEANING") == {"Big Cleaning Day"}


def test_the_venue_is_searched(client, posts):
    assert found(client, "ดอยสุเทพ") == {"Big Cleaning Day"}


def test_the_agency_name_is_searched(client, posts):
    assert found(client, "การศึกษาขั้นพื้นฐาน") == {"บริจาคโลหิต"}
    assert found(client, "สพฐ") == {"บริจาคโลหิต"}


def test_a_province_finds_its_education_office_posts(client, posts):
    assert found(client, "เชียงใหม่") == {"ปลูกป่าชายเลนเฉลิมพระเกียรติ", "Big Cleaning Day"}


def test_an_english_agency_name_finds_its_posts(client, posts):
    assert found(client, "chiang mai") == {"ปลูกป่าชายเลนเฉลิมพระเกียรติ", "Big Cleaning Day"}


def test_a_short_word_inside_an_agency_name_does_not_list_its_posts(client, posts):
    """วัด (temple) is inside จังหวัด (province): a search for temple work must not list
    every post of the 77 provincial offices."""
    assert found(client, "วัด") == {"Big Cleaning Day"}


def test_the_credits_are_searched(client, posts):
    assert found(client, "ข่าวดี") == {"บริจาคโลหิต"}
    assert found(client, "ช่างภาพ") == {"บริจาคโลหิต"}


def test_like_wildcards_are_taken_literally(client, posts):
    assert found(client, "ป%ล") == set()
    assert found(client, "ล_ก") == set()


def test_a_post_found_by_its_title_and_its_body_is_listed_once(client, posts):
    page = client.get("/activities/", {"q": "โลหิต"}).context["page_obj"]
    assert [a.title for a in page] == ["บริจาคโลหิต"]
    assert page.paginator.count == 1


def test_a_very_long_query_is_refused_politely(client, posts):
    response = client.get("/activities/", {"q": "ก" * 300})
    assert response.status_code == 200
    assert "ตัวกรองบางรายการใช้ไม่ได้" in response.content.decode()


def test_a_word_shorter_than_three_letters_is_refused_with_a_message(client, posts):
    response = client.get("/activities/", {"q": "ปลูก นา"})
    assert "คำค้นแต่ละคำต้องมีอย่างน้อย 3 ตัวอักษร: นา" in response.content.decode()


def test_more_than_eight_words_are_refused_with_a_message(client, posts):
    response = client.get("/activities/", {"q": " ".join(["ปลูก"] * 9)})
    assert "ค้นหาได้ครั้งละไม่เกิน 8 คำ" in response.content.decode()


def test_dots_and_hyphens_inside_a_word_are_matched(client, publish):
    publish(title="ค่ายวิชาการ ม.6 COVID-19")
    assert found(client, "ม.6") == {"ค่ายวิชาการ ม.6 COVID-19"}
    assert found(client, "covid-19") == {"ค่ายวิชาการ ม.6 COVID-19"}


def test_a_term_never_matches_across_title_and_story(client, publish):
    publish(title="ปลูกป่า", body="ชายเลน")
    assert found(client, "ป่าชาย") == set()


def test_editing_a_post_updates_what_search_finds(client, publish):
    post = publish(title="ชื่อเดิมของกิจกรรม")
    post.title = "ชื่อใหม่ของกิจกรรม"
    post.save(update_fields=["title"])
    assert found(client, "ชื่อใหม่") == {"ชื่อใหม่ของกิจกรรม"}
    assert found(client, "ชื่อเดิม") == set()


def test_an_agencys_new_name_finds_its_posts_at_once(client, posts):
    assert found(client, "สนง.ใหม่เชียงใหม่") == set()
    chiang_mai = agency("peo-chiang-mai")
    chiang_mai.abbreviation = "สนง.ใหม่เชียงใหม่"
    chiang_mai.save()
    assert found(client, "สนง.ใหม่เชียงใหม่") == {"ปลูกป่าชายเลนเฉลิมพระเกียรติ", "Big Cleaning Day"}


def test_the_agencies_a_search_names_are_looked_up_once(client, posts):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    words = "ป่า วัด ชุมชน คลอง ขยะ เรียน อาสา ต้นไม้"
    client.get("/activities/", {"q": words})
    with CaptureQueriesContext(connection) as again:
        client.get("/activities/", {"q": words, "page": 1})
    named_by = [q for q in again.captured_queries if '"agencies_agency"."abbreviation"' in q["sql"]]
    assert named_by == []
