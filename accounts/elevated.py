"""Accounts the coordinators' bulk tools (the staff import, moving staff between agencies)
leave alone: superusers and coordinators. Who may edit them one by one in the user admin is
the user admin's own rule; these tools must not become a side door around it.
"""

import copy

from agencies.roles import is_agency_staff, is_coordinator

COORDINATOR, STAFF = "coordinator", "staff"


def role_of(user):
    """ "coordinator" (superusers included), "staff" or "", even while the account is
    deactivated (a deactivated coordinator is one reactivation away from the powers)."""
    probe = copy.copy(user)
    probe.is_active = True  # the role questions answer False for inactive accounts
    if probe.is_superuser or is_coordinator(probe):
        return COORDINATOR
    return STAFF if is_agency_staff(probe) else ""


def is_elevated(user):
    return role_of(user) == COORDINATOR


def may_change_elevated(by):
    """`by` is the person at the admin, or None for the command line: whoever can run it
    has the server's shell and every power anyway."""
    return by is None or (by.is_active and by.is_superuser)
