"""The public side at any size (activities/pagination.py, search.py, tallies.py):

- the readers' order, newest published first, gets its partial indexes, and both list
  orders carry the filtered columns (PostgreSQL INCLUDE), so a filter is checked in the
  index on the way to a deep page;
- each post gets one search text (search.py), filled here, with one trigram index on
  PostgreSQL instead of the five per-column indexes of migration 0003, which Thai vowel and
  tone marks made useless for short words;
- PostgreSQL also gets an index for the feed filtered by a month of any year, ordered by
  the activity's date (the month of the date leads it, so the list is read in order instead
  of walking every post since that month), and statistics on that month, which PostgreSQL
  does not take from a partial index;
- the statistics get their tallies, counted once here from the published posts.

The PostgreSQL-only indexes are not part of the model state, as in migration 0003.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

SEARCHED = ["title", "body", "venue", "news_credit", "photo_credit"]
POSTGRESQL_ONLY = [
    (
        "activity_search_text_trgm",
        "CREATE INDEX IF NOT EXISTS activity_search_text_trgm ON activities_activity "
        "USING gin (search_text gin_trgm_ops)",
    ),
    (
        "activity_public_by_month",
        "CREATE INDEX IF NOT EXISTS activity_public_by_month ON activities_activity "
        "((EXTRACT(MONTH FROM start_date)), start_date DESC, id DESC) "
        "WHERE status = 'published' AND archived_at IS NULL",
    ),
]


def fill_search_text(apps, schema_editor):
    from activities.search import searchable

    Activity = apps.get_model("activities", "Activity")
    rows = Activity.objects.only("pk", *SEARCHED).order_by("pk")
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:2000]):
        for activity in batch:
            activity.search_text = searchable(*(getattr(activity, f) for f in SEARCHED))
        Activity.objects.bulk_update(batch, ["search_text"])
        last = batch[-1].pk


def count_tallies(apps, schema_editor):
    from activities.tallies import rebuild

    Activity = apps.get_model("activities", "Activity")
    public = Activity.objects.filter(status="published", archived_at__isnull=True)
    rebuild(public, apps.get_model("activities", "Tally"))


def postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS activity_{column}_trgm")
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for _name, sql in POSTGRESQL_ONLY:
        schema_editor.execute(sql)
    schema_editor.execute(
        "CREATE STATISTICS IF NOT EXISTS activity_start_month "
        "ON (EXTRACT(MONTH FROM start_date)) FROM activities_activity"
    )


def drop_postgresql_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP STATISTICS IF EXISTS activity_start_month")
    for name, _sql in POSTGRESQL_ONLY:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    for column in SEARCHED:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS activity_{column}_trgm ON activities_activity "
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0007_photo_capture_date_and_fingerprint"),
        ("agencies", "0004_regional_office_region_not_null"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Tally",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("month", models.PositiveSmallIntegerField(verbose_name="month")),
                ("activities", models.PositiveIntegerField(verbose_name="activities")),
                ("participants", models.PositiveBigIntegerField(verbose_name="participants")),
            ],
            options={
                "verbose_name": "statistics tally",
                "verbose_name_plural": "statistics tallies",
            },
        ),
        migrations.RemoveIndex(model_name="activity", name="activity_live_by_date"),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True)),
                fields=["status", "-start_date", "-id"],
                include=("agency", "activity_type", "province", "published_at"),
                name="activity_live_by_date",
            ),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True), ("status", "published")),
                fields=["-published_at", "-id"],
                include=("agency", "activity_type", "province", "start_date"),
                name="activity_public_newest",
            ),
        ),
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(
                condition=models.Q(
                    ("archived_at__isnull", True), ("is_featured", True), ("status", "published")
                ),
                fields=["-published_at"],
                name="activity_public_featured",
            ),
        ),
        migrations.AddField(
            model_name="tally",
            name="activity_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="activities.activitytype",
                verbose_name="activity type",
            ),
        ),
        migrations.AddField(
            model_name="tally",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="agencies.agency",
                verbose_name="agency",
            ),
        ),
        migrations.AddField(
            model_name="tally",
            name="province",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="agencies.province",
                verbose_name="province",
            ),
        ),
        migrations.AddIndex(
            model_name="tally",
            index=models.Index(
                fields=["year", "month", "agency", "activity_type", "province"], name="tally_cell"
            ),
        ),
        migrations.AddField(
            model_name="activity",
            name="search_text",
            field=models.TextField(blank=True, editable=False, verbose_name="search text"),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(count_tallies, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(postgresql_indexes, drop_postgresql_indexes),
    ]
