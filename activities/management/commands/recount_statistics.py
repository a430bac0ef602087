from django.core.management.base import BaseCommand

from activities import tallies
from activities.models import Tally


class Command(BaseCommand):
    help = (
        "Count the public statistics again from the published posts (after a bulk import "
        "or anything else that wrote posts without saving them one by one)."
    )

    def handle(self, *args, **options):
        tallies.rebuild_all()
        self.stdout.write(f"{Tally.objects.count()} statistics tallies counted.")
