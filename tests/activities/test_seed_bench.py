from io import StringIO

import pytest
from django.core.management import call_command

from activities.demo.bulk import bulk_posts
from activities.models import Activity, Photo
from activities.workflow import Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug(settings):
    settings.DEBUG = True


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_nothing_without_debug(settings):
    settings.DEBUG = False
    seed()
    assert not Activity.objects.exists()


def test_activities_option_adds_n_published_posts_with_covers():
    seed("--activities", "30")
    published = Activity.objects.public()
    assert published.count() == 30
    assert published.filter(photos__is_cover=True).count() == 30
    assert published.values("agency").distinct().count() == 30


def test_benchmark_author_cannot_sign_in():
    seed("--activities", "3")
    author = Activity.objects.public().first().created_by
    assert not author.is_active
    assert not author.has_usable_password()


def test_bulk_posts_can_be_drafts_without_photos():
    bulk_posts(20, statuses=[Status.DRAFT], covers=False)
    assert Activity.objects.filter(status=Status.DRAFT, published_at__isnull=True).count() == 20
    assert not Photo.objects.exists()
