import datetime

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.factories import agency, make_activity, make_photo


@pytest.fixture(autouse=True)
def _empty_cache():
    """The public cache would otherwise carry pages from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _thai():
    """reverse() follows the active language, which the last /en/ request left behind."""
    with translation.override("th"):
        yield


def published_post(agency_slug="peo-chiang-mai", photos=0, **fields):
    fields.setdefault("start_date", datetime.date(2026, 7, 21))
    activity = make_activity(agency(agency_slug), status="published", **fields)
    for n in range(photos):
        make_photo(activity, is_cover=n == 0, order=n, caption=f"ภาพที่ {n + 1}")
    return activity


@pytest.fixture
def publish(db):
    """publish(title=..., agency=slug, photos=n, **fields) -> a published activity."""
    return published_post
