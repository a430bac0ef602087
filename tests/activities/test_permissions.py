"""Who may open and do what in the staff area: status codes, and nothing changed where the
answer is no."""

import pytest
from django.urls import reverse

from activities import workflow
from activities.models import Activity
from activities.workflow import Status
from tests.factories import make_activity, make_coordinator, make_photo, make_staff, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def people(agency_a, agency_b, staff_a):
    return {
        "anonymous": None,
        "staff_a": staff_a,
        "staff_b": make_staff(agency_b, "staff-b"),
        "coordinator": make_coordinator("coord"),
        "superuser": make_user("root", role=None, is_superuser=True, is_staff=True),
    }


@pytest.fixture
def post(agency_a, staff_a):
    post = make_activity(agency_a, by=staff_a, title="ร่างเดิม")
    make_photo(post, is_cover=True, caption="คำบรรยายเดิม")
    return post


def as_user(client, people, who):
    if people[who]:
        client.force_login(people[who])
    return client


def edit_data(post, post_data, **changes):
    photo = post.photos.get()
    data = {
        **post_data,
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "1",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-id": str(photo.pk),
        "photos-0-caption": photo.caption,
        "photos-0-alt_text": "",
        "photos-0-order": "0",
    }
    data.update(changes)
    return data


def expect(response, code):
    if code == "login":
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)
    else:
        assert response.status_code == code


PAGES = [
    # who, list, create, edit, preview
    ("anonymous", "login", "login", "login", "login"),
    ("staff_a", 200, 200, 200, 200),
    ("staff_b", 200, 200, 404, 404),
    ("coordinator", 200, 200, 200, 200),
    ("superuser", 200, 200, 200, 200),
]


@pytest.mark.parametrize(("who", "listing", "create", "edit", "preview"), PAGES)
def test_pages(client, people, post, who, listing, create, edit, preview):
    as_user(client, people, who)
    expect(client.get(reverse("staff:list")), listing)
    expect(client.get(reverse("staff:create")), create)
    expect(client.get(reverse("staff:edit", args=[post.pk])), edit)
    expect(client.get(reverse("staff:preview", args=[post.pk])), preview)


@pytest.mark.parametrize(
    ("who", "code", "changed"),
    [
        ("anonymous", "login", False),
        ("staff_a", 302, True),
        ("staff_b", 404, False),
        ("coordinator", 302, True),
        ("superuser", 302, True),
    ],
)
def test_edit_text(client, people, post, post_data, who, code, changed):
    as_user(client, people, who)
    response = client.post(
        reverse("staff:edit", args=[post.pk]), edit_data(post, post_data, title="ถูกแก้")
    )
    expect(response, code)
    post.refresh_from_db()
    assert (post.title == "ถูกแก้") is changed


@pytest.mark.parametrize(
    ("who", "code", "changed"),
    [
        ("anonymous", "login", False),
        ("staff_a", 302, True),
        ("staff_b", 404, False),
        ("coordinator", 302, True),
        ("superuser", 302, True),
    ],
)
def test_edit_photo_caption(client, people, post, post_data, who, code, changed):
    as_user(client, people, who)
    data = edit_data(post, post_data, **{"photos-0-caption": "ถูกแก้"})
    expect(client.post(reverse("staff:edit", args=[post.pk]), data), code)
    assert (post.photos.get().caption == "ถูกแก้") is changed


@pytest.mark.parametrize(
    ("who", "code", "deleted"),
    [
        ("anonymous", "login", False),
        ("staff_a", 302, True),
        ("staff_b", 404, False),
        ("coordinator", 302, True),
        ("superuser", 302, True),
    ],
)
def test_delete_photo(client, people, post, post_data, who, code, deleted):
    as_user(client, people, who)
    data = edit_data(post, post_data, **{"photos-0-DELETE": "on"})
    expect(client.post(reverse("staff:edit", args=[post.pk]), data), code)
    assert (not post.photos.exists()) is deleted


@pytest.mark.parametrize(
    ("who", "code", "submitted"),
    [
        ("anonymous", "login", False),
        ("staff_a", 302, True),
        ("staff_b", 404, False),
        ("coordinator", 302, True),
        ("superuser", 302, True),
    ],
)
def test_submit(client, people, post, who, code, submitted):
    as_user(client, people, who)
    expect(client.post(reverse("staff:submit", args=[post.pk])), code)
    post.refresh_from_db()
    assert (post.status == Status.SUBMITTED) is submitted


def test_create_post_by_anonymous_creates_nothing(client, post_data):
    expect(client.post(reverse("staff:create"), post_data), "login")
    assert not Activity.objects.filter(title=post_data["title"]).exists()


def test_submit_refuses_get(client, staff_a, post):
    client.force_login(staff_a)
    assert client.get(reverse("staff:submit", args=[post.pk])).status_code == 405


@pytest.mark.parametrize("user", ["plain", "staff_without_agency"])
def test_users_who_cannot_post_get_403(client, user):
    role = None if user == "plain" else "agency staff"
    client.force_login(make_user(role=role))
    assert client.get(reverse("staff:list")).status_code == 403
    assert client.get(reverse("staff:create")).status_code == 403


@pytest.mark.parametrize("status", ["submitted", "published", "unpublished"])
def test_staff_cannot_change_post_under_review_or_published(
    client, staff_a, agency_a, post_data, status
):
    post = make_activity(agency_a, by=staff_a, status=status, title="ล็อก")
    client.force_login(staff_a)
    edit = reverse("staff:edit", args=[post.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {**post_data, "title": "แอบแก้"}).status_code == 403
    assert client.post(reverse("staff:submit", args=[post.pk])).status_code == 403
    assert client.get(reverse("staff:preview", args=[post.pk])).status_code == 200
    post.refresh_from_db()
    assert (post.title, post.status) == ("ล็อก", status)


def test_partner_agency_staff_may_preview_but_not_edit(client, agency_a, agency_b, post_data):
    post = make_activity(agency_a, title="ร่วมจัด")
    post.partners.add(agency_b)
    partner = make_staff(agency_b)
    client.force_login(partner)
    assert client.get(reverse("staff:preview", args=[post.pk])).status_code == 200
    edit = reverse("staff:edit", args=[post.pk])
    assert client.post(edit, {**post_data, "title": "แอบแก้"}).status_code == 403
    assert Activity.objects.get(pk=post.pk).title == "ร่วมจัด"


@pytest.mark.parametrize("who", ["staff_a", "coordinator"])
def test_archived_post_is_invisible(client, people, post, who):
    workflow.archive(post, by=people["coordinator"])
    as_user(client, people, who)
    assert client.get(reverse("staff:edit", args=[post.pk])).status_code == 404
    assert client.get(reverse("staff:preview", args=[post.pk])).status_code == 404
    assert client.post(reverse("staff:submit", args=[post.pk])).status_code == 404
    assert "ร่างเดิม" not in client.get(reverse("staff:list")).content.decode()
    assert Activity.objects.get(pk=post.pk).status == Status.DRAFT
