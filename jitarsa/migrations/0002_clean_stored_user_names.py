"""User names saved before they were cleaned (accounts/signals.py)."""

from django.db import migrations

from core.fields import clean_stored_text


def clean_names(apps, schema_editor):
    clean_stored_text(apps.get_model("auth", "User"), "first_name", "last_name")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("jitarsa", "0001_coordinators_unlock_logins"),
    ]

    operations = [migrations.RunPython(clean_names, migrations.RunPython.noop, elidable=True)]
