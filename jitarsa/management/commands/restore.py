from django.core.management.base import BaseCommand, CommandError

from jitarsa.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Bring a backup archive into an empty installation (after `migrate`)."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore_backup(archive)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"Restored {rows} rows and {len(manifest['files'])} media files.")
