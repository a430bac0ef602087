"""The phone's background requests (upload.js): a draft from the first photo or autosave,
the text kept as typed, one photo per request, the final save with the text only."""

import datetime
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from activities import workflow
from activities.models import Activity, Photo
from activities.workflow import Status, TransitionNotAllowed
from tests.factories import (
    make_activity,
    make_coordinator,
    make_photo,
    make_staff,
    uploaded_image,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, staff_a):
    client.force_login(staff_a)
    return client


@pytest.fixture
def draft(agency_a, staff_a):
    return make_activity(agency_a, by=staff_a)


def add_photo(client, post, name="a.jpg", order=None, **kwargs):
    data = {"photo": uploaded_image(name, **kwargs)}
    if order is not None:
        data["order"] = str(order)
    return client.post(reverse("staff:add_photo", args=[post.pk]), data)


# ---- the draft ---------------------------------------------------------------------------


def test_the_first_request_creates_a_draft_with_what_was_typed(signed_in, staff_a, agency_a):
    response = signed_in.post(reverse("staff:start_draft"), {"agency": agency_a.pk, "title": "ร่าง"})
    assert response.status_code == 201
    post = Activity.objects.get()
    assert (post.status, post.title, post.created_by) == (Status.DRAFT, "ร่าง", staff_a)
    assert response.json()["photos"] == reverse("staff:add_photo", args=[post.pk])


def test_a_draft_starts_before_the_required_fields_are_typed(signed_in, agency_a):
    signed_in.post(reverse("staff:start_draft"), {"agency": agency_a.pk})
    post = Activity.objects.get()
    assert (post.title, post.start_date, post.activity_type, post.participants) == (
        "",
        None,
        None,
        None,
    )


def test_a_half_typed_field_is_left_out_and_the_rest_kept(signed_in, agency_a):
    data = {"agency": agency_a.pk, "title": "ร่าง", "start_date_day": "31", "start_date_month": "4"}
    response = signed_in.post(reverse("staff:start_draft"), {**data, "start_date_year": "2565"})
    post = Activity.objects.get()
    assert (post.title, post.start_date) == ("ร่าง", None)
    assert "start_date" in response.json()["errors"]


def test_no_draft_without_an_agency(client, agency_a):
    client.force_login(make_coordinator())
    response = client.post(reverse("staff:start_draft"), {"title": "ร่าง"})
    assert response.status_code == 400
    assert "agency" in response.json()["errors"]
    assert not Activity.objects.exists()


def test_staff_cannot_start_a_draft_for_another_agency(signed_in, agency_b):
    response = signed_in.post(reverse("staff:start_draft"), {"agency": agency_b.pk})
    assert response.status_code == 400
    assert not Activity.objects.exists()


def test_autosave_keeps_the_text_as_typed(signed_in, draft, agency_a):
    url = reverse("staff:autosave", args=[draft.pk])
    response = signed_in.post(url, {"agency": agency_a.pk, "title": "ชื่อใหม่", "body": "เนื้อหา"})
    assert response.json()["saved"] is True
    draft.refresh_from_db()
    assert (draft.title, draft.body) == ("ชื่อใหม่", "เนื้อหา")


def test_autosave_cleans_pasted_credits(signed_in, draft, agency_a):
    url = reverse("staff:autosave", args=[draft.pk])
    signed_in.post(url, {"agency": agency_a.pk, "news_credit": "วรัญญา / ข่าว"})
    draft.refresh_from_db()
    assert draft.news_credit == "วรัญญา"


def test_autosave_never_touches_a_published_post(client, agency_a):
    post = make_activity(agency_a, status="published", title="เผยแพร่แล้ว")
    client.force_login(make_coordinator())
    url = reverse("staff:autosave", args=[post.pk])
    response = client.post(url, {"agency": agency_a.pk, "title": "พิมพ์ครึ่ง"})
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.title == "เผยแพร่แล้ว"


def test_autosave_of_another_agencys_post_is_not_found(signed_in, agency_b):
    post = make_activity(agency_b, title="ของคนอื่น")
    response = signed_in.post(reverse("staff:autosave", args=[post.pk]), {"title": "ยึด"})
    assert response.status_code == 404
    post.refresh_from_db()
    assert post.title == "ของคนอื่น"


# ---- one photo per request ---------------------------------------------------------------


def test_a_photo_is_added_at_the_place_it_was_chosen(signed_in, draft):
    response = add_photo(signed_in, draft, order=7)
    assert response.status_code == 201
    photo = draft.photos.get()
    assert (photo.order, response.json()["id"]) == (7, photo.pk)
    assert response.json()["thumbnail"].endswith("-320.webp")


def test_the_first_photo_stays_the_cover_whatever_order_they_arrive_in(signed_in, draft):
    for order in (2, 0, 1):
        add_photo(signed_in, draft, f"{order}.jpg", order=order)
    assert draft.photos.get(is_cover=True).order == 0


def test_a_chosen_cover_stays_when_more_photos_arrive(signed_in, draft):
    first = make_photo(draft, order=0)
    chosen = make_photo(draft, order=1, is_cover=True)
    add_photo(signed_in, draft, order=2)
    assert draft.photos.get(is_cover=True) == chosen != first


def test_a_heic_photo_is_converted_by_the_server(signed_in, draft):
    response = add_photo(signed_in, draft, "IMG_0001.HEIC", fmt="HEIF")
    assert response.status_code == 201
    assert draft.photos.get().image.name.endswith(".jpg")


def test_a_file_that_is_not_a_photo_is_refused_by_name(signed_in, draft):
    url = reverse("staff:add_photo", args=[draft.pk])
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("report.pdf", b"%PDF-1.4 hello", content_type="application/pdf")
    response = signed_in.post(url, {"photo": pdf})
    assert response.status_code == 400
    assert "“report.pdf”" in response.json()["error"]
    assert not response.json().get("retry")
    assert not draft.photos.exists()


