import os

import pytest
from django.urls import reverse

from activities.models import Activity
from activities.workflow import Status
from tests.factories import make_activity, make_coordinator, make_photo, uploaded_image

pytestmark = pytest.mark.django_db


def test_list_shows_own_agency_posts_with_status(client, staff_a, agency_a, agency_b):
    make_activity(agency_a, title="ของเรา", status="submitted")
    make_activity(agency_b, title="ของคนอื่น")
    client.force_login(staff_a)
    page = client.get(reverse("staff:list")).content.decode()
    assert "ของเรา" in page
    assert "ของคนอื่น" not in page
    assert "รอตรวจ" in page or "waiting for review" in page


def test_list_shows_coordinators_note_on_returned_post(client, staff_a, agency_a):
    make_activity(agency_a, status="returned")  # the factory's note: "โปรดเพิ่มภาพ"
    client.force_login(staff_a)
    assert "โปรดเพิ่มภาพ" in client.get(reverse("staff:list")).content.decode()


def test_list_counts_posts_per_status(client, staff_a, agency_a):
    make_activity(agency_a)
    make_activity(agency_a)
    make_activity(agency_a, status="published")
    client.force_login(staff_a)
    counts = {v: n for v, _label, n in client.get(reverse("staff:list")).context["counts"]}
    assert counts["draft"] == 2
    assert counts["published"] == 1


def test_list_filters_by_status(client, staff_a, agency_a):
    make_activity(agency_a, title="ร่างอยู่")
    make_activity(agency_a, title="เผยแพร่แล้ว", status="published")
    client.force_login(staff_a)
    page = client.get(reverse("staff:list"), {"status": "published"}).content.decode()
    assert "เผยแพร่แล้ว" in page
    assert "ร่างอยู่" not in page


def test_list_filters_by_buddhist_era_month(client, staff_a, agency_a):
    import datetime

    make_activity(agency_a, title="งานเดือนเจ็ด", start_date=datetime.date(2026, 7, 1))
    make_activity(agency_a, title="งานเดือนแปด", start_date=datetime.date(2026, 8, 1))
    client.force_login(staff_a)
    response = client.get(reverse("staff:list"), {"month": "2569-07"})
    page = response.content.decode()
    assert "งานเดือนเจ็ด" in page
    assert "งานเดือนแปด" not in page
    assert "กรกฎาคม 2569" in page


def test_coordinator_sees_every_agencys_posts(client, agency_a, agency_b):
    make_activity(agency_a, title="เชียงใหม่")
    make_activity(agency_b, title="ลำพูน")
    client.force_login(make_coordinator())
    page = client.get(reverse("staff:list")).content.decode()
    assert "เชียงใหม่" in page
    assert "ลำพูน" in page


def test_create_saves_draft_and_returns_to_edit_page(client, staff_a, post_data):
    client.force_login(staff_a)
    response = client.post(reverse("staff:create"), {**post_data, "action": "draft"})
    post = Activity.objects.get()
    assert response.url == reverse("staff:edit", args=[post.pk])
    assert (post.status, post.created_by, post.title) == (Status.DRAFT, staff_a, "ทาสีรั้วโรงเรียน")


def test_create_with_photos_stores_them_and_picks_a_cover(client, staff_a, post_data):
    client.force_login(staff_a)
    photos = [uploaded_image("a.jpg"), uploaded_image("b.png", fmt="PNG")]
    client.post(reverse("staff:create"), {**post_data, "new_photos": photos})
    post = Activity.objects.get()
    assert post.photos.count() == 2
    assert post.photos.filter(is_cover=True).count() == 1


def test_create_and_submit_sends_post_for_review(client, staff_a, post_data):
    client.force_login(staff_a)
    response = client.post(reverse("staff:create"), {**post_data, "action": "submit"})
    assert response.url == reverse("staff:list")
    assert Activity.objects.get().status == Status.SUBMITTED


def test_submit_without_consent_is_refused_and_text_kept(client, staff_a, post_data):
    client.force_login(staff_a)
    data = {**post_data, "action": "submit"}
    del data["consent_confirmed"]
    response = client.post(reverse("staff:create"), data)
    assert response.status_code == 200
    assert Activity.objects.count() == 0
    assert "ทาสีรั้วโรงเรียน" in response.content.decode()
    assert response.context["form"].errors["consent_confirmed"]


def test_draft_may_be_saved_without_consent(client, staff_a, post_data):
    client.force_login(staff_a)
    data = {**post_data, "action": "draft"}
    del data["consent_confirmed"]
    client.post(reverse("staff:create"), data)
    assert Activity.objects.get().status == Status.DRAFT


