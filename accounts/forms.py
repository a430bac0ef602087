import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm

from jitarsa.proxy import client_address
from jitarsa.ratelimit import Limit

logger = logging.getLogger(__name__)

HOUR = 60 * 60
# Reset e-mails: a mailbox (shared office ones too) and an account each get at most 3 an
# hour, and one visitor may ask 20 times an hour; beyond that nothing is sent. The page
# says the same either way, so it never tells whether an address has an account.
EMAILS_PER_ADDRESS = Limit("reset-address", 3, HOUR)
EMAILS_PER_ACCOUNT = Limit("reset-account", 3, HOUR)
REQUESTS_PER_VISITOR = Limit("reset-visitor", 20, HOUR)


class ResetForm(PasswordResetForm):
    """Also reaches invited staff who never set a password and lost their invitation.

    Django's form skips accounts without a usable password (meant for outside sign-in
    systems); here every account signs in with a password, so an unset one is just unset.
    """

    def get_users(self, email):
        email_field = get_user_model().get_email_field_name()
        return get_user_model()._default_manager.filter(
            **{f"{email_field}__iexact": email, "is_active": True}
        )

    def save(self, *args, request=None, **kwargs):
        if request is not None and not REQUESTS_PER_VISITOR.hit(client_address(request)):
            logger.warning("Password reset refused: too many requests from one address")
            return
        super().save(*args, request=request, **kwargs)

    def send_mail(self, subject, body, context, from_email, to_email, *args, **kwargs):
        user = context["user"]
        if EMAILS_PER_ADDRESS.hit(to_email.casefold()) and EMAILS_PER_ACCOUNT.hit(user.pk):
            super().send_mail(subject, body, context, from_email, to_email, *args, **kwargs)
        else:
            logger.warning("Password reset e-mail not sent to user %s: hourly limit", user.pk)
