"""E-mails sent after workflow steps (after the transaction commits).

Coordinators hear of each submitted post; the author hears when it is published or returned,
by e-mail and, if they linked their LINE user ID on their account page, on LINE (sent by the
worker: LINE's back-off never holds up the coordinator). The messages are in Thai whatever
language the person acting was browsing in. Nobody is told of their own step, and a mail
server or LINE that fails never undoes the step: it is logged (a LINE message that could not
be delivered is a failed task in the admin).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from agencies import roles
from line import client as line
from line.models import user_id_of

from .workflow import Action, transition_committed

logger = logging.getLogger(__name__)


# Links in the e-mails: the site's own address (SITE_URL) and a reversed path, in the
# language that is active (Thai in transition_made).
def admin_url(activity):
    return settings.SITE_URL + reverse("admin:activities_activity_change", args=[activity.pk])


def staff_edit_url(activity):
    return settings.SITE_URL + reverse("staff:edit", args=[activity.pk])


def public_url(activity):
    return settings.SITE_URL + activity.get_absolute_url()


def coordinators():
    return roles.coordinators().exclude(email="")


def _reaches(user):
    return user is not None and user.is_active and bool(user.email)


def recipients_and_links(entry):
    """(recipients, template name, link) for one history entry; no recipients for the rest."""
    activity = entry.activity
    author = activity.created_by
    if entry.action == Action.SUBMIT:
        return list(coordinators()), "submitted", admin_url(activity)
    if entry.action == Action.PUBLISH:
        return [author] if _reaches(author) else [], "published", public_url(activity)
    if entry.action == Action.RETURN:
        return [author] if _reaches(author) else [], "returned", staff_edit_url(activity)
    return [], "", ""


def message(template, recipient, entry, url):
    context = {"recipient": recipient, "entry": entry, "activity": entry.activity, "url": url}
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    body = render_to_string(f"emails/{template}.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[recipient.email])


def line_text(entry, url):
    """The LINE message to the author of a published or returned post, or ""."""
    title = entry.activity.title
    if entry.action == Action.PUBLISH:
        return _("Your post “%(title)s” is published: %(url)s") % {"title": title, "url": url}
    if entry.action == Action.RETURN:
        return _(
            "Your post “%(title)s” was returned for changes:\n%(note)s\nEdit it here: %(url)s"
        ) % {"title": title, "note": entry.note, "url": url}
    return ""


def tell_author_on_line(entry):
    author = entry.activity.created_by
    if not line.enabled() or author.pk == entry.actor_id or not author.is_active:
        return
    to = user_id_of(author)
    if not to:
        return
    with translation.override("th"):
        _recipients, _template, url = recipients_and_links(entry)
        text = line_text(entry, url)
    if text:
        async_task("line.client.push_task", to, text, line.retry_key("transition", entry.pk, to))


@receiver(transition_committed)
def transition_made(entry, **signal):
    """Once per Transition, after its transaction commits."""
    try:
        tell_author_on_line(entry)
    except Exception:
        logger.exception("Could not queue the LINE message about %s", entry)
    with translation.override("th"):
        recipients, template, url = recipients_and_links(entry)
        messages = [
            message(template, user, entry, url) for user in recipients if user.pk != entry.actor_id
        ]
    if not messages:
        return
    try:
        get_connection().send_messages(messages)
    except Exception:
        logger.exception("Could not send the e-mails about %s", entry)
