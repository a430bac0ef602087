"""Page text saved before the fields cleaned it (core.fields)."""

from django.db import migrations

from core.fields import clean_stored_text


def clean_text(apps, schema_editor):
    clean_stored_text(apps.get_model("pages", "Page"), "title", "title_en", "body", "body_en")


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_shipped_pages")]

    operations = [migrations.RunPython(clean_text, migrations.RunPython.noop, elidable=True)]
