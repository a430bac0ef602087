import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from activities import demo
from activities.models import Activity


class Command(BaseCommand):
    help = (
        "With DEBUG on: create the demo logins and, in an empty database, about three dozen "
        "demo posts with photos (run again, it changes nothing). With --activities N: add N "
        "published posts quickly, for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--activities",
            type=int,
            metavar="N",
            help="add N published benchmark posts (bulk insert, shared photo files)",
        )

    def handle(self, *args, activities=None, **options):
        if not settings.DEBUG:
            if activities:
                raise CommandError("Benchmark posts are only added with DJANGO_DEBUG=1.")
            self.stdout.write("DEBUG is off: no demo accounts are created.")
            return
        if activities is not None:
            if activities < 1:
                raise CommandError("--activities needs a positive number.")
            started = time.monotonic()
            made = demo.bulk_posts(activities)
            self.stdout.write(
                f"Added {made} published posts in {time.monotonic() - started:.1f} s."
            )
            return
        users = demo.ensure_accounts()
        existing = Activity.objects.count()
        if existing:
            self.stdout.write(f"Demo posts skipped: the database already has {existing} posts.")
        else:
            posts = demo.seed_demo_posts(users)
            self.stdout.write(f"Added {len(posts)} demo posts with photos.")
        self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
        for account in demo.DEMO_ACCOUNTS:
            role = "superuser" if account.superuser else account.role
            self.stdout.write(f"  {account.username:<16} {account.full_name} ({role})")
