"""Links to an agency merged into another keep working: page, feed and feed filter."""

import datetime

import pytest
from django.core.cache import cache

from agencies import history
from tests.factories import agency, make_activity, make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def merged():
    cache.clear()
    history.merge(
        agency("peo-lamphun"),
        into=agency("peo-chiang-mai"),
        by=make_coordinator("merger"),
        effective_on=datetime.date(2024, 10, 1),
    )


def test_merged_agency_page_redirects_to_the_agency_it_joined(client):
    response = client.get("/agencies/peo-lamphun/")
    assert (response.status_code, response["Location"]) == (301, "/agencies/peo-chiang-mai/")


def test_merged_agency_feed_serves_the_joined_agency_posts(client):
    make_activity(agency("peo-chiang-mai"), status="published", title="ล้างตลาดสดเทศบาล")
    response = client.get("/agencies/peo-lamphun/feed/")
    assert response.status_code == 200
    assert "ล้างตลาดสดเทศบาล" in response.text


def test_feed_filter_with_a_merged_agency_shows_the_joined_one(client):
    make_activity(agency("peo-chiang-mai"), status="published", title="ล้างตลาดสดเทศบาล")
    response = client.get("/activities/", {"agency": "peo-lamphun"})
    assert response.status_code == 200
    assert "ล้างตลาดสดเทศบาล" in response.text


def test_a_retired_agency_is_still_404(client):
    history.retire(
        agency("ipst"), by=make_coordinator("retirer"), effective_on=datetime.date(2024, 10, 1)
    )
    assert client.get("/agencies/ipst/").status_code == 404