def test_a_request_without_the_photo_is_worth_sending_again(signed_in, draft):
    response = signed_in.post(reverse("staff:add_photo", args=[draft.pk]), {"order": "1"})
    assert response.status_code == 400
    assert response.json()["retry"] is True


def test_the_31st_photo_is_refused(signed_in, draft):
    for n in range(Photo.MAX_PER_ACTIVITY):
        make_photo(draft, order=n)
    response = add_photo(signed_in, draft, "extra.jpg")
    assert response.status_code == 400
    assert "“extra.jpg”" in response.json()["error"]
    assert draft.photos.count() == Photo.MAX_PER_ACTIVITY


# Committed for real, as the threads need; the shipped agencies come back afterwards (as the
# browser tests expect) through serialized_rollback.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_parallel_uploads_cannot_pass_the_limit(agency_a, staff_a):
    post = make_activity(agency_a, by=staff_a)
    for n in range(Photo.MAX_PER_ACTIVITY - 1):
        make_photo(post, order=n)
    codes, start = [], threading.Barrier(3)

    def upload(name):
        client = Client()
        client.force_login(staff_a)
        start.wait()
        codes.append(add_photo(client, post, name).status_code)
        connection.close()

    threads = [threading.Thread(target=upload, args=(f"{n}.jpg",)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(codes) == [201, 400, 400]
    assert post.photos.count() == Photo.MAX_PER_ACTIVITY


def test_a_signed_out_phone_gets_a_message_not_the_login_page(client, draft):
    response = add_photo(client, draft)
    assert response.status_code == 401
    assert response.json()["error"].startswith("ออกจากระบบไปแล้ว")


def test_uploads_need_the_csrf_token(staff_a, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_a)
    assert add_photo(client, draft).status_code == 403
    assert not draft.photos.exists()


def test_photos_cannot_be_added_to_a_post_waiting_for_review(signed_in, agency_a, staff_a):
    post = make_activity(agency_a, by=staff_a, status="submitted")
    assert add_photo(signed_in, post).status_code == 403
    assert not post.photos.exists()


def test_photos_cannot_be_added_to_another_agencys_post(signed_in, agency_b):
    post = make_activity(agency_b)
    assert add_photo(signed_in, post).status_code == 404


def test_the_upload_address_takes_only_posts(signed_in, draft):
    assert signed_in.get(reverse("staff:add_photo", args=[draft.pk])).status_code == 405


# ---- the final save: the text alone ------------------------------------------------------


def test_the_final_save_sends_the_text_and_keeps_the_photos(signed_in, draft, post_data):
    make_photo(draft, order=0, is_cover=True)
    make_photo(draft, order=1)
    url = reverse("staff:edit", args=[draft.pk])
    response = signed_in.post(url, {**post_data, "title": "เสร็จแล้ว", "action": "submit"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.status, draft.photos.count()) == ("เสร็จแล้ว", Status.SUBMITTED, 2)


def test_an_incomplete_draft_cannot_be_submitted(signed_in, agency_a, staff_a):
    post = Activity.objects.create(agency=agency_a, created_by=staff_a, title="ยังไม่ครบ")
    with pytest.raises(TransitionNotAllowed, match="วันที่"):
        workflow.submit(post, by=staff_a)


def test_the_submit_button_of_the_list_names_what_is_missing(signed_in, agency_a, staff_a):
    post = Activity.objects.create(
        agency=agency_a, created_by=staff_a, title="ยังไม่ครบ", consent_confirmed=True
    )
    response = signed_in.post(reverse("staff:submit", args=[post.pk]), follow=True)
    assert "กรอกให้ครบก่อนส่งตรวจ" in response.content.decode()
    post.refresh_from_db()
    assert post.status == Status.DRAFT


def test_the_database_refuses_an_incomplete_post_in_review(agency_a, staff_a):
    post = make_activity(agency_a, by=staff_a, status="submitted")
    with pytest.raises(IntegrityError), transaction.atomic():
        Activity.objects.filter(pk=post.pk).update(start_date=None)


def test_the_staff_list_names_a_draft_without_a_title(signed_in, agency_a, staff_a):
    Activity.objects.create(agency=agency_a, created_by=staff_a)
    page = signed_in.get(reverse("staff:list")).content.decode()
    assert "(ยังไม่มีชื่อ)" in page


def test_the_preview_of_an_incomplete_draft_opens(signed_in, agency_a, staff_a):
    post = Activity.objects.create(agency=agency_a, created_by=staff_a, title="ร่าง")
    assert signed_in.get(reverse("staff:preview", args=[post.pk])).status_code == 200


def test_a_draft_started_by_a_photo_is_dated_by_the_final_save(signed_in, agency_a, post_data):
    signed_in.post(reverse("staff:start_draft"), {"agency": agency_a.pk})
    post = Activity.objects.get()
    signed_in.post(reverse("staff:edit", args=[post.pk]), {**post_data, "action": "draft"})
    post.refresh_from_db()
    assert post.start_date == datetime.date(2026, 7, 21)


def test_someone_else_in_the_agency_may_add_photos_to_the_draft(client, agency_a, draft):
    client.force_login(make_staff(agency_a, "colleague"))
    assert add_photo(client, draft).status_code == 201


@pytest.mark.parametrize("order", ["²", "-1", "x", "99999"])
def test_a_strange_place_puts_the_photo_last(signed_in, draft, order):
    make_photo(draft, order=4)
    response = signed_in.post(
        reverse("staff:add_photo", args=[draft.pk]), {"photo": uploaded_image(), "order": order}
    )
    assert response.status_code == 201
    assert response.json()["order"] == 5