def test_end_before_start_is_refused(client, staff_a, post_data):
    client.force_login(staff_a)
    response = client.post(reverse("staff:create"), {**post_data, "end_date": "2026-07-01"})
    assert response.context["form"].errors["end_date"]
    assert Activity.objects.count() == 0


def test_agency_choices_are_only_the_users_agencies(client, staff_a, agency_a):
    client.force_login(staff_a)
    form = client.get(reverse("staff:create")).context["form"]
    assert list(form.fields["agency"].queryset) == [agency_a]


def test_staff_cannot_post_for_another_agency(client, staff_a, post_data, agency_b):
    client.force_login(staff_a)
    response = client.post(reverse("staff:create"), {**post_data, "agency": agency_b.pk})
    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
    assert Activity.objects.count() == 0


def test_photo_input_accepts_phone_formats_and_several_files(client, staff_a):
    client.force_login(staff_a)
    page = client.get(reverse("staff:create")).content.decode()
    assert 'accept="image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"' in page
    assert "multiple" in page
    assert 'enctype="multipart/form-data"' in page


def test_edit_changes_the_text(client, staff_a, agency_a, post_data):
    post = make_activity(agency_a, by=staff_a)
    client.force_login(staff_a)
    data = {**post_data, "title": "ชื่อใหม่", **rows_data(post)}
    client.post(reverse("staff:edit", args=[post.pk]), data)
    post.refresh_from_db()
    assert post.title == "ชื่อใหม่"


def rows_data(post, **changes):
    """The photo rows of the edit form as the browser sends them back."""
    photos = list(post.photos.order_by("order", "pk"))
    data = {
        "photos-TOTAL_FORMS": str(len(photos)),
        "photos-INITIAL_FORMS": str(len(photos)),
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    for i, photo in enumerate(photos):
        data.update(
            {
                f"photos-{i}-id": str(photo.pk),
                f"photos-{i}-caption": photo.caption,
                f"photos-{i}-alt_text": photo.alt_text,
                f"photos-{i}-order": str(photo.order),
            }
        )
    data.update(changes)
    return data


@pytest.fixture
def post_with_photos(agency_a, staff_a):
    post = make_activity(agency_a, by=staff_a)
    for order in range(3):
        make_photo(post, order=order, is_cover=order == 0, caption=f"ภาพ {order}")
    return post


def test_edit_changes_caption_and_alt_text(client, staff_a, post_with_photos, post_data):
    client.force_login(staff_a)
    data = {
        **post_data,
        **rows_data(post_with_photos, **{"photos-1-caption": "ใหม่", "photos-1-alt_text": "เด็ก"}),
    }
    client.post(reverse("staff:edit", args=[post_with_photos.pk]), data)
    photo = post_with_photos.photos.order_by("order")[1]
    assert (photo.caption, photo.alt_text) == ("ใหม่", "เด็ก")


@pytest.mark.parametrize("initial", ["3", "4"])
def test_an_extra_photo_row_without_a_file_adds_nothing(
    client, staff_a, post_with_photos, post_data, initial
):
    """A hand-raised photos-TOTAL_FORMS: the staff form only edits the photos it listed
    (an extra row is ignored, or refused as a form error when it claims to be stored)."""
    client.force_login(staff_a)
    extra = {
        "photos-TOTAL_FORMS": "4",
        "photos-INITIAL_FORMS": initial,
        "photos-3-caption": "แถวปลอม",
        "photos-3-order": "3",
    }
    data = {**post_data, **rows_data(post_with_photos, **extra)}
    response = client.post(reverse("staff:edit", args=[post_with_photos.pk]), data)
    assert response.status_code == {"3": 302, "4": 200}[initial]
    assert post_with_photos.photos.count() == 3
    assert not post_with_photos.photos.filter(caption="แถวปลอม").exists()


def test_move_up_swaps_photo_with_the_one_above(client, staff_a, post_with_photos, post_data):
    client.force_login(staff_a)
    second = post_with_photos.photos.order_by("order")[1]
    data = {**post_data, **rows_data(post_with_photos), "move": f"{second.pk}:up"}
    response = client.post(reverse("staff:edit", args=[post_with_photos.pk]), data)
    assert response.url.endswith("#photos")
    assert post_with_photos.photos.order_by("order").first() == second


def test_order_number_sets_the_order(client, staff_a, post_with_photos, post_data):
    client.force_login(staff_a)
    data = {**post_data, **rows_data(post_with_photos, **{"photos-0-order": "9"})}
    client.post(reverse("staff:edit", args=[post_with_photos.pk]), data)
    assert post_with_photos.photos.order_by("order").last().caption == "ภาพ 0"


def test_choosing_a_cover_replaces_the_old_one(client, staff_a, post_with_photos, post_data):
    client.force_login(staff_a)
    third = post_with_photos.photos.order_by("order")[2]
    data = {**post_data, **rows_data(post_with_photos), "cover": str(third.pk)}
    client.post(reverse("staff:edit", args=[post_with_photos.pk]), data)
    assert list(post_with_photos.photos.filter(is_cover=True)) == [third]


def test_removing_a_photo_deletes_row_and_file(
    client, staff_a, post_with_photos, post_data, django_capture_on_commit_callbacks
):
    client.force_login(staff_a)
    first = post_with_photos.photos.order_by("order")[0]
    path = first.image.path
    data = {**post_data, **rows_data(post_with_photos, **{"photos-0-DELETE": "on"})}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("staff:edit", args=[post_with_photos.pk]), data)
    assert not post_with_photos.photos.filter(pk=first.pk).exists()
    assert post_with_photos.photos.filter(is_cover=True).count() == 1  # a new cover
    assert not os.path.exists(path)


