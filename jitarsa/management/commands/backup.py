from django.core.management.base import BaseCommand

from jitarsa.backup import write_backup


class Command(BaseCommand):
    help = "Write one .tar.gz with all data (portable JSON), the media files and a manifest."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="var/backups", help="folder for the archive")

    def handle(self, *args, output, **options):
        path, manifest = write_backup(output)
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"{path}: {rows} rows, {len(manifest['files'])} media files")
