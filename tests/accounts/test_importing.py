"""What an import does with each row: agencies by any name, who may import what, saving."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model

from accounts import importing
from accounts.staff_file import Line
from agencies import history
from agencies.models import FormerName, Membership
from agencies.roles import COORDINATOR_GROUP, STAFF_GROUP
from tests.factories import agency, make_coordinator, make_staff, make_user

pytestmark = pytest.mark.django_db
User = get_user_model()


def line(username="somchai", agencies="ศธจ.เชียงใหม่", role="", email=None, name="สมชาย ใจดี", n=2):
    return Line(
        n,
        {
            "username": username,
            "full_name": name,
            "email": email or f"{username}@moe.go.th",
            "agencies": agencies,
            "role": role,
        },
    )


def outcome(by=None, **fields):
    (result,) = importing.plan([line(**fields)], by=by).outcomes
    return result


@pytest.fixture
def coordinator():
    return make_coordinator("importer")


@pytest.mark.parametrize(
    "written",
    [
        "ศธจ.เชียงใหม่",
        "ศธจ. เชียงใหม่",
        "ศธจ เชียงใหม่",
        "สำนักงานศึกษาธิการจังหวัดเชียงใหม่",
        "ศึกษาธิการจังหวัดเชียงใหม่",
        "สนง.ศธจ.เชียงใหม่",
        "peo-chiang-mai",
        "Chiang Mai Provincial Education Office",
        "chiang mai provincial education office",
    ],
)
def test_agency_is_recognised_by_any_of_its_names(written):
    assert outcome(agencies=written).row.agencies == (agency("peo-chiang-mai"),)


def test_several_agencies_in_one_cell():
    found = outcome(agencies="ศธจ.เชียงใหม่; ศธภ.15 | สป.\nศธจ.ลำพูน").row.agencies
    assert [a.slug for a in found] == ["peo-chiang-mai", "reo-15", "ops", "peo-lamphun"]


@pytest.mark.parametrize(
    "written", ["สำนักงาน กศน.", "กศน.", "สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัย"]
)
def test_a_former_name_finds_the_agency_it_became(written):
    result = outcome(agencies=written)
    assert result.row.agencies == (agency("onie"),)
    assert result.notes == [f"“{written}” ปัจจุบันคือ สกร."]


def test_a_merged_agency_name_finds_the_agency_it_joined(coordinator):
    history.merge(
        agency("peo-lamphun"),
        into=agency("peo-chiang-mai"),
        by=coordinator,
        effective_on=datetime.date(2024, 10, 1),
    )
    assert outcome(agencies="ศธจ.ลำพูน").row.agencies == (agency("peo-chiang-mai"),)


def test_a_retired_agency_is_refused(coordinator):
    history.retire(agency("ipst"), by=coordinator, effective_on=datetime.date(2024, 10, 1))
    assert outcome(agencies="สสวท.").reason == "หน่วยงาน “สสวท.” ยุบเลิกแล้ว"


def test_an_unknown_agency_suggests_the_closest_name():
    reason = outcome(agencies="ศธจ.เชียงใหม").reason
    assert reason == "ไม่รู้จักหน่วยงาน: ศธจ.เชียงใหม (หมายถึง ศธจ.เชียงใหม่ หรือไม่)"


def test_a_name_fitting_two_agencies_is_refused_not_guessed():
    for slug in ("ksp", "otep"):
        FormerName.objects.create(
            agency=agency(slug), text="สำนักงานครู", form="other", replaced_on="2020-01-01"
        )
    assert "ตรงกับหลายหน่วยงาน" in outcome(agencies="สำนักงานครู").reason


def test_every_problem_of_a_row_is_given_at_once():
    reason = outcome(username="som chai", email="not-an-email", agencies="ไม่มีจริง").reason
    assert "ไม่ใช่ชื่อผู้ใช้ที่ใช้ได้" in reason
    assert "ไม่ใช่อีเมลที่ถูกต้อง" in reason
    assert "ไม่รู้จักหน่วยงาน" in reason


def test_the_template_example_row_is_refused():
    result = outcome(username="example.somchai", email="somchai@example.com")
    assert result.reason == "เป็นแถวตัวอย่างจากแบบฟอร์ม โปรดลบออกหรือแทนด้วยข้อมูลจริง"


def test_a_formula_is_refused_with_the_column():
    assert outcome(name='=HYPERLINK("http://x")').reason.startswith("ช่องชื่อ-นามสกุลเป็นสูตรคำนวณ")


def test_thai_role_names_are_understood():
    assert outcome(role="เจ้าหน้าที่หน่วยงาน").row.role == "staff"
    assert outcome(role="ผู้ประสานงาน").row.role == "coordinator"


def test_a_repeated_username_is_refused_and_the_first_kept():
    plan = importing.plan([line(n=2), line(username="SomChai", n=3)], by=None)
    assert [o.action for o in plan.outcomes] == ["new", "refused"]
    assert plan.outcomes[1].reason == "ชื่อผู้ใช้ซ้ำกับแถวที่ 2"


def test_an_identical_account_is_unchanged():
    user = make_staff(agency("peo-chiang-mai"), "somchai", first_name="สมชาย", last_name="ใจดี")
    assert outcome(email=user.email).action == "unchanged"


def test_an_update_lists_what_changes():
    make_staff(agency("peo-lamphun"), "somchai", first_name="สมชาย", last_name="ใจดี")
    result = outcome(email="new@moe.go.th")
    assert result.action == "updated"
    assert result.changes == [
        "อีเมล: somchai@example.com → new@moe.go.th",
        "เพิ่มสังกัด: ศธจ.เชียงใหม่",
        "ออกจากหน่วยงานเดิม 1 แห่ง",
    ]


# Who may import what: a coordinator's file is not a side door to more power.


def test_coordinator_cannot_make_a_coordinator_from_a_file(coordinator):
    result = outcome(by=coordinator, role="coordinator", agencies="")
    assert result.action == "refused"
    assert "เฉพาะผู้ดูแลระบบ" in result.reason


@pytest.mark.parametrize(
    "existing",
    [
        lambda: make_coordinator("somchai"),
        lambda: make_user("somchai", role=None, is_superuser=True, is_staff=True),
        lambda: make_coordinator("somchai", is_active=False),
    ],
    ids=["coordinator", "superuser", "deactivated coordinator"],
)
def test_coordinator_cannot_change_a_coordinator_or_superuser(coordinator, existing):
    user = existing()
    result = outcome(by=coordinator)
    assert result.action == "refused"
    assert "โปรดแก้ไขที่หน้าจัดการผู้ใช้" in result.reason
    user.refresh_from_db()
    assert user.email == "somchai@example.com"


def test_coordinator_cannot_change_their_own_account(coordinator):
    assert outcome(by=coordinator, username="importer").action == "refused"


def test_superuser_may_make_a_coordinator():
    admin = make_user("root", role=None, is_superuser=True, is_staff=True)
    result = outcome(by=admin, role="coordinator", agencies="")
    assert result.action == "new"


# Saving


def test_apply_creates_staff_without_password_or_admin_access(coordinator):
    importing.apply(importing.plan([line()], by=coordinator), by=coordinator)
    user = User.objects.get(username="somchai")
    assert not user.has_usable_password()
    assert not user.is_staff
    assert set(user.groups.values_list("name", flat=True)) == {STAFF_GROUP}
    assert [m.agency.slug for m in user.memberships.all()] == ["peo-chiang-mai"]


def test_apply_by_a_superuser_makes_a_coordinator():
    admin = make_user("root", role=None, is_superuser=True, is_staff=True)
    plan = importing.plan([line(role="coordinator", agencies="")], by=admin)
    importing.apply(plan, by=admin)
    user = User.objects.get(username="somchai")
    assert user.is_staff
    assert set(user.groups.values_list("name", flat=True)) == {COORDINATOR_GROUP}


def test_apply_keeps_the_date_of_a_membership_that_stays(coordinator):
    user = make_staff(agency("peo-chiang-mai"), "somchai")
    Membership.objects.filter(user=user).update(created_at="2020-01-01T00:00:00Z")
    plan = importing.plan([line(agencies="ศธจ.เชียงใหม่; ศธจ.ลำพูน")], by=coordinator)
    importing.apply(plan, by=coordinator)
    kept = Membership.objects.get(user=user, agency=agency("peo-chiang-mai"))
    assert kept.created_at.year == 2020
    assert Membership.objects.filter(user=user).count() == 2


def test_apply_records_each_account_in_the_admin_history(coordinator):
    importing.apply(importing.plan([line()], by=coordinator), by=coordinator, source="staff.xlsx")
    entry = LogEntry.objects.get(object_id=str(User.objects.get(username="somchai").pk))
    assert (entry.user, entry.change_message) == (coordinator, "นำเข้าจากไฟล์ staff.xlsx")


def test_apply_saves_all_or_nothing(coordinator, monkeypatch):
    def broken(pairs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(importing, "_set_memberships", broken)
    plan = importing.plan([line(n=2), line(username="malee", n=3)], by=coordinator)
    with pytest.raises(RuntimeError):
        importing.apply(plan, by=coordinator)
    assert not User.objects.filter(username__in=["somchai", "malee"]).exists()


def test_apply_leaves_refused_and_unchanged_rows_alone(coordinator):
    user = make_staff(agency("peo-chiang-mai"), "somchai", first_name="สมชาย", last_name="ใจดี")
    plan = importing.plan([line(email=user.email), line("bad user", n=3)], by=coordinator)
    result = importing.apply(plan, by=coordinator)
    assert (result.created, result.updated, result.unchanged) == ([], [], 1)
    assert not LogEntry.objects.exists()
