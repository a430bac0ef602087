"""Create or update staff accounts from a staff list: the admin's import page and the
`import_staff` command share this module.

1. `staff_file.read` turns the CSV or XLSX file into rows of text, and `staff_rows`
   checks each row's cells.
2. `plan(lines, by=…)` checks every row against the directory and the accounts and says,
   without saving anything, what would happen to it: new, updated (with the changes),
   unchanged, or refused with the reason.
3. `apply(plan, by=…)` saves the plan's new and updated rows in one transaction.

Passwords are never touched: new accounts get an unusable one and choose theirs through
the invitation link. Nothing here deletes an account. A row lists all of a person's
agencies: memberships not in it end.

Who may import what: a coordinator's file creates and changes agency staff only; a row that
would make a coordinator, or change an existing coordinator or superuser, is refused unless
the importer is a superuser (the rule of `agencies.roles`: `roles_of`).
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from agencies.lookup import AgencyFinder
from agencies.models import Membership
from agencies.roles import ROLE_LABELS, roles_of

from . import set_password, staff_file
from .staff_rows import COORDINATOR, ROLES, Rejected, StaffRow, parse_row


def may_import_coordinators(by):
    """`by` is the person at the admin, or None for the command line: whoever can run it
    has the server's shell and every power anyway."""
    return by is None or (by.is_active and by.is_superuser)


NEW, UPDATED, UNCHANGED, REFUSED = "new", "updated", "unchanged", "refused"


@dataclass
class Outcome:
    """What the import does with one row of the file."""

    line: int
    values: dict  # the file's text, by column
    action: str = REFUSED
    reason: str = ""
    changes: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    row: StaffRow | None = None
    user: object = None  # the existing account, if any
    role: str = ""  # its role now


@dataclass
class Plan:
    outcomes: list

    def of(self, action):
        return [o for o in self.outcomes if o.action == action]

    @property
    def counts(self):
        return {a: len(self.of(a)) for a in (NEW, UPDATED, UNCHANGED, REFUSED)}

    @property
    def digest(self):
        """A fingerprint of what saving would do: the confirm button carries the one the
        person saw, and nothing is saved if the accounts changed in between."""
        data = [
            [o.line, o.action, sorted(o.values.items()), o.role, _state(o.user), _wanted(o.row)]
            for o in self.outcomes
        ]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: int = 0
    rejected: list = field(default_factory=list)  # (line, reason)
    invited: list = field(default_factory=list)


def _existing(lines):
    """{lower-case username: account} for the usernames in the file, in two queries."""
    names = {line.values["username"].casefold() for line in lines if line.values["username"]}
    users = (
        get_user_model()
        .objects.annotate(key=Lower("username"))
        .filter(key__in=names)
        .prefetch_related("memberships")
    )
    return {u.key.casefold(): u for u in users}


def _state(user):
    if user is None:
        return None
    agencies = sorted(m.agency_id for m in user.memberships.all())
    return [user.pk, user.first_name, user.last_name, user.email, user.is_staff, agencies]


def _wanted(row):
    if row is None:
        return None
    return [row.username, row.first_name, row.last_name, row.email, row.role] + [
        sorted(a.pk for a in row.agencies)
    ]


def _changes(row, user, role):
    """What saving the row would change on the account (now in `role`), for people."""
    changes = []
    if (user.first_name, user.last_name) != (row.first_name, row.last_name):
        changes.append(
            _("name: %(old)s → %(new)s")
            % {
                "old": user.get_full_name() or "–",
                "new": f"{row.first_name} {row.last_name}".strip() or "–",
            }
        )
    if user.email != row.email:
        changes.append(
            _("e-mail: %(old)s → %(new)s") % {"old": user.email or "–", "new": row.email}
        )
    if role != row.role:
        changes.append(_("role: %(role)s") % {"role": ROLE_LABELS[ROLES[row.role]]})
    had = {m.agency_id for m in user.memberships.all()}
    wanted = {a.pk: a for a in row.agencies}
    added = [a.short_name for pk, a in wanted.items() if pk not in had]
    if added:
        changes.append(_("joins: %(agencies)s") % {"agencies": ", ".join(added)})
    if had - set(wanted):
        changes.append(_("leaves %(count)d other agencies") % {"count": len(had - set(wanted))})
    return changes


def _check_powers(row, role, by):
    if may_import_coordinators(by):
        return
    if row.role == COORDINATOR:
        raise Rejected(_("only an administrator can make a coordinator from a file"))
    if role == COORDINATOR:
        raise Rejected(
            _("%(username)s is a coordinator or administrator: change it in the user admin")
            % {"username": row.username}
        )


