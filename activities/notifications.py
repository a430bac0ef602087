"""E-mails sent after workflow steps (after the transaction commits).

Coordinators hear of each submitted post; the author hears when it is published or returned.
"""


def transition_made(entry):
    """Called once per Transition; the staff-pages work fills in the e-mails."""
