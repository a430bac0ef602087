"""Without JavaScript every photo travels in one request: when the request's time budget runs
out, the post is kept with the photos done so far and the rest are named to add again."""

import itertools

import pytest
from django.urls import reverse

from activities import editing
from activities.models import Activity
from activities.workflow import Status
from tests.factories import uploaded_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def slow_clock(monkeypatch, settings):
    """Each look at the clock is 8 s later: one photo fits a 20 s budget, the next does not."""
    settings.PHOTO_REQUEST_BUDGET = 20
    ticks = itertools.count(0, 8)
    monkeypatch.setattr(editing, "monotonic", lambda: next(ticks))


def photos():
    return [uploaded_image(name) for name in ("IMG_1.jpg", "IMG_2.jpg", "IMG_3.jpg")]


def test_the_post_is_kept_with_the_photos_done_in_time(client, staff_a, post_data, slow_clock):
    client.force_login(staff_a)
    response = client.post(reverse("staff:create"), {**post_data, "new_photos": photos()})
    post = Activity.objects.get()
    assert response.status_code == 302
    assert post.photos.count() == 1


def test_the_photos_left_are_named_to_add_again(client, staff_a, post_data, slow_clock):
    client.force_login(staff_a)
    data = {**post_data, "new_photos": photos()}
    page = client.post(reverse("staff:create"), data, follow=True).content.decode()
    assert "หมดเวลาก่อนเพิ่มภาพเหล่านี้" in page
    assert "IMG_2.jpg, IMG_3.jpg" in page
    assert "IMG_1.jpg" not in page


def test_a_post_that_ran_out_of_time_stays_a_draft(client, staff_a, post_data, slow_clock):
    client.force_login(staff_a)
    data = {**post_data, "new_photos": photos(), "action": "submit"}
    client.post(reverse("staff:create"), data)
    assert Activity.objects.get().status == Status.DRAFT


def test_within_the_budget_every_photo_is_added(client, staff_a, post_data):
    client.force_login(staff_a)
    client.post(reverse("staff:create"), {**post_data, "new_photos": photos()})
    assert Activity.objects.get().photos.count() == 3
