"""One row of a staff list read as an account: each cell checked and turned into a
`StaffRow`, or the row `Rejected` with every reason at once (for `importing.plan`)."""

import functools
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from agencies.lookup import NotFound
from agencies.roles import COORDINATOR_GROUP, ROLE_LABELS, STAFF_GROUP

from . import staff_file

ROLES = {"staff": STAFF_GROUP, "coordinator": COORDINATOR_GROUP}
COORDINATOR = "coordinator"
_SEPARATORS = re.compile(r"[;|,\n]")


class Rejected(Exception):
    """A row that cannot be imported; the message says why, in the user's language."""


@dataclass(frozen=True)
class StaffRow:
    username: str
    first_name: str
    last_name: str
    email: str
    agencies: tuple  # Agency objects, in the file's order
    role: str


def _column(name):
    return str(staff_file.HEADINGS[name])


def split_name(full_name):
    first, _space, last = " ".join(full_name.split()).partition(" ")
    return first[:150], last[:150]


@functools.cache
def _role_words():
    words = {}
    for role, group in ROLES.items():
        words[role] = role
        for lang in ("th", "en"):
            with translation.override(lang):
                words[str(ROLE_LABELS[group]).casefold()] = role
    words["เจ้าหน้าที่"] = "staff"
    return words


def parse_role(text):
    role = _role_words().get((text or "staff").strip().casefold())
    if role is None:
        raise Rejected(_("unknown role “%(role)s” (use staff or coordinator)") % {"role": text})
    return role


def parse_username(text):
    if not text:
        raise Rejected(_("the username is missing"))
    if text.casefold() == staff_file.EXAMPLE["username"]:
        raise Rejected(_("this is the template's example row: delete it or replace it"))
    if len(text) > 150:
        raise Rejected(_("the username is longer than 150 characters"))
    try:
        UnicodeUsernameValidator()(text)
    except ValidationError:
        raise Rejected(
            _("“%(username)s” is not a valid username (letters, digits and @ . + - _ only)")
            % {"username": text}
        ) from None
    return text


def parse_email(text):
    if not text:
        raise Rejected(_("the e-mail address is missing"))
    try:
        validate_email(text)
    except ValidationError:
        raise Rejected(_("“%(email)s” is not a valid e-mail address") % {"email": text}) from None
    return get_user_model().objects.normalize_email(text)


def parse_agencies(text, role, finder):
    """The agencies a cell names, and notes on names that changed."""
    found, unknown, notes = {}, [], []
    for name in dict.fromkeys(n.strip() for n in _SEPARATORS.split(text) if n.strip()):
        try:
            match = finder.find(name)
        except NotFound as refusal:
            unknown.append(str(refusal))
            continue
        found[match.agency.pk] = match.agency
        if match.former_name:
            notes.append(
                _("“%(written)s” is now %(name)s")
                % {"written": name, "name": match.agency.short_name}
            )
    if unknown:
        raise Rejected("; ".join(unknown))
    if role == "staff" and not found:
        raise Rejected(_("agency staff need at least one agency"))
    return tuple(found.values()), notes


def _refuse_formulas(values):
    for column, text in values.items():
        if text.startswith("="):
            raise Rejected(
                _("the %(column)s cell holds a formula (%(formula)s): paste it as a value")
                % {"column": _column(column), "formula": text[:40]}
            )


def parse_row(values, finder):
    """The row as an account to save, and notes for the preview; Rejected otherwise, with
    every problem of the row at once (one round of corrections, not one per problem)."""
    _refuse_formulas(values)
    problems = []

    def attempt(parse, *args):
        try:
            return parse(*args)
        except Rejected as refusal:
            problems.append(str(refusal))
            return None

    role = attempt(parse_role, values["role"])
    username = attempt(parse_username, values["username"])
    email = attempt(parse_email, values["email"])
    agencies, notes = attempt(parse_agencies, values["agencies"], role, finder) or ((), [])
    if problems:
        raise Rejected("; ".join(problems))
    first_name, last_name = split_name(values["full_name"])
    return StaffRow(username, first_name, last_name, email, agencies, role), notes
