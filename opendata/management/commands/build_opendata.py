from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat

from opendata import build


class Command(BaseCommand):
    help = (
        "Build the whole-dataset open-data files (CSV, JSON, XLSX) now, as the worker does "
        "every night, and serve them from /opendata/."
    )

    def handle(self, *args, **options):
        for built in build.build_all():
            self.stdout.write(f"{built.name}: {built.rows:,} rows, {filesizeformat(built.size)}")
