from django.core.management.base import BaseCommand
from django.db import transaction

from agencies.directory import sync_directory
from agencies.models import Agency, Province


class Command(BaseCommand):
    help = (
        "Add the shipped provinces and agencies that are missing. Existing rows, including "
        "coordinators' edits in the admin, are never changed or deleted."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            result = sync_directory(Province, Agency)
        self.stdout.write(
            f"Agencies: {result.agencies_created} added, {result.agencies_kept} already present; "
            f"provinces added: {result.provinces_created}; "
            f"active agencies now: {Agency.objects.active().count()}."
        )
