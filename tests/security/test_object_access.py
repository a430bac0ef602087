"""Posts that are not published stay private: by id, by slug, in listings and in the admin.

Two tables drive the tests; the staff pages, previews and report exports each join them with
one line when they exist:
- OBJECT_URLS: (name, activity -> URL) for every URL that takes a post's id or slug;
- LISTINGS: (name, activity -> URL) for every page or file that lists posts.
Each is requested by every VISITOR for a post in every hidden state.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile

from activities import workflow
from activities.models import Activity
from activities.photos import add_photo
from tests.factories import agency, image_bytes, make_activity, make_coordinator, make_staff

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["draft", "submitted", "returned", "unpublished", "archived"]


def _admin(model, view):
    def url(activity):
        obj = activity if model is Activity else activity.photos.first()
        label = f"{model._meta.app_label}/{model._meta.model_name}"
        return f"/admin/{label}/{obj.pk}/{view}/"

    return url


OBJECT_URLS = [
    ("detail", lambda a: f"/activities/{a.pk}-{a.slug}/"),
    ("detail by id", lambda a: f"/activities/{a.pk}/"),
    ("detail in English", lambda a: f"/en/activities/{a.pk}-{a.slug}/"),
    ("admin change", _admin(Activity, "change")),
    ("admin history", _admin(Activity, "history")),
    ("admin delete", _admin(Activity, "delete")),
]

LISTINGS = [
    ("home", lambda a: "/"),
    ("feed", lambda a: "/activities/"),
    ("search", lambda a: "/activities/?q=ลับเฉพาะ"),
    ("agency page", lambda a: a.agency.get_absolute_url()),
    ("RSS", lambda a: "/feed/"),
    ("Atom", lambda a: "/feed/atom/"),
    ("agency RSS", lambda a: f"{a.agency.get_absolute_url()}feed/"),
    ("type RSS", lambda a: "/feed/types/development/"),
    ("sitemap", lambda a: "/sitemap-activities.xml"),
]


def anonymous():
    return AnonymousUser()


def staff_of_another_agency():
    # is_staff too: even a user who may open the admin must not see another agency's posts.
    return make_staff(agency("peo-chiang-rai"), is_staff=True)


VISITORS = {"anonymous": anonymous, "staff of another agency": staff_of_another_agency}


def hidden_post(state):
    activity = make_activity(
        agency("peo-chiang-mai"),
        status="published" if state == "archived" else state,
        title=f"ความลับ {state} ห้ามเผยแพร่",
        venue="สถานที่ลับเฉพาะ",
    )
    if state == "archived":
        workflow.archive(activity, by=make_coordinator())
    add_photo(activity, SimpleUploadedFile("secret.jpg", image_bytes(), "image/jpeg"))
    activity.refresh_from_db()
    return activity


def _leaks(response, activity):
    text = response.content.decode(errors="replace")
    photo = activity.photos.first()
    return [
        secret
        for secret in (activity.title, activity.venue, photo.image.name.rsplit("/", 1)[-1])
        if secret in text
    ]


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize(("name", "url"), OBJECT_URLS)
def test_hidden_post_cannot_be_opened(client, name, url, state, visitor):
    activity = hidden_post(state)
    user = VISITORS[visitor]()
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(url(activity))
    assert response.status_code in (302, 403, 404), (name, response.status_code)
    if response.status_code == 302:
        assert "login" in response["Location"]
    assert not _leaks(response, activity)


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("state", HIDDEN_STATES)
@pytest.mark.parametrize(("name", "url"), LISTINGS)
def test_hidden_post_is_in_no_listing(client, name, url, state, visitor):
    activity = hidden_post(state)
    user = VISITORS[visitor]()
    if user.is_authenticated:
        client.force_login(user)
    response = client.get(url(activity))
    assert response.status_code == 200
    assert not _leaks(response, activity), name


def test_photos_of_hidden_posts_have_unguessable_names():
    """Media files are served without a permission check (by the web server or object
    storage), so a photo of an unpublished post is private only through its name: 128 random
    bits, with nothing of the post's id, slug or date in it beyond the month folder."""
    activity = hidden_post("draft")
    names = [activity.photos.first().image.name] + [
        r["name"] for r in activity.photos.first().renditions
    ]
    for name in names:
        # secrets.token_urlsafe(16), then the rendition width
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}(-\d+|-share)?\.(jpg|webp)", name.rsplit("/", 1)[-1])
        assert activity.slug not in name
    stems = {n.rsplit("/", 1)[-1][:22] for n in names}
    assert len(stems) == 1  # renditions share the original's random stem, nothing sequential


def test_media_folders_are_not_listed(client):
    activity = hidden_post("draft")
    folder = activity.photos.first().image.name.rsplit("/", 1)[0]
    response = client.get(f"/media/{folder}/")
    assert response.status_code == 404
    assert not _leaks(response, activity)
