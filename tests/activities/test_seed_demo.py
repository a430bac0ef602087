import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from activities import demo
from activities.models import Activity, Photo
from activities.workflow import Status
from agencies.roles import is_coordinator

pytestmark = pytest.mark.django_db
SENT_WHILE_SEEDING = []


@pytest.fixture(autouse=True)
def _debug(settings):
    settings.DEBUG = True


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Seeding draws and processes ~70 photos, so the module shares one run."""
    from django.test import override_settings

    with (
        django_db_blocker.unblock(),
        override_settings(
            DEBUG=True,
            MEDIA_ROOT=tmp_path_factory.mktemp("media"),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
    ):
        mail.outbox = []
        output = seed()
        SENT_WHILE_SEEDING.extend(mail.outbox)
        yield output
        Activity.objects.all().delete()
        usernames = [account.username for account in demo.DEMO_ACCOUNTS]
        get_user_model().objects.filter(username__in=usernames).delete()


def test_demo_posts_span_statuses(seeded):
    statuses = set(Activity.objects.values_list("status", flat=True))
    assert {Status.PUBLISHED, Status.SUBMITTED, Status.DRAFT, Status.RETURNED} <= statuses
    assert Activity.objects.public().count() >= 25


def test_demo_posts_have_photos_with_renditions(seeded):
    cover = Photo.objects.filter(is_cover=True).first()
    assert Photo.objects.filter(is_cover=True).count() == Activity.objects.count()
    assert {320, 640} <= {r["width"] for r in cover.renditions}
    assert (cover.width, cover.height) == (1200, 800)


def test_demo_logins_work_and_are_printed(seeded):
    assert "staff-chiangmai" in seeded and "jitarsa-demo" in seeded
    users = get_user_model().objects
    staff = users.get(username="staff-chiangmai")
    assert staff.check_password("jitarsa-demo")
    assert staff.memberships.get().agency.slug == "peo-chiang-mai"
    assert users.get(username="coordinator").check_password("jitarsa-demo")


def test_chiang_mai_posts_are_by_the_staff_login(seeded):
    posts = Activity.objects.filter(agency__slug="peo-chiang-mai")
    assert posts.exists()
    assert set(posts.values_list("created_by__username", flat=True)) == {"staff-chiangmai"}


def test_seeding_again_adds_nothing(seeded):
    before = Activity.objects.count()
    output = seed()
    assert Activity.objects.count() == before
    assert "skipped" in output


def test_demo_posts_went_through_the_workflow_in_time_order(seeded):
    paths = {
        Status.DRAFT: ["create"],
        Status.SUBMITTED: ["create", "submit"],
        Status.RETURNED: ["create", "submit", "return"],
        Status.PUBLISHED: ["create", "submit", "publish"],
    }
    for post in Activity.objects.prefetch_related("transitions"):
        history = [t.action for t in post.transitions.all() if t.action != "feature"]
        assert history == paths[post.status], post


def test_demo_posts_keep_their_invented_dates(seeded):
    month_ago = timezone.now() - datetime.timedelta(days=30)
    published = Activity.objects.filter(status=Status.PUBLISHED)
    assert published.filter(published_at__lt=month_ago).count() > published.count() // 2
    for post in published:
        assert post.transitions.get(action="publish").created_at == post.published_at


def test_seeding_e_mails_nobody(seeded):
    assert SENT_WHILE_SEEDING == []


def test_demo_coordinator_is_not_a_superuser_and_may_review():
    demo.ensure_accounts()
    coordinator = get_user_model().objects.get(username="coordinator")
    assert not coordinator.is_superuser
    assert is_coordinator(coordinator)
