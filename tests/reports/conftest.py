import datetime

import pytest
from django.utils import translation

from activities import workflow
from tests.factories import agency, make_activity


@pytest.fixture(autouse=True)
def _thai():
    """Reports are read in Thai; earlier tests must not leave another language active."""
    translation.activate("th")
    yield
    translation.deactivate()


@pytest.fixture
def fixtures(db):
    """Hand-counted posts around March 2026 (2569):

    peo-chiang-mai: 1 Mar (30 people), 31 Mar (20), joint with peo-lamphun on 15 Mar (50)
    peo-lamphun:    only the joint post
    outside March:  28 Feb and 1 Apr (published), excluded: a submitted, an unpublished
                    and an archived post in March.
    """
    cm, lp = agency("peo-chiang-mai"), agency("peo-lamphun")
    day = datetime.date
    made = {
        "first": make_activity(cm, status="published", start_date=day(2026, 3, 1), participants=30),
        "last": make_activity(cm, status="published", start_date=day(2026, 3, 31), participants=20),
        "joint": make_activity(
            cm, status="published", start_date=day(2026, 3, 15), participants=50
        ),
        "feb": make_activity(lp, status="published", start_date=day(2026, 2, 28), participants=7),
        "apr": make_activity(lp, status="published", start_date=day(2026, 4, 1), participants=9),
        "waiting": make_activity(lp, status="submitted", start_date=day(2026, 3, 10)),
        "hidden": make_activity(lp, status="unpublished", start_date=day(2026, 3, 11)),
        "archived": make_activity(lp, status="published", start_date=day(2026, 3, 12)),
    }
    made["joint"].partners.add(lp)
    from tests.factories import make_coordinator

    workflow.archive(made["archived"], by=make_coordinator("archiver"))
    return made
