"""The readers' order (newest published first) gets its partial indexes, and the statistics
get their tallies, counted once here from the published posts (see activities/tallies.py)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def count_tallies(apps, schema_editor):
    from activities.tallies import rebuild

    Activity = apps.get_model("activities", "Activity")
    public = Activity.objects.filter(status="published", archived_at__isnull=True)
    rebuild(public, apps.get_model("activities", "Tally"))


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0004_public_feed_order_index"),
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
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(
                condition=models.Q(("archived_at__isnull", True), ("status", "published")),
                fields=["-published_at", "-id"],
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
        migrations.RunPython(count_tallies, migrations.RunPython.noop, elidable=True),
    ]
