"""Names saved before the fields cleaned them (core.fields): an agency name starting with
a control character took every feed down."""

from django.db import migrations

from core.fields import clean_stored_text

TEXT = {
    "Agency": ["name", "name_en", "abbreviation", "phone"],
    "Province": ["name", "name_en"],
}


def clean_text(apps, schema_editor):
    for model, fields in TEXT.items():
        clean_stored_text(apps.get_model("agencies", model), *fields)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0006_onie_becomes_department_of_learning_encouragement")]

    operations = [migrations.RunPython(clean_text, migrations.RunPython.noop, elidable=True)]
