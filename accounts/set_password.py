"""The set-password e-mail: the one message that gives someone a link to choose a password.

Every door sends it through `send`: the invitation of a new account (the account admin,
the staff import), the admin's "Send a set-password e-mail" action and the public
"Forgotten your password?" form. It is in Thai whatever language the sender was using, and
its link is built with `reverse()` under SITE_URL (never from the request's Host header).
The link opens Django's reset-confirm page and works until the password changes or
PASSWORD_RESET_TIMEOUT passes.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

# Why the e-mail is sent; each has its own opening line (templates/emails/set_password.txt).
INVITED = "invited"  # a new account
SENT = "sent"  # a coordinator sent it from the admin
ASKED = "asked"  # someone asked on the public reset form


def link(user):
    """An absolute link to the reset-confirm page for `user`."""
    with translation.override("th"):
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    return settings.SITE_URL + path


def message(user, reason):
    """The e-mail as an unsent message."""
    context = {
        "user": user,
        "reason": reason,
        "url": link(user),
        "site_name": urlsplit(settings.SITE_URL).netloc,
    }
    with translation.override("th"):
        subject = render_to_string("emails/set_password_subject.txt", context)
        body = render_to_string("emails/set_password.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[user.email])


def send(users, reason):
    """E-mail each active user who has an address; return those e-mailed. A mail server
    that fails raises: each door says so in its own way."""
    reached = [user for user in users if user.is_active and user.email]
    if reached:
        get_connection().send_messages([message(user, reason) for user in reached])
    return reached
