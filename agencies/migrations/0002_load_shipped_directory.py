from django.db import migrations

from agencies.directory import sync_directory


def load(apps, schema_editor):
    sync_directory(apps.get_model("agencies", "Province"), apps.get_model("agencies", "Agency"))


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_directory")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
