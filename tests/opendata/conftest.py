import datetime

import pytest
from django.core.cache import cache

from activities import workflow
from agencies.models import Province
from tests.factories import agency, make_activity, make_coordinator, make_photo


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def published(db):
    """Three published posts (one joint, one with a hidden photo) and every kind of hidden one."""
    cm, obec = agency("peo-chiang-mai"), agency("obec")
    day = datetime.date
    first = make_activity(
        cm,
        status="published",
        title='=HYPERLINK("http://x")',
        start_date=day(2026, 3, 1),
        province=Province.objects.get(code=50),
        volunteer_hours=6,
    )
    make_photo(first, is_cover=True)
    make_photo(first, order=1, is_hidden=True)
    joint = make_activity(
        obec, status="published", title="ซ่อมแซมห้องสมุดโรงเรียน", start_date=day(2026, 3, 9)
    )
    joint.partners.add(cm, agency("onie"))
    third = make_activity(cm, status="published", title="ทำความสะอาดวัด", end_date=day(2026, 7, 22))
    hidden = [
        make_activity(cm, status="submitted", title="รอตรวจ"),
        make_activity(cm, status="unpublished", title="ถอนแล้ว"),
        make_activity(cm, status="draft", title="ฉบับร่าง"),
        make_activity(cm, status="published", title="เก็บเข้าคลัง"),
    ]
    workflow.archive(hidden[-1], by=make_coordinator("archiver"))
    return {"shown": [first, joint, third], "hidden": hidden}


@pytest.fixture
def built(published):
    """The same posts, with the worker's files built from them."""
    from opendata import build

    build.build_all()
    return published
