"""Dates as Thai staff write them: Buddhist-era years, the programme's years, the database."""

import datetime
import importlib

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from activities.models import Activity
from tests.factories import make_activity, make_coordinator

pytestmark = pytest.mark.django_db


def typed(post_data, day, month, year, field="start_date"):
    data = {k: v for k, v in post_data.items() if k != field}
    return {**data, f"{field}_day": day, f"{field}_month": month, f"{field}_year": year}


def test_typing_2565_dates_the_post_2022(client, staff_a, post_data):
    client.force_login(staff_a)
    client.post(reverse("staff:create"), typed(post_data, "21", "7", "2565"))
    assert Activity.objects.get().start_date == datetime.date(2022, 7, 21)


def test_a_date_before_the_programme_is_refused_naming_the_field(client, staff_a, post_data):
    client.force_login(staff_a)
    response = client.post(reverse("staff:create"), typed(post_data, "1", "1", "2558"))
    assert Activity.objects.count() == 0
    error = response.context["form"].errors["start_date"][0]
    assert error.startswith("วันที่: 1 มกราคม 2558 อยู่ก่อนเริ่มโครงการจิตอาสา")


def test_a_date_more_than_a_year_ahead_is_refused_naming_the_field(client, staff_a, post_data):
    client.force_login(staff_a)
    later = datetime.date.today() + datetime.timedelta(days=400)
    data = typed(post_data, str(later.day), str(later.month), str(later.year + 543), "end_date")
    response = client.post(reverse("staff:create"), data)
    assert Activity.objects.count() == 0
    assert response.context["form"].errors["end_date"][0].startswith("วันที่สิ้นสุด:")


def test_the_rest_of_the_form_is_kept_when_a_date_is_refused(client, staff_a, post_data):
    client.force_login(staff_a)
    response = client.post(reverse("staff:create"), typed(post_data, "1", "1", "2558"))
    page = response.content.decode()
    assert "ทาสีรั้วโรงเรียน" in page
    assert 'name="start_date_year" value="2558"' in page


def test_the_form_shows_a_stored_date_in_the_buddhist_era(client, staff_a, agency_a):
    post = make_activity(agency_a, by=staff_a, start_date=datetime.date(2022, 7, 21))
    client.force_login(staff_a)
    page = client.get(reverse("staff:edit", args=[post.pk])).content.decode()
    assert 'name="start_date_year" value="2565"' in page
    assert "<strong>21 กรกฎาคม 2565</strong>" in page


@pytest.mark.parametrize(
    "day", [datetime.date(3108, 7, 21), datetime.date(2015, 12, 31), datetime.date(2565, 7, 21)]
)
def test_the_database_refuses_a_year_outside_the_programme(day):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_activity(start_date=day)


def test_the_database_refuses_an_end_date_in_the_buddhist_era():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_activity(start_date=datetime.date(2022, 7, 21), end_date=datetime.date(2565, 7, 22))


def test_the_admin_reads_a_buddhist_year_typed_into_its_date_box(client):
    post = make_activity(status="submitted")
    client.force_login(make_coordinator())
    url = reverse("admin:activities_activity_change", args=[post.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "partners"}
    data.update(
        {
            "agency": post.agency_id,
            "activity_type": post.activity_type_id,
            "start_date": "21/07/2565",
            "photos-TOTAL_FORMS": 0,
            "photos-INITIAL_FORMS": 0,
            "transitions-TOTAL_FORMS": 0,
            "transitions-INITIAL_FORMS": 0,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.start_date == datetime.date(2022, 7, 21)


def test_the_admin_refuses_a_date_before_the_programme(client):
    post = make_activity(status="submitted")
    client.force_login(make_coordinator())
    url = reverse("admin:activities_activity_change", args=[post.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "partners"}
    data.update(
        {
            "agency": post.agency_id,
            "activity_type": post.activity_type_id,
            "start_date": "21/07/2015",
            "photos-TOTAL_FORMS": 0,
            "photos-INITIAL_FORMS": 0,
            "transitions-TOTAL_FORMS": 0,
            "transitions-INITIAL_FORMS": 0,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "อยู่ก่อนเริ่มโครงการจิตอาสา" in response.content.decode()


def test_the_migration_moves_a_stored_buddhist_year_back():
    migration = importlib.import_module(
        "activities.migrations.0006_incomplete_drafts_programme_dates_credit_names"
    )
    assert migration._common_era(datetime.date(2565, 7, 21)) == datetime.date(2022, 7, 21)
    assert migration._common_era(datetime.date(2568, 2, 29)) == datetime.date(2025, 2, 28)
    assert migration._common_era(datetime.date(2022, 7, 21)) == datetime.date(2022, 7, 21)
