import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError

from agencies.models import Agency, Province

pytestmark = pytest.mark.django_db


def test_directory_has_104_agencies():
    assert Agency.objects.count() == 104


def test_directory_has_18_regional_offices_numbered_1_to_18():
    regions = Agency.objects.of_kind(Agency.Kind.REGIONAL).values_list("region", flat=True)
    assert sorted(regions) == list(range(1, 19))


def test_every_province_has_one_provincial_office():
    offices = Agency.objects.of_kind(Agency.Kind.PROVINCIAL)
    assert offices.count() == 77
    assert Province.objects.count() == 77
    assert set(offices.values_list("province", flat=True)) == set(
        Province.objects.values_list("pk", flat=True)
    )


def test_bangkok_has_a_provincial_office():
    assert Agency.objects.get(slug="peo-bangkok").province.name == "กรุงเทพมหานคร"


def test_units_of_the_permanent_secretary_sit_under_it():
    ops = Agency.objects.get(slug="ops")
    assert "opec" in set(ops.children.values_list("slug", flat=True))


def test_provincial_office_sits_under_its_regional_office():
    chiang_mai = Agency.objects.get(slug="peo-chiang-mai")
    assert chiang_mai.parent.slug == "reo-15"
    assert chiang_mai.region == chiang_mai.province.region == 15


def test_every_hierarchy_ends_at_a_root_without_cycles():
    for agency in Agency.objects.select_related("parent"):
        chain = list(agency.ancestors())
        assert len(chain) == len({a.pk for a in chain})
        assert not chain or chain[-1].parent is None


def test_commissions_and_affiliated_organisations_are_roots():
    roots = Agency.objects.filter(parent__isnull=True).values_list("slug", flat=True)
    assert set(roots) == {"ops", "obec", "ovec", "onec", "onie", "ksp", "otep", "ipst"}


def test_slugs_are_ascii():
    assert all(slug.isascii() for slug in Agency.objects.values_list("slug", flat=True))


def test_load_command_is_idempotent():
    call_command("load_agencies")
    call_command("load_agencies")
    assert Agency.objects.count() == 104
    assert Province.objects.count() == 77


def test_load_command_keeps_admin_edits():
    agency = Agency.objects.get(slug="obec")
    agency.name = "สพฐ. (ชื่อแก้ไขโดยผู้ประสานงาน)"
    agency.is_active = False
    agency.save()
    call_command("load_agencies")
    agency.refresh_from_db()
    assert agency.name == "สพฐ. (ชื่อแก้ไขโดยผู้ประสานงาน)"
    assert agency.is_active is False


def test_load_command_restores_nothing_it_did_not_ship():
    Agency.objects.create(
        slug="new-office", name="หน่วยงานใหม่", kind="affiliated", group="affiliated"
    )
    call_command("load_agencies")
    assert Agency.objects.count() == 105


def test_load_command_adds_a_missing_agency_back():
    Agency.objects.get(slug="ipst").delete()
    call_command("load_agencies")
    assert Agency.objects.filter(slug="ipst").exists()


def test_database_refuses_regional_office_without_region():
    with pytest.raises(IntegrityError):
        Agency.objects.create(slug="reo-x", name="ภาค ?", kind="regional", group="ops")


def test_database_refuses_region_above_18():
    with pytest.raises(IntegrityError):
        Agency.objects.create(slug="reo-19", name="ภาค 19", kind="regional", group="ops", region=19)


def test_database_refuses_provincial_office_without_province():
    with pytest.raises(IntegrityError):
        Agency.objects.create(slug="peo-x", name="จังหวัด ?", kind="provincial", group="ops")


def test_database_refuses_duplicate_slug():
    with pytest.raises(IntegrityError):
        Agency.objects.create(slug="obec", name="ซ้ำ", kind="commission", group="obec")


def test_agency_cannot_be_its_own_parent():
    agency = Agency.objects.get(slug="obec")
    agency.parent = agency
    with pytest.raises(ValidationError):
        agency.save()


def test_agency_cannot_be_placed_under_its_own_descendant():
    region = Agency.objects.get(slug="reo-15")
    region.parent = Agency.objects.get(slug="peo-chiang-mai")
    with pytest.raises(ValidationError):
        region.full_clean()
    with pytest.raises(ValidationError):
        region.save()


def test_search_finds_agency_by_english_or_thai_name():
    assert Agency.objects.search("chiang mai").filter(slug="peo-chiang-mai").exists()
    assert Agency.objects.search("เชียงใหม่").filter(slug="peo-chiang-mai").exists()
