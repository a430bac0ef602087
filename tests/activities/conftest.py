import pytest

from tests.factories import agency, make_staff


@pytest.fixture(autouse=True)
def _login_url(settings):
    # The accounts app serves /accounts/login/; these tests do not depend on it existing.
    settings.LOGIN_URL = "/accounts/login/"


@pytest.fixture
def agency_a(db):
    return agency("peo-chiang-mai")


@pytest.fixture
def agency_b(db):
    return agency("peo-lamphun")


@pytest.fixture
def staff_a(agency_a):
    return make_staff(agency_a, "staff-a")


@pytest.fixture
def post_data(agency_a):
    """What a staff member types into the new-post form."""
    from tests.factories import activity_type

    return {
        "agency": agency_a.pk,
        "title": "ทาสีรั้วโรงเรียน",
        "activity_type": activity_type().pk,
        "start_date": "2026-07-21",
        "venue": "โรงเรียนบ้านหนองบัว",
        "participants": "45",
        "body": "จิตอาสาทาสีรั้วโรงเรียน",
        "news_credit": "อานนท์ วิชานนท์",
        "photo_credit": "สมศรี ใจดี",
        "consent_confirmed": "on",
    }
