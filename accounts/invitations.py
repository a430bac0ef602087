"""The e-mail that lets a new account holder choose a password (the reset link, reworded)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def set_password_url(user):
    """An absolute link to Django's reset-confirm page, valid until the password changes
    (or PASSWORD_RESET_TIMEOUT passes)."""
    with translation.override("th"):
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    return settings.SITE_URL + path


def invitation(user):
    """The invitation as an unsent message, in Thai whatever language is active."""
    context = {
        "user": user,
        "url": set_password_url(user),
        "site_url": settings.SITE_URL,
        "site_name": urlsplit(settings.SITE_URL).netloc,
    }
    with translation.override("th"):
        subject = render_to_string("emails/invitation_subject.txt", context)
        body = render_to_string("emails/invitation.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[user.email])
