"""The built open-data files (one row per dataset and format, pointing at the current
file in storage), and the worker's schedules that build them: nightly at 03:00 Bangkok
time, and once as soon as a worker runs after this migration (so a new site has its
files without waiting for the night)."""

import datetime
import zoneinfo

from django.db import migrations, models
from django.utils import timezone

SCHEDULED_FUNCTION = "opendata.build.queue_all"


def schedule_builds(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    if Schedule.objects.filter(func=SCHEDULED_FUNCTION).exists():
        return
    now = timezone.now()
    night = now.astimezone(zoneinfo.ZoneInfo("Asia/Bangkok")).replace(
        hour=3, minute=0, second=0, microsecond=0
    )
    if night <= now:
        night += datetime.timedelta(days=1)
    Schedule.objects.create(
        name="สร้างไฟล์ข้อมูลเปิดทุกคืน",
        func=SCHEDULED_FUNCTION,
        schedule_type="D",
        repeats=-1,
        next_run=night,
    )
    # A ONCE schedule is deleted after it runs.
    Schedule.objects.create(
        name="สร้างไฟล์ข้อมูลเปิดครั้งแรก",
        func=SCHEDULED_FUNCTION,
        schedule_type="O",
        repeats=-1,
        next_run=now,
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("django_q", "0018_task_success_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataFile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("dataset", models.CharField(max_length=40, verbose_name="dataset")),
                (
                    "format",
                    models.CharField(
                        choices=[("csv", "CSV"), ("json", "JSON"), ("xlsx", "XLSX")],
                        max_length=8,
                        verbose_name="format",
                    ),
                ),
                ("name", models.CharField(max_length=255, verbose_name="file in storage")),
                ("size", models.PositiveBigIntegerField(verbose_name="size in bytes")),
                ("rows", models.PositiveIntegerField(verbose_name="rows")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                ("built_at", models.DateTimeField(verbose_name="built at")),
            ],
            options={
                "verbose_name": "open data file",
                "verbose_name_plural": "open data files",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("dataset", "format"), name="one_file_per_format"
                    )
                ],
            },
        ),
        migrations.RunPython(schedule_builds, migrations.RunPython.noop),
    ]
