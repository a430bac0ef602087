"""Reminders become one row per agency, kind and channel, sent by a worker on a schedule.

Earlier rows (one per button press, with the agencies in a many-to-many) become one row
per agency reminded: kind "manual", e-mail, sent, and `recipients` empty because the old
count was for all agencies together. The reminder settings get their single row, the daily
job its django-q schedule (09:00 Bangkok time), and coordinators may see and change both
(and read the worker's task lists).
"""

import datetime
import zoneinfo

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

SCHEDULED_FUNCTION = "reports.reminders.run_schedule"
COORDINATOR_CODENAMES = {
    "reports": ["view_remindersettings", "change_remindersettings"],
    "django_q": [
        "view_schedule",
        "change_schedule",
        "view_success",
        "view_failure",
        "view_ormq",
    ],
}


def one_row_per_agency(apps, schema_editor):
    ReminderSent = apps.get_model("reports", "ReminderSent")
    Through = ReminderSent.agencies.through
    local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    seen = set()
    for old in ReminderSent.objects.order_by("sent_at", "pk"):
        agency_ids = list(
            Through.objects.filter(remindersent_id=old.pk).values_list("agency_id", flat=True)
        )
        sent_on = old.sent_at.astimezone(local).date()
        fresh = [
            agency_id
            for agency_id in agency_ids
            if (agency_id, old.period_start, old.period_end, sent_on) not in seen
        ]
        for agency_id in fresh:
            seen.add((agency_id, old.period_start, old.period_end, sent_on))
            ReminderSent.objects.create(
                agency_id=agency_id,
                period_start=old.period_start,
                period_end=old.period_end,
                sent_by_id=old.sent_by_id,
                sent_on=sent_on,
                kind="manual",
                channel="email",
                status="sent",
                recipients=None,
                attempts=1,
            )
            # auto_now_add set "now": keep the original time.
        ReminderSent.objects.filter(
            agency_id__in=fresh,
            sent_on=sent_on,
            period_start=old.period_start,
            period_end=old.period_end,
        ).update(sent_at=old.sent_at)
        old.delete()


def settings_and_schedule(apps, schema_editor):
    apps.get_model("reports", "ReminderSettings").objects.get_or_create(pk=1)
    Schedule = apps.get_model("django_q", "Schedule")
    if not Schedule.objects.filter(func=SCHEDULED_FUNCTION).exists():
        bangkok = zoneinfo.ZoneInfo("Asia/Bangkok")
        now = django.utils.timezone.now().astimezone(bangkok)
        next_run = now.replace(hour=9, minute=0, second=0, microsecond=0)
        if next_run <= now:
            next_run += datetime.timedelta(days=1)
        Schedule.objects.create(
            name="แจ้งเตือนหน่วยงานรายเดือน (ตรวจทุกวัน)",
            func=SCHEDULED_FUNCTION,
            schedule_type="D",
            repeats=-1,
            next_run=next_run,
        )


def grant(apps, schema_editor):
    for label in COORDINATOR_CODENAMES:
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="coordinator")
    for label, codenames in COORDINATOR_CODENAMES.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=label, codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0004_regional_office_region_not_null"),
        ("reports", "0002_coordinators_see_reminders"),
        ("django_q", "0018_task_success_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReminderSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "is_active",
                    models.BooleanField(default=True, verbose_name="send reminders on schedule"),
                ),
                (
                    "days_before_month_end",
                    models.PositiveSmallIntegerField(
                        default=5,
                        help_text="Agencies with nothing published or waiting for review in the month are reminded from this many days before its last day (0: on the last day).",
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(20),
                        ],
                        verbose_name="first reminder: days before the month ends",
                    ),
                ),
                (
                    "days_after_month_end",
                    models.PositiveSmallIntegerField(
                        default=3,
                        help_text="Agencies that still have nothing for the month are reminded again then.",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(20),
                        ],
                        verbose_name="second, firmer reminder: days after the month ended",
                    ),
                ),
            ],
            options={
                "verbose_name": "reminder settings",
                "verbose_name_plural": "reminder settings",
            },
        ),
        migrations.AlterModelOptions(
            name="remindersent",
            options={
                "ordering": ["-sent_at", "agency__name"],
                "verbose_name": "reminder sent",
                "verbose_name_plural": "reminders sent",
            },
        ),
        migrations.AddField(
            model_name="remindersent",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="agencies.agency",
                verbose_name="agency",
            ),
        ),
        migrations.AddField(
            model_name="remindersent",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="tries"),
        ),
        migrations.AddField(
            model_name="remindersent",
            name="channel",
            field=models.CharField(
                choices=[("email", "e-mail"), ("line", "LINE")],
                default="email",
                max_length=8,
                verbose_name="channel",
            ),
        ),
        migrations.AddField(
            model_name="remindersent",
            name="delivered_to",
            field=models.JSONField(blank=True, default=list, verbose_name="reached"),
        ),
        migrations.AddField(
            model_name="remindersent",
            name="error",
            field=models.TextField(blank=True, verbose_name="error"),
        ),
        migrations.AddField(
            model_name="remindersent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("manual", "sent by a coordinator"),
                    ("before_month_end", "before the month ends"),
                    ("after_month_end", "after the month ended (firmer)"),
                ],
                default="manual",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddField(
            model_name="remindersent",
            name="sent_on",
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name="day"),
        ),
        migrations.AddField(
            model_name="remindersent",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="last try"),
        ),
        migrations.AlterField(
            model_name="remindersent",
            name="recipients",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="Empty: not recorded.",
                null=True,
                verbose_name="people or chats reached",
            ),
        ),
        migrations.AlterField(
            model_name="remindersent",
            name="sent_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty: sent on schedule.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to=settings.AUTH_USER_MODEL,
                verbose_name="sent by",
            ),
        ),
        migrations.AddField(
            model_name="remindersent",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "sending"),
                    ("sent", "sent"),
                    ("failed", "failed"),
                    ("no_recipients", "nobody to send to"),
                ],
                default="pending",
                max_length=16,
                verbose_name="status",
            ),
        ),
        migrations.RunPython(one_row_per_agency, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="remindersent",
            name="agencies",
        ),
        migrations.AlterField(
            model_name="remindersent",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="agencies.agency",
                verbose_name="agency",
            ),
        ),
        migrations.AddConstraint(
            model_name="remindersent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "manual"), _negated=True),
                fields=("agency", "period_start", "period_end", "kind", "channel"),
                name="scheduled_reminder_once",
            ),
        ),
        migrations.AddConstraint(
            model_name="remindersent",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "manual")),
                fields=("agency", "period_start", "period_end", "kind", "channel", "sent_on"),
                name="manual_reminder_once_a_day",
            ),
        ),
        migrations.AddConstraint(
            model_name="remindersettings",
            constraint=models.CheckConstraint(
                condition=models.Q(("id", 1)), name="reminder_settings_single_row"
            ),
        ),
        migrations.AddConstraint(
            model_name="remindersettings",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("days_after_month_end__gte", 1),
                    ("days_before_month_end__lte", 20),
                    ("days_after_month_end__lte", 20),
                ),
                name="reminder_days_in_range",
            ),
        ),
        migrations.RunPython(settings_and_schedule, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