def test_preview_uses_the_public_template_with_a_banner(client, staff_a, agency_a):
    post = make_activity(agency_a, by=staff_a, title="ตัวอย่างข่าว")
    client.force_login(staff_a)
    response = client.get(reverse("staff:preview", args=[post.pk]))
    assert "activities/detail.html" in [t.name for t in response.templates]
    assert "preview-banner" in response.content.decode()
    assert "ตัวอย่างข่าว" in response.content.decode()


def test_preview_button_saves_and_opens_preview(client, staff_a, post_data):
    client.force_login(staff_a)
    response = client.post(reverse("staff:create"), {**post_data, "action": "preview"})
    assert response.url == reverse("staff:preview", args=[Activity.objects.get().pk])


def test_submit_action_sends_returned_post_back(client, staff_a, agency_a):
    post = make_activity(agency_a, by=staff_a, status="returned")
    client.force_login(staff_a)
    client.post(reverse("staff:submit", args=[post.pk]))
    post.refresh_from_db()
    assert post.status == Status.SUBMITTED


def test_upload_script_gets_json_redirect(client, staff_a, post_data):
    client.force_login(staff_a)
    response = client.post(
        reverse("staff:create"), post_data, headers={"x-requested-with": "XMLHttpRequest"}
    )
    post = Activity.objects.get()
    assert response.json() == {"redirect": reverse("staff:edit", args=[post.pk])}


def test_help_page_explains_credits_in_thai(client, staff_a):
    client.force_login(staff_a)
    page = client.get(reverse("staff:help")).content.decode()
    assert "คู่มือการใช้งาน" in page
    assert "อานนท์ วิชานนท์ / ข่าว" in page
    assert "30" in page and "20 MB" in page


def test_nav_links_staff_area_for_staff_only(client, staff_a):
    assert reverse("staff:list") not in client.get("/").content.decode()
    client.force_login(staff_a)
    assert reverse("staff:list") in client.get("/").content.decode()


def test_public_address_without_slug_redirects_to_canonical(client, agency_a):
    post = make_activity(agency_a, status="published")
    response = client.get(f"/activities/{post.pk}/")
    assert response.status_code == 301
    assert response.url == post.get_absolute_url()


def test_public_address_with_wrong_slug_redirects_to_canonical(client, agency_a):
    post = make_activity(agency_a, status="published")
    response = client.get(f"/activities/{post.pk}-wrong-slug/")
    assert response.status_code == 301
    assert response.url == post.get_absolute_url()


def test_coordinator_gets_edit_links_past_the_2000th_editable_post(client, staff_a, agency_a):
    """The list once capped the editable ids at 2,000, in another order than its own."""
    template = make_activity(agency_a, by=staff_a, title="แม่แบบ")
    fields = {f.attname: getattr(template, f.attname) for f in Activity._meta.concrete_fields}
    del fields["id"]
    Activity.objects.bulk_create(
        [Activity(**{**fields, "title": f"กิจกรรม {n}"}) for n in range(2099)], batch_size=500
    )
    client.force_login(make_coordinator())
    response = client.get(reverse("staff:list"), {"page": 105})  # 2,100 posts, 20 a page
    shown = response.context["page_obj"].object_list
    assert len(shown) == 20
    page = response.content.decode()
    for post in shown:
        assert reverse("staff:edit", args=[post.pk]) in page
