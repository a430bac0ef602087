"""The tallies' index carries their counts, so a year's sums read the index alone; and
PostgreSQL vacuums the tallies often enough that it can: each publish rewrites a few rows,
and a page whose rows changed since the last vacuum is read from the table again."""

from django.db import migrations, models

VACUUM_OFTEN = (
    "ALTER TABLE activities_tally"
    " SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 200)"
)
VACUUM_AS_ANY = (
    "ALTER TABLE activities_tally"
    " RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold)"
)


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0009_index_for_possibly_posted_twice"),
        ("agencies", "0007_clean_stored_names"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="tally", name="tally_cell"),
        migrations.AddIndex(
            model_name="tally",
            index=models.Index(
                fields=["year", "month", "agency", "activity_type", "province"],
                include=("activities", "participants"),
                name="tally_cell",
            ),
        ),
        migrations.RunPython(_on_postgresql(VACUUM_OFTEN), _on_postgresql(VACUUM_AS_ANY)),
    ]
