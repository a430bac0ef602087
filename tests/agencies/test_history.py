import datetime

import pytest

from activities.models import Activity
from agencies import history
from agencies.history import ChangeRefused
from agencies.models import Agency, AgencyChange, FormerName, Membership
from reports.models import ReminderSent
from tests.factories import agency, make_activity, make_coordinator, make_staff

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 10, 1)


@pytest.fixture
def coordinator():
    return make_coordinator("directory-keeper")


def rename_ksp(by, day=DAY, **names):
    names = {"name": "สำนักงานสภาครู", "name_en": "Teachers' Office", "abbreviation": "สคร.", **names}
    return history.rename(agency("ksp"), by=by, effective_on=day, **names)


def test_rename_keeps_the_old_names_as_former_names(coordinator):
    rename_ksp(coordinator)
    former = set(agency("ksp").former_names.values_list("text", "form", "replaced_on"))
    assert former == {
        ("สำนักงานเลขาธิการคุรุสภา", "name", DAY),
        ("Teachers' Council of Thailand", "name_en", DAY),
        ("คุรุสภา", "abbreviation", DAY),
    }


def test_rename_records_who_and_when(coordinator):
    rename_ksp(coordinator, note="ตามประกาศกระทรวง")
    change = AgencyChange.objects.get(agency=agency("ksp"))
    assert (change.kind, change.changed_by, change.effective_on) == ("renamed", coordinator, DAY)
    assert change.before["name"] == "สำนักงานเลขาธิการคุรุสภา"
    assert change.after["name"] == "สำนักงานสภาครู"


def test_agency_search_finds_a_former_name(coordinator):
    rename_ksp(coordinator)
    assert list(Agency.objects.search("เลขาธิการคุรุสภา").values_list("slug", flat=True)) == ["ksp"]


def test_post_search_finds_posts_by_the_agency_former_name(coordinator):
    post = make_activity(agency("ksp"), status="published", title="ทาสีรั้วโรงเรียน")
    rename_ksp(coordinator)
    assert list(Activity.objects.public().search("คุรุสภา")) == [post]


def test_typo_correction_keeps_no_former_name(coordinator):
    history.rename(
        agency("ipst"),
        by=coordinator,
        effective_on=DAY,
        name="สถาบันส่งเสริมการสอนวิทยาศาสตร์และเทคโนโลยี (สสวท.)",
        name_en=agency("ipst").name_en,
        abbreviation="สสวท.",
        typo=True,
    )
    assert not FormerName.objects.filter(agency=agency("ipst")).exists()
    assert AgencyChange.objects.filter(agency=agency("ipst"), kind="renamed").exists()


def test_rename_cannot_take_effect_in_the_future(coordinator):
    with pytest.raises(ChangeRefused, match="อนาคต"):
        rename_ksp(coordinator, day=datetime.date.today() + datetime.timedelta(days=1))
    assert agency("ksp").name == "สำนักงานเลขาธิการคุรุสภา"


def test_rename_cannot_take_effect_before_the_last_rename(coordinator):
    rename_ksp(coordinator)
    with pytest.raises(ChangeRefused):
        rename_ksp(coordinator, day=DAY - datetime.timedelta(days=1), name="ชื่อที่สาม")


def test_rename_to_the_same_name_is_refused(coordinator):
    ksp = agency("ksp")
    with pytest.raises(ChangeRefused):
        history.rename(
            ksp,
            by=coordinator,
            effective_on=DAY,
            name=ksp.name,
            name_en=ksp.name_en,
            abbreviation=ksp.abbreviation,
        )


def test_move_changes_group_and_parent_with_history(coordinator):
    history.move(agency("opec"), by=coordinator, effective_on=DAY, kind="department", group="dole")
    opec = agency("opec")
    assert (opec.kind, opec.group, opec.parent) == ("department", "dole", None)
    change = AgencyChange.objects.get(agency=opec, kind="moved")
    assert change.before == {"kind": "central", "group": "ops", "parent": "ops"}


def test_move_under_its_own_sub_agency_is_refused(coordinator):
    with pytest.raises(ChangeRefused):
        history.move(
            agency("reo-15"),
            by=coordinator,
            effective_on=DAY,
            kind="regional",
            group="ops",
            parent=agency("peo-chiang-mai"),
        )
    assert agency("reo-15").parent.slug == "ops"


def test_retire_deactivates_and_records_the_date(coordinator):
    history.retire(agency("ipst"), by=coordinator, effective_on=DAY)
    ipst = agency("ipst")
    assert (ipst.is_active, ipst.retired_on) == (False, DAY)
    assert AgencyChange.objects.filter(agency=ipst, kind="retired", changed_by=coordinator).exists()


def test_reactivate_brings_a_retired_agency_back(coordinator):
    history.retire(agency("ipst"), by=coordinator, effective_on=DAY)
    history.reactivate(agency("ipst"), by=coordinator)
    assert agency("ipst").is_active and agency("ipst").retired_on is None


def test_merge_moves_posts_partner_links_memberships_and_reminders(coordinator):
    old, new = agency("peo-lamphun"), agency("peo-chiang-mai")
    staff = make_staff(old, "lamphun-staff")
    led = make_activity(old, by=staff)
    joint = make_activity(agency("reo-15"))
    joint.partners.add(old)
    reminder = ReminderSent.objects.create(
        agency=old, sent_by=coordinator, period_start=DAY, period_end=DAY, recipients=1
    )
    history.merge(old, into=new, by=coordinator, effective_on=DAY)
    led.refresh_from_db()
    reminder.refresh_from_db()
    assert led.agency == new and led.created_by == staff
    assert list(joint.partners.all()) == [new]
    assert list(Membership.objects.filter(user=staff).values_list("agency", flat=True)) == [new.pk]
    assert reminder.agency == new


