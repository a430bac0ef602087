"""The review workflow of an activity post.

    draft ─submit→ submitted ─publish→ published ─unpublish→ unpublished
                       │  ↑                                      │
                return │  │ submit                        publish│ (again)
                       ↓  │                                      ↓
                     returned                                published

Every step checks who may take it and from which state, changes the status and writes a
Transition, all in one transaction, under a row lock. These functions are the only way a
post changes state: the staff views and the admin call them the same way,
`workflow.publish(activity, by=user)`, and nothing else sets `status`. A step saves only the
fields it owns (`update_fields`), so an instance loaded before someone else's edit never
writes its stale text back. The log line and the `transition_committed` signal follow the
commit; notifications.py listens to it and sends the e-mails (so this module imports none).
"""

import logging

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.roles import is_coordinator

logger = logging.getLogger(__name__)

# Sent once per Transition (entry=), after its transaction commits.
transition_committed = Signal()


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("waiting for review")
    RETURNED = "returned", _("returned for changes")
    PUBLISHED = "published", _("published")
    UNPUBLISHED = "unpublished", _("unpublished")


# Staff may change a post only in these states; everything else goes through review.
EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)


class Action(models.TextChoices):
    CREATE = "create", _("created")
    SUBMIT = "submit", _("submitted for review")
    PUBLISH = "publish", _("published")
    RETURN = "return", _("returned to the author")
    UNPUBLISH = "unpublish", _("unpublished")
    FEATURE = "feature", _("featured on the home page")
    UNFEATURE = "unfeature", _("removed from the home page")
    ARCHIVE = "archive", _("archived")
    RESTORE = "restore", _("restored")


class TransitionNotAllowed(Exception):
    """The post is not in a state from which this step can be taken."""


def _check_state(activity, allowed, message):
    if activity.status not in allowed:
        raise TransitionNotAllowed(message)
    if activity.archived_at:
        raise TransitionNotAllowed(_("This post is archived. Restore it first."))


def _require_coordinator(user):
    if not is_coordinator(user):
        raise PermissionDenied(_("Only coordinators can do this."))


@transaction.atomic
def _move(activity, by, action, to_status, note="", **fields):
    from_status = activity.status
    activity.status = to_status
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.save(update_fields=["status", *fields, "updated_at"])
    entry = activity.transitions.create(
        actor=by, action=action, from_status=from_status, to_status=to_status, note=note
    )
    transaction.on_commit(lambda: _log(entry))
    transaction.on_commit(lambda: transition_committed.send(sender=type(entry), entry=entry))
    return entry


def _log(entry):
    logger.info(
        "%s post=%s by=%s (user %s) %s->%s",
        entry.action,
        entry.activity_id,
        entry.actor.get_username(),
        entry.actor_id,
        entry.from_status,
        entry.to_status,
    )


def _lock(activity):
    """Re-read the post under a row lock: two reviewers cannot act on it at once, and an
    instance loaded earlier decides (and e-mails) from what is stored now."""
    activity.refresh_from_db(from_queryset=type(activity).objects.select_for_update())


def record_creation(activity, *, by):
    """The first entry of a new post's history: it starts as a draft (no one is told)."""
    return activity.transitions.create(
        actor=by, action=Action.CREATE, from_status=Status.DRAFT, to_status=Status.DRAFT
    )


def submit(activity, *, by):
    """Send a draft or returned post for review: its agencies' staff, or a coordinator."""
    with transaction.atomic():
        _lock(activity)
        _check_state(
            activity,
            EDITABLE_STATUSES,
            _("Only a draft or a returned post can be submitted for review."),
        )
        if not type(activity).objects.editable_by(by).filter(pk=activity.pk).exists():
            raise PermissionDenied(_("You can submit only your own agency's posts."))
        if missing := activity.missing_for_review():
            raise TransitionNotAllowed(
                _("Fill in before submitting: %(fields)s.") % {"fields": ", ".join(missing)}
            )
        return _move(activity, by, Action.SUBMIT, Status.SUBMITTED, submitted_at=timezone.now())


def publish(activity, *, by):
    _require_coordinator(by)
    with transaction.atomic():
        _lock(activity)
        _check_state(
            activity,
            (Status.SUBMITTED, Status.UNPUBLISHED),
            _("Only a post waiting for review (or unpublished) can be published."),
        )
        return _move(
            activity,
            by,
            Action.PUBLISH,
            Status.PUBLISHED,
            published_at=activity.published_at or timezone.now(),
            review_note="",
        )


def return_to_author(activity, *, by, note):
    _require_coordinator(by)
    note = (note or "").strip()
    if not note:
        raise TransitionNotAllowed(_("Write a note telling the author what to change."))
    with transaction.atomic():
        _lock(activity)
        _check_state(
            activity, (Status.SUBMITTED,), _("Only a post waiting for review can be returned.")
        )
        return _move(activity, by, Action.RETURN, Status.RETURNED, note=note, review_note=note)


def unpublish(activity, *, by, note=""):
    _require_coordinator(by)
    with transaction.atomic():
        _lock(activity)
        _check_state(activity, (Status.PUBLISHED,), _("Only a published post can be unpublished."))
        return _move(
            activity, by, Action.UNPUBLISH, Status.UNPUBLISHED, note=note, is_featured=False
        )


def set_featured(activity, *, by, featured=True):
    _require_coordinator(by)
    with transaction.atomic():
        _lock(activity)
        if featured:
            _check_state(activity, (Status.PUBLISHED,), _("Only a published post can be featured."))
        action = Action.FEATURE if featured else Action.UNFEATURE
        return _move(activity, by, action, activity.status, is_featured=featured)


def archive(activity, *, by):
    """A coordinator's delete: the post disappears everywhere but can be restored."""
    _require_coordinator(by)
    with transaction.atomic():
        _lock(activity)
        if activity.archived_at:
            raise TransitionNotAllowed(_("This post is already archived."))
        return _move(
            activity,
            by,
            Action.ARCHIVE,
            activity.status,
            archived_at=timezone.now(),
            is_featured=False,
        )


def restore(activity, *, by):
    _require_coordinator(by)
    with transaction.atomic():
        _lock(activity)
        if not activity.archived_at:
            raise TransitionNotAllowed(_("This post is not archived."))
        return _move(activity, by, Action.RESTORE, activity.status, archived_at=None)
