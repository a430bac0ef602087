"""Work is never half-saved nor lost: an upload that breaks midway leaves nothing behind, a
post whose Nth photo cannot be stored keeps its text and good photos, archiving is undoable."""

from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities import photos
from activities.models import Activity, Photo
from tests.factories import agency, make_activity, make_coordinator, make_staff, uploaded_image

pytestmark = pytest.mark.django_db


def stored_files(settings):
    return sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())


class FailingSave:
    """default_storage.save that breaks on its Nth call, like a disk or bucket giving up."""

    def __init__(self, fail_on):
        self.calls, self.fail_on = 0, fail_on
        self.real = default_storage.save

    def __call__(self, name, content, *args, **kwargs):
        self.calls += 1
        if self.calls == self.fail_on:
            raise OSError("No space left on device")
        return self.real(name, content, *args, **kwargs)


@pytest.mark.parametrize("fail_on", [1, 2, 4])
def test_upload_broken_midway_leaves_no_row_and_no_file(settings, fail_on):
    post = make_activity()
    failing = mock.patch.object(default_storage, "save", FailingSave(fail_on))
    with failing, pytest.raises(OSError):
        photos.add_photo(post, uploaded_image())
    assert Photo.objects.count() == 0
    assert stored_files(settings) == []


@pytest.fixture
def author(client):
    user = make_staff(agency("peo-chiang-mai"), "author")
    client.force_login(user)
    return user


def new_post(**extra):
    from tests.factories import activity_type

    return {
        "agency": agency("peo-chiang-mai").pk,
        "title": "ทาสีรั้วโรงเรียน",
        "activity_type": activity_type().pk,
        "start_date": "2026-07-21",
        "venue": "โรงเรียนบ้านหนองบัว",
        "participants": "45",
        "body": "ข้อความที่พิมพ์มานาน",
        "consent_confirmed": "on",
        **extra,
    }


def three_photos():
    return [uploaded_image(f"ภาพ{n}.jpg") for n in (1, 2, 3)]


def test_storage_failure_on_the_second_photo_keeps_the_post_and_good_photos(
    client, author, settings
):
    """Documented in activities/editing.py: the text and every good photo are kept and the
    photo that could not be stored is named in a message; the post stays a draft."""
    # Each photo writes 5 files (original, 3 renditions, share): call 7 is in photo 2.
    with mock.patch.object(default_storage, "save", FailingSave(7)):
        response = client.post(
            reverse("staff:create"), new_post(action="submit", new_photos=three_photos())
        )
    assert response.status_code == 302
    post = Activity.objects.get()
    assert post.body == "ข้อความที่พิมพ์มานาน"
    assert post.status == "draft"
    assert post.photos.count() == 2
    kept = {n for photo in post.photos.all() for n in photo.stored_names()}
    on_disk = {str(p.relative_to(settings.MEDIA_ROOT)) for p in stored_files(settings)}
    assert on_disk == kept  # nothing half-written left behind
    page = client.get(response.url).content.decode()
    assert "ภาพ2.jpg" in page


def test_database_failure_while_saving_rolls_back_everything(client, author, settings):
    """A failure the form cannot explain saves nothing at all (one transaction)."""
    with mock.patch("activities.editing.set_cover", side_effect=RuntimeError("boom")):
        client.raise_request_exception = False
        response = client.post(reverse("staff:create"), new_post(new_photos=three_photos()))
    assert response.status_code == 500
    assert Activity.objects.count() == 0
    assert Photo.objects.count() == 0
    assert stored_files(settings) == []  # the photos written before the failure are gone


def stored_as_it_came(activity, upload):
    """add_photo without the pipeline: these tests count files, not pixels."""
    return Photo.objects.create(activity=activity, image=upload.name, width=1, height=1)


def test_a_hundred_and_one_photos_keep_the_text_and_the_first_thirty(client, author):
    """Django refuses more than 100 files with a bare 400 and the text is lost; a post takes
    30 photos, so the rest are not even read, and a message counts them."""
    files = [SimpleUploadedFile(f"p{n}.jpg", b"jpeg", "image/jpeg") for n in range(101)]
    with mock.patch.object(photos, "add_photo", stored_as_it_came):
        response = client.post(reverse("staff:create"), new_post(new_photos=files))
    assert response.status_code == 302
    post = Activity.objects.get()
    assert post.body == "ข้อความที่พิมพ์มานาน"
    assert post.photos.count() == Photo.MAX_PER_ACTIVITY
    told = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("71" in message and "30" in message for message in told), told


# ---- archive is soft -------------------------------------------------------------------


def test_archive_and_restore_from_the_admin(client):
    cache.clear()
    post = make_activity(status="published", title="เก็บแล้วคืนได้")
    client.force_login(make_coordinator("coord"))
    changelist = reverse("admin:activities_activity_changelist") + "?status=all"
    client.post(changelist, {"action": "archive", "_selected_action": [post.pk]})
    client.logout()
    assert client.get(post.get_absolute_url()).status_code == 404
    assert "เก็บแล้วคืนได้" not in client.get(reverse("activities:feed")).content.decode()
    assert Activity.objects.filter(pk=post.pk).exists()

    client.force_login(make_coordinator("coord2"))
    archived = reverse("admin:activities_activity_changelist") + "?status=archived"
    client.post(archived, {"action": "restore", "_selected_action": [post.pk]})
    client.logout()
    assert client.get(post.get_absolute_url()).status_code == 200
    assert "เก็บแล้วคืนได้" in client.get(reverse("activities:feed")).content.decode()
    cache.clear()
