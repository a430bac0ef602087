from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; the group needs this one now.
    config = apps.get_app_config("reports")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="coordinator")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="reports", codename="view_remindersent")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_reminders_sent"),
        ("activities", "0002_activity_types_and_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