def plan(lines, *, by):
    """What importing `lines` (from `staff_file.read`) would do, row by row; saves nothing.
    `by` is the person importing, or None for the command line."""
    finder = AgencyFinder()
    existing = _existing(lines)
    roles = roles_of(existing.values())
    outcomes, seen = [], {}
    for line in lines:
        outcome = Outcome(line.number, line.values)
        try:
            row, outcome.notes = parse_row(line.values, finder)
            key = row.username.casefold()
            if key in seen:
                raise Rejected(_("repeats the username of row %(line)d") % {"line": seen[key]})
            seen[key] = line.number
            user = existing.get(key)
            role = roles[user.pk] if user else ""
            _check_powers(row, role, by)
            outcome.row, outcome.user, outcome.role = row, user, role
            if user is None:
                outcome.action = NEW
            else:
                outcome.changes = _changes(row, user, role)
                outcome.action = UPDATED if outcome.changes else UNCHANGED
                if not user.is_active:
                    outcome.notes.append(_("the account is deactivated and stays so"))
        except Rejected as refusal:
            outcome.reason = str(refusal)
        outcomes.append(outcome)
    return Plan(outcomes)


def _set_roles(pairs):
    """Each (user, role): the user is in that role's group and not in the other's."""
    Through = get_user_model().groups.through
    groups = {role: Group.objects.get(name=name) for role, name in ROLES.items()}
    Through.objects.filter(
        user__in=[u for u, _r in pairs], group__in=list(groups.values())
    ).delete()
    Through.objects.bulk_create(
        [Through(user_id=u.pk, group_id=groups[role].pk) for u, role in pairs]
    )


def _set_memberships(pairs):
    """Each (user, agencies): exactly those memberships; the ones kept keep their date."""
    wanted = {(u.pk, a.pk) for u, agencies in pairs for a in agencies}
    current = list(Membership.objects.filter(user__in=[u for u, _a in pairs]))
    ended = [m.pk for m in current if (m.user_id, m.agency_id) not in wanted]
    Membership.objects.filter(pk__in=ended).delete()
    kept = {(m.user_id, m.agency_id) for m in current if m.pk not in ended}
    Membership.objects.bulk_create(
        [Membership(user_id=u, agency_id=a) for u, a in sorted(wanted - kept)]
    )


def _save_account(outcome):
    row, user = outcome.row, outcome.user
    if user is None:
        user = get_user_model()(username=row.username)
        user.set_unusable_password()
        user.is_staff = row.role == COORDINATOR
    elif row.role != outcome.role:
        # Coordinators review in the admin; staff work in the staff area only.
        user.is_staff = row.role == COORDINATOR or user.is_superuser
    user.first_name, user.last_name, user.email = row.first_name, row.last_name, row.email
    user.save()
    return user


def _left_alone(plan):
    result = ImportResult(unchanged=len(plan.of(UNCHANGED)))
    result.rejected = [(o.line, o.reason) for o in plan.of(REFUSED)]
    return result


def apply(plan, *, by, source=""):
    """Save the plan's new and updated rows in one transaction (refused and unchanged rows
    are left alone) and record each account's change in the admin's history."""
    result = _left_alone(plan)
    saving = plan.of(NEW) + plan.of(UPDATED)
    with transaction.atomic():
        saved = [(o, _save_account(o)) for o in saving]
        _set_roles([(user, o.row.role) for o, user in saved])
        _set_memberships([(user, o.row.agencies) for o, user in saved])
        for o, user in saved:
            (result.created if o.action == NEW else result.updated).append(user)
        if by is not None:
            message = _("Imported from %(file)s") % {"file": source} if source else ""
            for users, flag in ((result.created, ADDITION), (result.updated, CHANGE)):
                accounts = get_user_model().objects.filter(pk__in=[u.pk for u in users])
                if users:
                    LogEntry.objects.log_actions(by.pk, accounts, flag, message)
    return result


def send_invitations(users):
    """E-mail each new account its link to choose a password; return the users invited."""
    return set_password.send(users, set_password.INVITED)


def import_staff(raw, *, filename="", dry_run=False):
    """The command line's import: read, plan and (unless a dry run) save, with every power."""
    checked = plan(staff_file.read(raw, filename), by=None)
    if dry_run:
        result = _left_alone(checked)
        result.created = [o.row for o in checked.of(NEW)]
        result.updated = [o.row for o in checked.of(UPDATED)]
        return result
    return apply(checked, by=None, source=filename)
