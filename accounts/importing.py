"""Create or update staff accounts from a CSV file (the `import_staff` command).

Columns, in this order: username, full name, e-mail, agency slug(s) separated by ; or |,
role (staff or coordinator; empty means staff). A header row is recognised and skipped.
Passwords are never touched: new accounts get an unusable one and choose theirs through
the invitation link. Nothing here deletes an account (accounts are only deactivated).
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, Membership
from agencies.roles import COORDINATOR_GROUP, STAFF_GROUP
from jitarsa.text import normalize

from .invitations import invitation

ROLES = {"staff": STAFF_GROUP, "coordinator": COORDINATOR_GROUP}
COLUMNS = 5
HEADER_WORDS = {"username", "user", "ชื่อผู้ใช้"}


class Rejected(Exception):
    """A row that cannot be imported; the message says why, in the user's language."""


class UnreadableFile(Exception):
    pass


@dataclass(frozen=True)
class StaffRow:
    line: int
    username: str
    first_name: str
    last_name: str
    email: str
    agency_slugs: tuple
    role: str


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    rejected: list = field(default_factory=list)  # (line, reason)
    invited: list = field(default_factory=list)


def decode(raw):
    """UTF-8 (with or without Excel's BOM), else Thai Windows (what Thai Excel saves)."""
    for encoding in ("utf-8-sig", "cp874"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(
        _("The file is neither UTF-8 nor Thai Windows text. Save it as CSV UTF-8.")
    )


def read_lines(text):
    """(line number, cells) for every non-blank row, the header row left out."""
    reader = csv.reader(io.StringIO(text))
    rows = []
    for cells in reader:
        # Cleaned like every form's text: a name copied from Word or LINE carries invisible
        # characters, and a zero-width space would make "somchai\u200b" a second account.
        cells = [normalize(cell, multiline=False) for cell in cells]
        if not any(cells):
            continue
        if not rows and cells[0].lower() in HEADER_WORDS:
            continue
        rows.append((reader.line_num, cells))
    return rows


def split_name(full_name):
    first, _space, last = " ".join(full_name.split()).partition(" ")
    return first[:150], last[:150]


def split_slugs(text):
    return tuple(dict.fromkeys(s.strip().lower() for s in re.split(r"[;|]", text) if s.strip()))


def parse_role(text):
    role = (text or "staff").strip().lower()
    if role not in ROLES:
        raise Rejected(_("unknown role “%(role)s” (use staff or coordinator)") % {"role": text})
    return role


def parse_username(text):
    if not text:
        raise Rejected(_("the username is missing"))
    try:
        UnicodeUsernameValidator()(text)
    except ValidationError:
        raise Rejected(
            _("“%(username)s” is not a valid username (letters, digits and @ . + - _ only)")
            % {"username": text}
        ) from None
    if len(text) > 150:
        raise Rejected(_("the username is longer than 150 characters"))
    return text


def parse_email(text):
    if not text:
        raise Rejected(_("the e-mail address is missing"))
    try:
        validate_email(text)
    except ValidationError:
        raise Rejected(_("“%(email)s” is not a valid e-mail address") % {"email": text}) from None
    return text


def parse_agencies(text, role, known_slugs):
    slugs = split_slugs(text)
    unknown = [s for s in slugs if s not in known_slugs]
    if unknown:
        raise Rejected(_("unknown agency: %(slugs)s") % {"slugs": ", ".join(unknown)})
    if role == "staff" and not slugs:
        raise Rejected(_("agency staff need at least one agency"))
    return slugs


def parse_row(line, cells, known_slugs):
    if len(cells) < COLUMNS - 1:
        raise Rejected(_("too few columns (expected: username, full name, e-mail, agencies, role)"))
    username, full_name, email, agencies = cells[:4]
    role = parse_role(cells[4] if len(cells) > 4 else "")
    first_name, last_name = split_name(full_name)
    return StaffRow(
        line=line,
        username=parse_username(username),
        first_name=first_name,
        last_name=last_name,
        email=parse_email(email),
        agency_slugs=parse_agencies(agencies, role, known_slugs),
        role=role,
    )


def parse_rows(lines, known_slugs):
    """The rows worth saving, and the (line, reason) of every row refused."""
    good, rejected, seen = [], [], {}
    for line, cells in lines:
        try:
            row = parse_row(line, cells, known_slugs)
            key = row.username.lower()
            if key in seen:
                raise Rejected(_("repeats the username of row %(line)d") % {"line": seen[key]})
            seen[key] = line
            good.append(row)
        except Rejected as refusal:
            rejected.append((line, str(refusal)))
    return good, rejected


def set_role(user, role):
    groups = {name: Group.objects.get(name=name) for name in ROLES.values()}
    wanted = groups[ROLES[role]]
    user.groups.remove(*[g for g in groups.values() if g != wanted])
    user.groups.add(wanted)


def set_memberships(user, agencies):
    """The file is the list of the person's agencies: add what is new, end what is not there."""
    Membership.objects.filter(user=user).exclude(agency__in=agencies).delete()
    existing = set(Membership.objects.filter(user=user).values_list("agency_id", flat=True))
    Membership.objects.bulk_create(
        [Membership(user=user, agency=a) for a in agencies if a.pk not in existing]
    )


def save_row(row, agencies_by_slug):
    """Create or update one account (never its password); return (user, created)."""
    User = get_user_model()
    user = User.objects.filter(username__iexact=row.username).first()
    created = user is None
    if created:
        user = User(username=row.username)
        user.set_unusable_password()
    user.first_name, user.last_name, user.email = row.first_name, row.last_name, row.email
    # Coordinators review in the admin; staff work in the staff area only.
    user.is_staff = row.role == "coordinator" or user.is_superuser
    user.save()
    set_role(user, row.role)
    set_memberships(user, [agencies_by_slug[s] for s in row.agency_slugs])
    return user, created


def import_staff(text, *, dry_run=False):
    """Parse and save every good row in one transaction (rolled back for a dry run)."""
    agencies_by_slug = {a.slug: a for a in Agency.objects.all()}
    rows, rejected = parse_rows(read_lines(text), agencies_by_slug)
    result = ImportResult(rejected=rejected)
    with transaction.atomic():
        for row in rows:
            user, created = save_row(row, agencies_by_slug)
            (result.created if created else result.updated).append(user)
        if dry_run:
            transaction.set_rollback(True)
    return result


def send_invitations(users):
    """E-mail each user a link to choose a password; return the users invited."""
    invited = [u for u in users if u.email]
    get_connection().send_messages([invitation(u) for u in invited])
    return invited
