"""Coordinators keep the directory current from the agency admin, with history."""

import datetime

import pytest
from django.urls import reverse

from agencies.models import AgencyChange, FormerName
from tests.factories import agency, make_activity, make_coordinator, make_staff

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:agencies_agency_changelist")


def url(change, slug):
    return reverse(f"admin:agencies_agency_{change}", args=[agency(slug).pk])


@pytest.fixture
def coordinator(client):
    user = make_coordinator("desk")
    client.force_login(user)
    return user


def rename(client, slug="ksp", **fields):
    data = {
        "name": "สำนักงานสภาครู",
        "name_en": "Teachers' Office",
        "abbreviation": "สคร.",
        "effective_on": "2024-10-01",
        "note": "ตามคำสั่งกระทรวง",
        **fields,
    }
    return client.post(url("rename", slug), data)


def test_coordinator_renames_an_agency_and_the_old_name_is_kept(client, coordinator):
    response = rename(client)
    assert response.status_code == 302
    assert agency("ksp").name == "สำนักงานสภาครู"
    assert FormerName.objects.filter(agency=agency("ksp"), text="คุรุสภา").exists()
    change = AgencyChange.objects.get(agency=agency("ksp"))
    assert (change.changed_by, change.effective_on) == (coordinator, datetime.date(2024, 10, 1))


def test_effective_date_typed_in_the_buddhist_era_is_kept_as_that_day(client, coordinator):
    rename(client, effective_on="2567-10-01")
    change = AgencyChange.objects.get(agency=agency("ksp"))
    assert change.effective_on == datetime.date(2024, 10, 1)


def test_pasted_name_is_cleaned(client, coordinator):
    rename(client, name="สำนักงาน\u200bสภาครู\u00a0 ")
    assert agency("ksp").name == "สำนักงานสภาครู"


def test_refused_rename_says_why_in_thai_and_keeps_the_form(client, coordinator):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = rename(client, effective_on=tomorrow.isoformat())
    assert response.status_code == 200
    assert "วันที่มีผลต้องไม่เป็นวันในอนาคต" in response.text
    assert 'value="สำนักงานสภาครู"' in response.text
    assert agency("ksp").name == "สำนักงานเลขาธิการคุรุสภา"


def test_coordinator_moves_an_agency_to_another_group(client, coordinator):
    data = {"group": "dole", "kind": "department", "parent": "", "effective_on": "2024-10-01"}
    assert client.post(url("move", "opec"), data).status_code == 302
    assert (agency("opec").group, agency("opec").parent) == ("dole", None)


def test_coordinator_merges_an_agency_and_its_posts_follow(client, coordinator):
    post = make_activity(agency("peo-lamphun"))
    data = {"into": agency("peo-chiang-mai").pk, "effective_on": "2024-10-01"}
    assert client.post(url("merge", "peo-lamphun"), data).status_code == 302
    post.refresh_from_db()
    assert post.agency.slug == "peo-chiang-mai"
    assert not agency("peo-lamphun").is_active


def test_coordinator_retires_an_agency_from_its_page(client, coordinator):
    data = {"effective_on": "2024-10-01", "note": "ยุบรวมตามโครงสร้างใหม่"}
    client.post(url("retire", "ipst"), data)
    assert agency("ipst").retired_on == datetime.date(2024, 10, 1)


def test_coordinator_retires_agencies_from_the_list(client, coordinator):
    data = {"action": "retire_selected", "_selected_action": [agency("ipst").pk]}
    client.post(CHANGELIST, data)
    assert not agency("ipst").is_active
    assert AgencyChange.objects.filter(agency=agency("ipst"), kind="retired").exists()


def test_the_change_form_does_not_edit_name_or_slug(client, coordinator):
    ksp = agency("ksp")
    page = client.get(reverse("admin:agencies_agency_change", args=[ksp.pk]))
    assert 'name="name"' not in page.text
    assert 'name="slug"' not in page.text


def test_agency_page_shows_former_names_and_history(client, coordinator):
    page = client.get(reverse("admin:agencies_agency_change", args=[agency("onie").pk]))
    assert "สำนักงาน กศน." in page.text
    assert "พระราชบัญญัติส่งเสริมการเรียนรู้" in page.text


@pytest.mark.parametrize("change", ["rename", "move", "merge", "retire"])
def test_staff_with_admin_access_cannot_change_the_directory(client, change):
    client.force_login(make_staff(agency("peo-chiang-mai"), is_staff=True))
    assert client.get(url(change, "ksp")).status_code == 403
    assert client.post(url(change, "ksp"), {"effective_on": "2024-10-01"}).status_code == 403
    assert agency("ksp").is_active


def test_staff_with_admin_access_cannot_retire_from_the_list(client):
    client.force_login(make_staff(agency("peo-chiang-mai"), is_staff=True))
    client.post(CHANGELIST, {"action": "retire_selected", "_selected_action": [agency("ipst").pk]})
    assert agency("ipst").is_active


def test_unknown_agency_is_404(client, coordinator):
    assert client.get("/admin/agencies/agency/999999/rename/").status_code == 404
