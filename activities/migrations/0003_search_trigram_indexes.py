"""Trigram (pg_trgm) GIN indexes for the public search, on PostgreSQL only.

Thai has no spaces between words, so the search is a substring match (`icontains`), which
Django writes on PostgreSQL as UPPER("col"::text) LIKE UPPER('%term%'). A GIN index over
exactly that expression with gin_trgm_ops answers it without scanning every post.
SQLite has no such index and needs none at its scale; the migration does nothing there.
The indexes are not part of the model state, so `makemigrations` never sees them.
"""

from django.db import migrations

COLUMNS = ["title", "body", "venue", "news_credit", "photo_credit"]


def _index_name(column):
    return f"activity_{column}_trgm"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {_index_name(column)} ON activities_activity "
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_index_name(column)}")


class Migration(migrations.Migration):
    dependencies = [("activities", "0002_activity_types_and_roles")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
