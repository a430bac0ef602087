"""Accounts the coordinators' bulk tools (the staff import, moving staff between agencies)
leave alone: superusers and coordinators. Who may edit them one by one in the user admin is
the user admin's own rule; these tools must not become a side door around it.
"""

import copy

from agencies.roles import is_coordinator


def is_elevated(user):
    """A superuser or a coordinator, even while deactivated (a deactivated coordinator is
    one reactivation away from the coordinator's powers)."""
    if user.is_superuser:
        return True
    probe = copy.copy(user)
    probe.is_active = True  # the role questions answer False for inactive accounts
    return is_coordinator(probe)


def may_change_elevated(by):
    """`by` is the person at the admin, or None for the command line: whoever can run it
    has the server's shell and every power anyway."""
    return by is None or (by.is_active and by.is_superuser)
