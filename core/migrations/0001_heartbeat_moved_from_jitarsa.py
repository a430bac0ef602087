"""The worker's heartbeat moves from jitarsa to core in Django's state only: the table
(jitarsa_heartbeat) and its rows stay as they are."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [("jitarsa", "0003_worker_heartbeat")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Heartbeat",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=40, unique=True, verbose_name="name")),
                        ("seen_at", models.DateTimeField(verbose_name="last seen")),
                    ],
                    options={
                        "verbose_name": "heartbeat",
                        "verbose_name_plural": "heartbeats",
                        "db_table": "jitarsa_heartbeat",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