def test_merge_keeps_one_of_two_scheduled_reminders_for_the_same_month(coordinator):
    old, new = agency("peo-lamphun"), agency("peo-chiang-mai")
    for each in (old, new):
        ReminderSent.objects.create(
            agency=each, period_start=DAY, period_end=DAY, kind="after_month_end"
        )
    history.merge(old, into=new, by=coordinator, effective_on=DAY)
    assert list(ReminderSent.objects.values_list("agency", flat=True)) == [new.pk]


def test_merge_retires_the_merged_agency_and_records_both_sides(coordinator):
    old, new = agency("peo-lamphun"), agency("peo-chiang-mai")
    history.merge(old, into=new, by=coordinator, effective_on=DAY)
    old.refresh_from_db()
    assert (old.is_active, old.retired_on, old.merged_into) == (False, DAY, new)
    assert AgencyChange.objects.filter(agency=old, kind="merged", other=new).exists()
    assert AgencyChange.objects.filter(agency=new, kind="absorbed", other=old).exists()


def test_merge_keeps_one_membership_for_staff_of_both(coordinator):
    old, new = agency("peo-lamphun"), agency("peo-chiang-mai")
    staff = make_user_of(old, new)
    history.merge(old, into=new, by=coordinator, effective_on=DAY)
    assert list(Membership.objects.filter(user=staff).values_list("agency", flat=True)) == [new.pk]


def make_user_of(*agencies):
    from tests.factories import make_user

    return make_user(agencies=agencies)


def test_merge_drops_a_partner_link_to_the_post_own_lead(coordinator):
    old, new = agency("peo-lamphun"), agency("peo-chiang-mai")
    post = make_activity(new)
    post.partners.add(old)
    history.merge(old, into=new, by=coordinator, effective_on=DAY)
    assert list(post.partners.all()) == []


def test_merge_moves_sub_agencies_under_the_absorbing_agency(coordinator):
    history.merge(agency("reo-16"), into=agency("reo-15"), by=coordinator, effective_on=DAY)
    assert agency("peo-nan").parent == agency("reo-15")


def test_merged_agency_is_found_under_its_old_name(coordinator):
    history.merge(
        agency("peo-lamphun"), into=agency("peo-chiang-mai"), by=coordinator, effective_on=DAY
    )
    found = Agency.objects.active().search("ลำพูน").values_list("slug", flat=True)
    assert list(found) == ["peo-chiang-mai"]


@pytest.mark.parametrize(
    ("slug", "into"), [("peo-lamphun", "peo-lamphun"), ("reo-15", "peo-chiang-mai")]
)
def test_merge_into_itself_or_its_sub_agency_is_refused(coordinator, slug, into):
    with pytest.raises(ChangeRefused):
        history.merge(agency(slug), into=agency(into), by=coordinator, effective_on=DAY)
    assert agency(slug).is_active


def test_merge_into_a_retired_agency_is_refused(coordinator):
    history.retire(agency("peo-chiang-mai"), by=coordinator, effective_on=DAY)
    with pytest.raises(ChangeRefused):
        history.merge(
            agency("peo-lamphun"), into=agency("peo-chiang-mai"), by=coordinator, effective_on=DAY
        )


def test_as_of_gives_the_name_in_use_that_day(coordinator):
    rename_ksp(coordinator)
    ksp = agency("ksp")
    before = history.as_of(DAY - datetime.timedelta(days=1), [ksp])[ksp.pk]
    after = history.as_of(DAY, [ksp])[ksp.pk]
    assert (before.name, before.abbreviation) == ("สำนักงานเลขาธิการคุรุสภา", "คุรุสภา")
    assert (after.name, after.abbreviation) == ("สำนักงานสภาครู", "สคร.")


def test_as_of_follows_two_renames(coordinator):
    rename_ksp(coordinator, day=datetime.date(2020, 1, 1))
    rename_ksp(coordinator, day=datetime.date(2022, 1, 1), name="ชื่อที่สาม")
    ksp = agency("ksp")
    names = [
        history.as_of(datetime.date(year, 6, 1), [ksp])[ksp.pk].name for year in (2019, 2021, 2023)
    ]
    assert names == ["สำนักงานเลขาธิการคุรุสภา", "สำนักงานสภาครู", "ชื่อที่สาม"]


def test_as_of_gives_the_group_before_a_move(coordinator):
    history.move(agency("opec"), by=coordinator, effective_on=DAY, kind="department", group="dole")
    opec = agency("opec")
    assert history.as_of(DAY - datetime.timedelta(days=1), [opec])[opec.pk].group == "ops"
    assert history.as_of(DAY, [opec])[opec.pk].group == "dole"


def test_as_of_names_the_agencies_merged_in_later(coordinator):
    history.merge(
        agency("peo-lamphun"), into=agency("peo-chiang-mai"), by=coordinator, effective_on=DAY
    )
    cm = agency("peo-chiang-mai")
    earlier = history.as_of(DAY - datetime.timedelta(days=1), [cm])[cm.pk]
    assert [m.name for m in earlier.merged] == ["สำนักงานศึกษาธิการจังหวัดลำพูน"]
    assert history.as_of(DAY, [cm])[cm.pk].merged == []
