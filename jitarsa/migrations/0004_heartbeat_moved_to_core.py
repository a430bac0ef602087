"""The heartbeat now belongs to core (core/migrations/0001): jitarsa forgets the model, the
table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("jitarsa", "0003_worker_heartbeat"),
        ("core", "0001_heartbeat_moved_from_jitarsa"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Heartbeat")],
            database_operations=[],
        ),
    ]
