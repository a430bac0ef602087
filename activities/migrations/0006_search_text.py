"""One search text per post (activities/search.py) with one trigram index on PostgreSQL,
instead of the five per-column indexes of migration 0003, which Thai vowel and tone marks
made useless for short words."""

from django.db import migrations, models

OLD_COLUMNS = ["title", "body", "venue", "news_credit", "photo_credit"]
INDEX = "activity_search_text_trgm"


def fill_search_text(apps, schema_editor):
    from activities.search import searchable

    Activity = apps.get_model("activities", "Activity")
    rows = Activity.objects.only("pk", *OLD_COLUMNS).order_by("pk")
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:2000]):
        for activity in batch:
            activity.search_text = searchable(*(getattr(activity, f) for f in OLD_COLUMNS))
        Activity.objects.bulk_update(batch, ["search_text"])
        last = batch[-1].pk


def index_search_text(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in OLD_COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS activity_{column}_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON activities_activity "
        "USING gin (search_text gin_trgm_ops)"
    )


def unindex_search_text(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    for column in OLD_COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS activity_{column}_trgm ON activities_activity "
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [("activities", "0005_newest_first_index_and_statistics_tallies")]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="search_text",
            field=models.TextField(blank=True, editable=False, verbose_name="search text"),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(index_search_text, unindex_search_text),
    ]
