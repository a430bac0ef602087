"""Posts that are not published stay private, and no one reaches an address meant for others.

Public pages: two tables drive the tests; the staff pages, previews and report exports each
join them with one line when they exist:
- OBJECT_URLS: (name, activity -> URL) for every URL that takes a post's id or slug;
- LISTINGS: (name, activity -> URL) for every page or file that lists posts.
Each is requested by every VISITOR for a post in every hidden state; neither its text nor
any stored file of its photo (the original or a rendition) may come back. Search does not
find it and the statistics do not count it.

Staff pages, the admin and reports: every address that takes an id, asked for by people who
must not get it, answers with a login page, 403 or 404, without the post's title, and nothing
in the database changes.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse

from activities import workflow
from activities.models import Activity, Photo
from tests.factories import (
    agency,
    make_activity,
    make_coordinator,
    make_photo,
    make_processed_photo,
    make_staff,
    make_user,
    uploaded_image,
)

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


def hidden_post(state, **fields):
    activity = make_activity(
        agency("peo-chiang-mai"),
        status="published" if state == "archived" else state,
        title=f"ความลับ {state} ห้ามเผยแพร่",
        venue="สถานที่ลับเฉพาะ",
        **fields,
    )
    if state == "archived":
        workflow.archive(activity, by=make_coordinator())
    make_processed_photo(activity)
    activity.refresh_from_db()
    return activity


def stored_files(photo):
    """The names of every file stored for a photo: the original and each rendition."""
    return [photo.image.name.rsplit("/", 1)[-1]] + [
        r["name"].rsplit("/", 1)[-1] for r in photo.renditions
    ]


def _leaks(response, activity):
    text = response.content.decode(errors="replace")
    secrets = [activity.title, activity.venue, *stored_files(activity.photos.get())]
    return [secret for secret in secrets if secret in text]


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
    photo = activity.photos.get()
    names = [photo.image.name] + [r["name"] for r in photo.renditions]
    for name in names:
        # secrets.token_urlsafe(16), then the rendition width
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}(-\d+|-share)?\.(jpg|webp)", name.rsplit("/", 1)[-1])
        assert activity.slug not in name
    stems = {n.rsplit("/", 1)[-1][:22] for n in names}
    assert len(stems) == 1  # renditions share the original's random stem, nothing sequential


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_posts_page_is_not_found(client, state):
    activity = hidden_post(state)
    assert client.get(activity.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_post_is_not_found_by_search(client, state):
    hidden_post(state)
    response = client.get("/activities/", {"q": "ลับเฉพาะ"})
    assert response.context["page_obj"].paginator.count == 0


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_post_is_not_counted_in_the_statistics(client, state):
    hidden_post(state, participants=777)
    assert "777" not in client.get("/stats/?year=2569").content.decode()
    assert "777" not in client.get("/stats/months.csv?year=2569").content.decode()


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_hidden_post_is_not_counted_on_its_agency_page(client, state):
    hidden_post(state, participants=777)
    assert "777" not in client.get("/agencies/peo-chiang-mai/").content.decode()


def test_media_folders_are_not_listed(client):
    activity = hidden_post("draft")
    folder = activity.photos.first().image.name.rsplit("/", 1)[0]
    response = client.get(f"/media/{folder}/")
    assert response.status_code == 404
    assert not _leaks(response, activity)


def test_the_leak_check_sees_every_rendition_of_a_listed_photo(client):
    """On a published post's page its photo is shown through the renditions (srcset): the
    check above finds each of those names, not only the original's."""
    activity = hidden_post("unpublished")
    workflow.publish(activity, by=make_coordinator())
    photo = activity.photos.get()
    leaked = _leaks(client.get(activity.get_absolute_url()), activity)
    renditions = [name for name in stored_files(photo) if name.endswith(".webp")]
    assert renditions and set(renditions) <= set(leaked)


# ---- staff pages, the admin and reports ------------------------------------------------

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
        "autosave": ("post", reverse("staff:autosave", args=[post.pk]), photo_rows(post)),
        "add a photo": (
            "post",
            reverse("staff:add_photo", args=[post.pk]),
            {"photo": uploaded_image("new.jpg"), "order": "0"},
        ),
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
    if who == "anonymous" and response.status_code == 401:  # upload.js's JSON requests
        assert response.json()["error"]
        return
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
    "request_name",
    [
        "save",
        "delete a photo",
        "reorder photos",
        "choose the cover",
        "submit",
        "autosave",
        "add a photo",
    ],
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
    make_processed_photo(shown, is_cover=True)
    names = []
    for status in ("draft", "submitted", "unpublished", "published"):
        post = make_activity(home, status=status, title=f"{SECRET} {status}")
        photo = make_processed_photo(post, is_cover=True)
        if status == "published":
            workflow.archive(post, by=coordinator)
        names.append(stem(photo))
    names.append(stem(make_processed_photo(shown, order=1, is_hidden=True)))
    yield shown, names
    cache.clear()


def stem(photo):
    """The random part every stored file of the photo shares (the original, each rendition)."""
    return photo.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


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
    assert stem(cover) in client.get(shown.get_absolute_url()).content.decode()
