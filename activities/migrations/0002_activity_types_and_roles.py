from django.contrib.auth.management import create_permissions
from django.db import migrations

TYPES = [
    ("development", "จิตอาสาพัฒนา", "Development volunteers", 10),
    ("disaster", "จิตอาสาภัยพิบัติ", "Disaster relief volunteers", 20),
    ("special", "จิตอาสาเฉพาะกิจ", "Special-occasion volunteers", 30),
]

STAFF_PERMISSIONS = [
    ("activities", "add_activity"),
    ("activities", "change_activity"),
    ("activities", "view_activity"),
    ("activities", "add_photo"),
    ("activities", "change_photo"),
    ("activities", "delete_photo"),
    ("activities", "view_photo"),
    ("agencies", "view_agency"),
]
COORDINATOR_PERMISSIONS = STAFF_PERMISSIONS + [
    ("activities", "review_activity"),
    ("activities", "view_reports"),
    ("activities", "view_transition"),
    ("activities", "add_activitytype"),
    ("activities", "change_activitytype"),
    ("activities", "view_activitytype"),
    ("agencies", "add_agency"),
    ("agencies", "change_agency"),
    ("agencies", "view_province"),
    ("agencies", "add_membership"),
    ("agencies", "change_membership"),
    ("agencies", "delete_membership"),
    ("agencies", "view_membership"),
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "view_user"),
    ("auth", "view_group"),
    ("pages", "change_page"),
    ("pages", "view_page"),
]


def create_types(apps, schema_editor):
    ActivityType = apps.get_model("activities", "ActivityType")
    for slug, name, name_en, order in TYPES:
        ActivityType.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "order": order}
        )


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in [
        ("agency staff", STAFF_PERMISSIONS),
        ("coordinator", COORDINATOR_PERMISSIONS),
    ]:
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_activities_photos_history"),
        ("agencies", "0003_memberships"),
        ("pages", "0002_shipped_pages"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_types, migrations.RunPython.noop),
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
