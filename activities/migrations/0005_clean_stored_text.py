"""Text saved before the fields cleaned it (core.fields): controls, invisible characters
and stray line breaks removed from every post, photo, history note and activity type."""

from django.db import migrations

from core.fields import clean_stored_text

TEXT = {
    "Activity": ["title", "venue", "body", "news_credit", "photo_credit", "tags", "review_note"],
    "Photo": ["caption", "alt_text"],
    "Transition": ["note"],
    "ActivityType": ["name", "name_en"],
}


def clean_text(apps, schema_editor):
    for model, fields in TEXT.items():
        clean_stored_text(apps.get_model("activities", model), *fields)


class Migration(migrations.Migration):
    dependencies = [("activities", "0004_public_feed_order_index")]

    operations = [migrations.RunPython(clean_text, migrations.RunPython.noop, elidable=True)]
