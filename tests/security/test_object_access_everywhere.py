"""Every address that takes an id, outside the public pages (see test_object_access.py),
asked for by people who must not get it: the answer is a login page, 403 or 404, the post's
title is not in it, and nothing in the database changed."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from activities import workflow
from activities.models import Activity, Photo
from tests.factories import (
    agency,
    make_activity,
    make_coordinator,
    make_photo,
    make_staff,
    make_user,
)

pytestmark = pytest.mark.django_db

SECRET = "ความลับของอีกหน่วยงาน"


@pytest.fixture(autouse=True)
def _login_url(settings):
    settings.LOGIN_URL = "/accounts/login/"


@pytest.fixture
def people(db):
    return {
        "anonymous": None,
        "other agency": make_staff(agency("peo-lamphun"), "other"),
        "other agency in admin": make_staff(agency("peo-lamphun"), "otheradmin", is_staff=True),
        "no membership": make_user("plain", role=None),
        "staff group, no agency": make_user("lonely"),
    }


@pytest.fixture
def posts(db):
    """A draft and a published post of peo-chiang-mai, each with two photos."""
    home = agency("peo-chiang-mai")
    author = make_staff(home, "author")
    made = {}
    for status in ("draft", "published"):
        post = make_activity(home, by=author, status=status, title=f"{SECRET} {status}")
        make_photo(post, is_cover=True, order=0, caption="ภาพแรก")
        make_photo(post, order=1, caption="ภาพสอง")
        made[status] = post
    made["author"] = author
    return made


def snapshot(post):
    post = Activity.objects.get(pk=post.pk)
    photos = list(
        Photo.objects.filter(activity=post)
        .order_by("pk")
        .values_list("pk", "caption", "order", "is_cover", "is_hidden")
    )
    return (
        post.title,
        post.status,
        post.archived_at,
        post.is_featured,
        photos,
        post.transitions.count(),
    )


def photo_rows(post, **changes):
    """The edit form as posted, with both photo rows."""
    data = {
        "agency": post.agency_id,
        "title": "เปลี่ยนแล้ว",
        "activity_type": post.activity_type_id,
        "start_date": "2026-07-21",
        "venue": "ที่อื่น",
        "participants": "1",
        "body": "เปลี่ยน",
        "consent_confirmed": "on",
        "photos-TOTAL_FORMS": "2",
        "photos-INITIAL_FORMS": "2",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    for index, photo in enumerate(post.photos.order_by("order")):
        data |= {
            f"photos-{index}-id": str(photo.pk),
            f"photos-{index}-caption": "ถูกแก้",
            f"photos-{index}-alt_text": "",
            f"photos-{index}-order": str(5 - index),
        }
    return data | changes


def staff_requests(post):
    first, second = post.photos.order_by("order")
    edit = reverse("staff:edit", args=[post.pk])
    return {
        "edit form": ("get", edit, {}),
        "save": ("post", edit, photo_rows(post)),
        "delete a photo": ("post", edit, photo_rows(post, **{"photos-0-DELETE": "on"})),
        "reorder photos": ("post", edit, photo_rows(post, move=f"{second.pk}:up")),
        "choose the cover": ("post", edit, photo_rows(post, cover=str(second.pk))),
        "preview": ("get", reverse("staff:preview", args=[post.pk]), {}),
        "submit": ("post", reverse("staff:submit", args=[post.pk]), {}),
    }


def admin_requests(post):
    change = reverse("admin:activities_activity_change", args=[post.pk])
    first, second = post.photos.order_by("order")
    inline = {
        "title": "เปลี่ยนแล้ว",
        "photos-TOTAL_FORMS": "2",
        "photos-INITIAL_FORMS": "2",
        "photos-0-id": str(first.pk),
        "photos-0-activity": str(post.pk),
        "photos-0-caption": "ถูกแก้",
        "photos-0-is_hidden": "on",
        "photos-1-id": str(second.pk),
        "photos-1-activity": str(post.pk),
        "photos-1-is_cover": "on",
    }
    return {
        "admin change page": ("get", change, {}),
        "admin save with photo inline": ("post", change, inline),
        "admin history": ("get", reverse("admin:activities_activity_history", args=[post.pk]), {}),
        "admin delete": ("get", reverse("admin:activities_activity_delete", args=[post.pk]), {}),
        "admin delete (post)": (
            "post",
            reverse("admin:activities_activity_delete", args=[post.pk]),
            {"post": "yes"},
        ),
        "admin step button": (
            "post",
            reverse("admin:activities_activity_step", args=[post.pk, "archive"]),
            {},
        ),
        "admin action": (
            "post",
            reverse("admin:activities_activity_changelist") + "?status=all",
            {"action": "archive", "_selected_action": [post.pk]},
        ),
    }


def send(client, method, url, data):
    return getattr(client, method)(url, data)


def refused(response, who):
    if who == "anonymous" or (response.status_code == 302 and "/login/" in response.url):
        assert response.status_code == 302
        assert "/login/" in response.url
        return
    assert response.status_code in (403, 404), (response.status_code, response.request)


WHO = [
    "anonymous",
    "other agency",
    "other agency in admin",
    "no membership",
    "staff group, no agency",
]


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("status", ["draft", "published"])
def test_staff_and_admin_addresses_refuse_outsiders(client, people, posts, who, status):
    post = posts[status]
    if people[who]:
        client.force_login(people[who])
    before = snapshot(post)
    requests = {**staff_requests(post), **admin_requests(post)}
    for name, (method, url, data) in requests.items():
        response = send(client, method, url, data)
        if name == "admin action" and response.status_code in (200, 302):
            # Their own (empty) changelist comes back; the action itself is not offered.
            assert "/login/" in response.get("Location", "") or who != "anonymous"
        else:
            refused(response, who)
        assert SECRET not in response.content.decode(), name
        assert snapshot(post) == before, name


@pytest.mark.parametrize(
    "request_name", ["save", "delete a photo", "reorder photos", "choose the cover", "submit"]
)
def test_same_agency_staff_cannot_change_a_published_post(client, posts, request_name):
    post = posts["published"]
    client.force_login(posts["author"])
    before = snapshot(post)
    method, url, data = staff_requests(post)[request_name]
    response = send(client, method, url, data)
    assert response.status_code in (403, 404)
    assert snapshot(post) == before


def test_same_agency_staff_in_admin_cannot_change_a_published_post(client, posts):
    post = posts["published"]
    author = posts["author"]
    author.is_staff = True
    author.save()
    client.force_login(author)
    before = snapshot(post)
    for name in ("admin save with photo inline", "admin delete (post)", "admin step button"):
        method, url, data = admin_requests(post)[name]
        response = send(client, method, url, data)
        assert response.status_code == 403, name
    method, url, data = admin_requests(post)["admin action"]
    client.post(url, data)
    assert snapshot(post) == before


def test_own_draft_cannot_reach_another_posts_photos(client, posts):
    """Photo ids in the edit form are looked up inside the post being edited only."""
    mine = make_activity(agency("peo-chiang-mai"), by=posts["author"], title="ของฉัน")
    make_photo(mine, is_cover=True)
    theirs = make_activity(agency("peo-lamphun"), title=SECRET)
    stolen = make_photo(theirs, is_cover=True, caption="ของเขา")
    client.force_login(posts["author"])
    before = snapshot(theirs)
    edit = reverse("staff:edit", args=[mine.pk])
    own = photo_rows(mine)
    attempts = [
        own | {"photos-0-id": str(stolen.pk), "photos-0-DELETE": "on"},
        own | {"photos-0-id": str(stolen.pk), "photos-0-caption": "ยึด"},
        own | {"cover": str(stolen.pk)},
        own | {"move": f"{stolen.pk}:up"},
    ]
    for data in attempts:
        response = client.post(edit, data)
        assert SECRET not in response.content.decode()
    assert snapshot(theirs) == before
    assert not mine.photos.filter(pk=stolen.pk).exists()


# ---- reports and personal data ---------------------------------------------------------

REPORT_URLS = [
    reverse("reports:report"),
    reverse("reports:csv", args=["agencies"]),
    reverse("reports:xlsx"),
]


@pytest.mark.parametrize("who", WHO)
def test_reports_are_for_coordinators_only(client, people, posts, who):
    if people[who]:
        client.force_login(people[who])
    for url in REPORT_URLS:
        response = client.get(url)
        refused(response, who)
    response = client.post(reverse("reports:remind"))
    refused(response, who)


def test_my_data_needs_a_login(client, posts):
    response = client.get(reverse("my_data"))
    assert response.status_code == 302
    assert "/login/" in response.url


def test_my_data_holds_only_the_holders_posts(client, people, posts):
    client.force_login(people["other agency"])
    someone_else = {"user": posts["author"].pk, "pk": posts["author"].pk}
    response = client.get(reverse("my_data"), someone_else)
    assert SECRET not in response.content.decode()
    assert response.json()["profile"]["username"] == "other"


# ---- photos of posts the public cannot see ---------------------------------------------


@pytest.fixture
def hidden_photos(db):
    """A photo on a draft, a submitted, an unpublished and an archived post, next to a
    published post the public pages list."""
    cache.clear()
    home = agency("peo-chiang-mai")
    coordinator = make_coordinator("coord")
    shown = make_activity(home, status="published", title="เผยแพร่")
    make_photo(shown, is_cover=True)
    names = []
    for status in ("draft", "submitted", "unpublished", "published"):
        post = make_activity(home, status=status, title=f"{SECRET} {status}")
        photo = make_photo(post, is_cover=True)
        if status == "published":
            workflow.archive(post, by=coordinator)
        names.append(photo.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    hidden_cover = make_photo(shown, order=1, is_hidden=True)
    names.append(hidden_cover.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    yield shown, names
    cache.clear()


def public_addresses(shown):
    return [
        reverse("pages:home"),
        reverse("activities:feed"),
        shown.get_absolute_url(),
        reverse("agencies:detail", args=["peo-chiang-mai"]),
        reverse("agencies:feed_rss", args=["peo-chiang-mai"]),
        reverse("agencies:feed_atom", args=["peo-chiang-mai"]),
        reverse("feed_rss"),
        reverse("feed_atom"),
        reverse("type_feed_rss", args=["development"]),
        reverse("sitemap"),
        *[reverse("sitemap_section", args=[s]) for s in ("activities", "agencies", "public")],
        "/en/",
        "/en/activities/",
    ]


def test_photos_of_unpublished_posts_are_not_listed_publicly(client, hidden_photos):
    shown, names = hidden_photos
    for url in public_addresses(shown):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert SECRET not in page, url
        for name in names:
            assert name not in page, (url, name)


def test_the_check_sees_a_listed_photo(client, hidden_photos):
    """The published post's cover is on its page: the name test above would catch a leak."""
    shown, _names = hidden_photos
    cover = shown.photos.get(is_cover=True)
    stem = cover.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert stem in client.get(shown.get_absolute_url()).content.decode()
