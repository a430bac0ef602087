"""Exit 0 when the background worker was seen recently, 1 otherwise (the worker's healthcheck)."""

from django.core.management.base import BaseCommand, CommandError

from core import worker


class Command(BaseCommand):
    help = "Exit with status 1 unless the background worker's heartbeat is recent."

    def handle(self, *args, **options):
        seen = worker.seen()
        state = worker.state(seen)
        if state != "ok":
            raise CommandError(f"worker {state} (last seen: {seen or 'never'})")
        self.stdout.write(f"worker ok (last seen {seen.isoformat()})")
