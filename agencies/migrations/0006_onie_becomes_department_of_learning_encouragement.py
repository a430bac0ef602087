"""The Promotion of Learning Act B.E. 2566, in force 18 May 2023, turned the Office of the
Non-Formal and Informal Education (สำนักงาน กศน.), a unit of the Permanent Secretary's
office, into the Department of Learning Encouragement (สกร.), a department of the ministry
in its own right. The slug `onie` stays, so old links and staff files keep working.

Idempotent: an installation created from the updated agencies.csv already has the new name
and only gains the former names and the history entries.
"""

import datetime

from django.db import migrations

SLUG = "onie"
IN_FORCE = datetime.date(2023, 5, 18)
NOTE = "พระราชบัญญัติส่งเสริมการเรียนรู้ พ.ศ. 2566 (มีผล 18 พฤษภาคม 2566)"
OLD = {
    "name": "สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัย",
    "name_en": "Office of the Non-Formal and Informal Education",
    "abbreviation": "สำนักงาน กศน.",
}
NEW = {
    "name": "กรมส่งเสริมการเรียนรู้",
    "name_en": "Department of Learning Encouragement",
    "abbreviation": "สกร.",
}
# What everybody called it; not a name of record, but files and searches use it.
OTHER_FORMER_NAMES = ["กศน."]
OLD_PLACE = {"kind": "central", "group": "ops", "parent": "ops"}
NEW_PLACE = {"kind": "department", "group": "dole", "parent": None}
NEW_ORDER = 1015  # after the commission offices, before the affiliated organisations


def forwards(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    FormerName = apps.get_model("agencies", "FormerName")
    AgencyChange = apps.get_model("agencies", "AgencyChange")
    agency = Agency.objects.filter(slug=SLUG).first()
    if agency is None:
        return  # a directory without this office has nothing to rename
    for field, text in OLD.items():
        FormerName.objects.get_or_create(
            agency=agency, text=text, form=field, replaced_on=IN_FORCE, merged_from=None
        )
    for text in OTHER_FORMER_NAMES:
        FormerName.objects.get_or_create(
            agency=agency, text=text, form="other", replaced_on=IN_FORCE, merged_from=None
        )
    for field, value in NEW.items():
        setattr(agency, field, value)
    agency.kind, agency.group, agency.parent = NEW_PLACE["kind"], NEW_PLACE["group"], None
    agency.order = NEW_ORDER
    agency.save()
    recorded = AgencyChange.objects.filter(agency=agency, effective_on=IN_FORCE)
    if not recorded.filter(kind="renamed").exists():
        AgencyChange.objects.create(
            agency=agency, kind="renamed", effective_on=IN_FORCE, before=OLD, after=NEW, note=NOTE
        )
    if not recorded.filter(kind="moved").exists():
        AgencyChange.objects.create(
            agency=agency,
            kind="moved",
            effective_on=IN_FORCE,
            before=OLD_PLACE,
            after=NEW_PLACE,
            note=NOTE,
        )


def backwards(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    agency = Agency.objects.filter(slug=SLUG).first()
    if agency is None:
        return
    for field, value in OLD.items():
        setattr(agency, field, value)
    agency.kind, agency.group = OLD_PLACE["kind"], OLD_PLACE["group"]
    agency.parent = Agency.objects.filter(slug=OLD_PLACE["parent"]).first()
    agency.order = 20
    agency.save()
    apps.get_model("agencies", "FormerName").objects.filter(
        agency=agency, replaced_on=IN_FORCE, merged_from=None
    ).delete()
    apps.get_model("agencies", "AgencyChange").objects.filter(
        agency=agency, effective_on=IN_FORCE, changed_by=None
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("agencies", "0005_directory_history")]

    operations = [migrations.RunPython(forwards, backwards)]
