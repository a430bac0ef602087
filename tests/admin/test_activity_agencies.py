"""Which agencies a post may name in the admin: the same rule as the staff form
(activities.forms.agency_choices), checked when the form is saved, not only when drawn."""

import pytest
from django.urls import reverse

from activities.models import Activity
from tests.factories import activity_type, agency, make_activity, make_coordinator, make_staff

pytestmark = pytest.mark.django_db

ADD = reverse("admin:activities_activity_add")


@pytest.fixture
def staff_admin(client):
    user = make_staff(agency("peo-chiang-mai"), "staffadmin", is_staff=True)
    client.force_login(user)
    return user


def admin_data(lead, *, partners=(), title="ทาสีรั้วโรงเรียน"):
    return {
        "agency": lead.pk,
        "partners": [p.pk for p in partners],
        "title": title,
        "activity_type": activity_type().pk,
        "start_date": "2026-07-21",
        "venue": "โรงเรียนบ้านหนองบัว",
        "participants": "45",
        "body": "จิตอาสาทาสีรั้วโรงเรียน",
        "consent_confirmed": "on",
        "photos-TOTAL_FORMS": 0,
        "photos-INITIAL_FORMS": 0,
        "transitions-TOTAL_FORMS": 0,
        "transitions-INITIAL_FORMS": 0,
    }


def form_errors(response):
    return response.context["adminform"].form.errors


def test_staff_are_offered_only_their_agencies(client, staff_admin):
    form = client.get(ADD).context["adminform"].form
    assert list(form.fields["agency"].queryset) == [agency("peo-chiang-mai")]


def test_staff_cannot_add_a_post_for_another_agency(client, staff_admin):
    response = client.post(ADD, admin_data(agency("peo-lamphun"), title="แอบโพสต์"))
    assert response.status_code == 200
    assert "agency" in form_errors(response)
    assert not Activity.objects.filter(title="แอบโพสต์").exists()


def test_staff_add_a_post_for_their_agency(client, staff_admin):
    response = client.post(ADD, admin_data(agency("peo-chiang-mai"), title="โพสต์ของเรา"))
    assert response.status_code == 302
    post = Activity.objects.get(title="โพสต์ของเรา")
    assert (post.agency.slug, post.created_by) == ("peo-chiang-mai", staff_admin)


def test_staff_cannot_move_their_draft_to_another_agency(client, staff_admin):
    draft = make_activity(agency("peo-chiang-mai"), by=staff_admin, title="ร่าง")
    url = reverse("admin:activities_activity_change", args=[draft.pk])
    response = client.post(url, admin_data(agency("peo-lamphun"), title="ร่าง"))
    assert response.status_code == 200
    assert "agency" in form_errors(response)
    assert Activity.objects.get(pk=draft.pk).agency.slug == "peo-chiang-mai"


def test_staff_may_name_any_active_agency_as_partner(client, staff_admin):
    partner = agency("peo-lamphun")
    data = admin_data(agency("peo-chiang-mai"), partners=[partner], title="ร่วมกัน")
    assert client.post(ADD, data).status_code == 302
    assert list(Activity.objects.get(title="ร่วมกัน").partners.all()) == [partner]


def test_inactive_agency_cannot_be_named_as_a_new_partner(client, staff_admin):
    closed = agency("peo-lamphun")
    closed.is_active = False
    closed.save()
    data = admin_data(agency("peo-chiang-mai"), partners=[closed], title="ร่วมกัน")
    response = client.post(ADD, data)
    assert "partners" in form_errors(response)
    assert not Activity.objects.filter(title="ร่วมกัน").exists()


def test_coordinator_may_name_any_active_agency(client):
    client.force_login(make_coordinator("coord"))
    data = admin_data(agency("peo-lamphun"), title="ของศูนย์")
    assert client.post(ADD, data).status_code == 302
    assert Activity.objects.get(title="ของศูนย์").agency.slug == "peo-lamphun"


def test_coordinator_keeps_a_deactivated_agency_already_on_a_post(client):
    """Closing an agency must not make its old posts impossible to save."""
    closed, partner = agency("peo-lamphun"), agency("peo-lampang")
    post = make_activity(closed, status="published", title="เก่า")
    post.partners.add(partner)
    for gone in (closed, partner):
        gone.is_active = False
        gone.save()
    client.force_login(make_coordinator("coord"))
    url = reverse("admin:activities_activity_change", args=[post.pk])
    response = client.post(url, admin_data(closed, partners=[partner], title="เก่า แก้แล้ว"))
    assert response.status_code == 302, form_errors(response)
    assert Activity.objects.get(pk=post.pk).title == "เก่า แก้แล้ว"
