import re

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.importing import import_staff, send_invitations
from accounts.staff_file import UnreadableFile

# Control characters from the file (ESC starts terminal codes that could hide or fake lines).
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def printable(text):
    return CONTROL.sub("\N{REPLACEMENT CHARACTER}", str(text))


class Command(BaseCommand):
    help = (
        "Create or update staff accounts from a CSV or XLSX file: username, full name, "
        "e-mail, agencies (slug, name or abbreviation; several separated by ;), role (staff "
        "or coordinator). The admin's import page does the same. Passwords are never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8, a BOM is fine, or Thai Windows) or XLSX")
        parser.add_argument(
            "--send-invites",
            action="store_true",
            help="e-mail each new account a link to choose its password",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report; save nothing"
        )

    def handle(self, *args, file, send_invites, dry_run, **options):
        try:
            with open(file, "rb") as f:
                result = import_staff(f.read(), filename=file, dry_run=dry_run)
        except OSError as error:
            message = _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error}
            raise CommandError(message) from None
        except UnreadableFile as error:
            raise CommandError(str(error)) from None
        for line, reason in result.rejected:
            message = _("Row %(line)d rejected: %(reason)s") % {"line": line, "reason": reason}
            self.stderr.write(printable(message))
        if send_invites and not dry_run:
            try:
                result.invited = send_invitations(result.created)
            except Exception as error:
                raise CommandError(
                    _(
                        "The accounts were saved but the invitations could not be sent "
                        "(%(error)s). The new users can use “Forgotten your password?”."
                    )
                    % {"error": error}
                ) from error
        self.stdout.write(
            _(
                "Created: %(created)d, updated: %(updated)d, unchanged: %(unchanged)d, "
                "rejected: %(rejected)d, invitations sent: %(invited)d."
            )
            % {
                "created": len(result.created),
                "updated": len(result.updated),
                "unchanged": result.unchanged,
                "rejected": len(result.rejected),
                "invited": len(result.invited),
            }
        )
        if dry_run:
            self.stdout.write(_("Dry run: nothing was saved and no e-mail was sent."))
