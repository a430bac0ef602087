import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from agencies.roles import COORDINATOR_GROUP
from reports.models import ReminderSent
from tests.factories import agency, make_coordinator, make_staff, make_user

MARCH = {"period": "month", "year": "2569", "month": "3"}
REPORT = reverse("reports:report")


@pytest.fixture
def coordinator(client, db):
    user = make_coordinator("coord")
    client.force_login(user)
    return user


def test_report_page_shows_period_in_buddhist_era(client, coordinator, fixtures):
    page = client.get(REPORT, MARCH).content.decode()
    assert "มีนาคม 2569" in page
    assert "ยังไม่มีการรายงาน" in page


def test_fiscal_year_is_labelled_in_thai(client, coordinator):
    page = client.get(REPORT, {"period": "year", "year": "2569"}).content.decode()
    assert "ปีงบประมาณ 2569" in page


def test_bad_period_shows_the_last_full_month(client, coordinator):
    response = client.get(REPORT, {"period": "range", "start": "not-a-date"})
    assert response.status_code == 200


@pytest.mark.parametrize("start, end", [("0001-01-01", "9999-12-31"), ("9999-12-31", "9999-12-31")])
def test_a_range_beyond_the_years_reported_is_refused_with_a_thai_message(
    client, coordinator, start, end
):
    query = {"period": "range", "start": start, "end": end}
    response = client.get(REPORT, query)
    assert response.status_code == 200
    assert "ระหว่าง 1 มกราคม 2543 ถึง 31 ธันวาคม 2743" in response.content.decode()
    assert client.get(reverse("reports:xlsx"), query).status_code == 200
    assert client.get(reverse("reports:csv", args=["trend"]), query).status_code == 200


def test_admin_index_links_to_reports(client, coordinator):
    assert REPORT in client.get(reverse("admin:index")).content.decode()


def test_staff_with_admin_access_get_403(client, db):
    client.force_login(make_staff(agency("peo-chiang-mai"), is_staff=True))
    assert client.get(REPORT).status_code == 403
    assert client.get(reverse("reports:xlsx")).status_code == 403


def test_user_without_admin_access_is_sent_to_login(client, db):
    client.force_login(make_user(role=None))
    response = client.get(REPORT)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_unknown_table_is_404(client, coordinator):
    assert client.get(reverse("reports:csv", args=["nope"])).status_code == 404


def test_reminder_goes_only_to_staff_of_agencies_that_did_not_report(
    client, coordinator, fixtures, mailoutbox
):
    make_staff(agency("peo-chiang-mai"), "reported")  # led posts in March
    make_staff(agency("peo-lamphun"), "partner")  # took part in the joint post
    quiet = make_staff(agency("ops"), "quiet")
    make_staff(agency("peo-lampang"), "inactive", is_active=False)
    client.post(reverse("reports:remind"), MARCH)
    assert [m.to for m in mailoutbox] == [[quiet.email]]
    assert "มีนาคม 2569" in mailoutbox[0].subject


def test_reminder_is_recorded_per_agency(client, coordinator, fixtures, mailoutbox):
    make_staff(agency("ops"), "quiet")
    client.post(reverse("reports:remind"), MARCH)
    record = ReminderSent.objects.get(agency__slug="ops")
    assert record.sent_by == coordinator
    assert (record.period_start.isoformat(), record.period_end.isoformat()) == (
        "2026-03-01",
        "2026-03-31",
    )
    assert (record.kind, record.channel, record.status, record.recipients) == (
        "manual",
        "email",
        "sent",
        1,
    )
    slugs = set(ReminderSent.objects.values_list("agency__slug", flat=True))
    assert "peo-chiang-mai" not in slugs and "peo-lamphun" not in slugs


def test_agency_with_a_post_waiting_for_review_is_not_reminded(
    client, coordinator, fixtures, mailoutbox
):
    # peo-lamphun also has a post waiting for review in March (and took part in another).
    fixtures["joint"].partners.clear()
    make_staff(agency("peo-lamphun"), "waiting")
    client.post(reverse("reports:remind"), MARCH)
    assert not ReminderSent.objects.filter(agency__slug="peo-lamphun").exists()


def test_pressing_twice_the_same_day_reminds_once(client, coordinator, fixtures, mailoutbox):
    make_staff(agency("ops"), "quiet")
    client.post(reverse("reports:remind"), MARCH)
    client.post(reverse("reports:remind"), MARCH)
    assert len(mailoutbox) == 1


def test_reminder_shown_on_the_report_afterwards(client, coordinator, fixtures, mailoutbox):
    make_staff(agency("ops"), "quiet")
    query = "period=month&year=2569&month=3"
    response = client.post(reverse("reports:remind"), {**MARCH, "query": query}, follow=True)
    page = response.content.decode()
    assert "การแจ้งเตือนที่ส่งสำหรับช่วงนี้" in page
    assert "สำนักงานปลัดกระทรวงศึกษาธิการ" in page


def test_reminder_needs_post(client, coordinator):
    assert client.get(reverse("reports:remind")).status_code == 405


def test_staff_cannot_send_reminders(client, db, mailoutbox):
    client.force_login(make_staff(agency("peo-chiang-mai"), is_staff=True))
    assert client.post(reverse("reports:remind"), MARCH).status_code == 403
    assert not ReminderSent.objects.exists() and mailoutbox == []


def test_agencies_nobody_could_be_reminded_at_are_one_line(
    client, coordinator, fixtures, mailoutbox
):
    query = "period=month&year=2569&month=3"
    response = client.post(reverse("reports:remind"), {**MARCH, "query": query}, follow=True)
    page = response.content.decode()
    assert "ไม่มีผู้รับการแจ้งเตือนใน" in page
    assert page.count("ไม่มีผู้รับ</td>") == 0


def test_reports_follow_the_view_reports_permission_not_the_role(client, db):
    coordinators = Group.objects.get(name=COORDINATOR_GROUP)
    coordinators.permissions.remove(Permission.objects.get(codename="view_reports"))
    client.force_login(make_coordinator("no-reports"))
    assert client.get(REPORT).status_code == 403
    reader = make_user("reader", role=None, is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_reports"))
    client.force_login(reader)
    assert client.get(REPORT).status_code == 200
