import logging

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from core.proxy import client_address
from core.ratelimit import Limit

from . import set_password, staff_file

logger = logging.getLogger(__name__)

HOUR = 60 * 60
# Reset e-mails: a mailbox (shared office ones too) and an account each get at most 3 an
# hour, and one visitor may ask 20 times an hour; beyond that nothing is sent. The page
# says the same either way, so it never tells whether an address has an account.
EMAILS_PER_ADDRESS = Limit("reset-address", 3, HOUR)
EMAILS_PER_ACCOUNT = Limit("reset-account", 3, HOUR)
REQUESTS_PER_VISITOR = Limit("reset-visitor", 20, HOUR)


class ResetForm(PasswordResetForm):
    """The public "Forgotten your password?" form: sends the set-password e-mail, within
    the limits above.

    Also reaches invited staff who never set a password and lost their invitation: Django's
    form skips accounts without a usable password (meant for outside sign-in systems); here
    every account signs in with a password, so an unset one is just unset.
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

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # Django's templates and its Host-based link are left aside for our Thai e-mail.
        user = context["user"]
        if not (EMAILS_PER_ADDRESS.hit(user.email.casefold()) and EMAILS_PER_ACCOUNT.hit(user.pk)):
            logger.warning("Password reset e-mail not sent to user %s: hourly limit", user.pk)
            return
        try:
            set_password.send([user], set_password.ASKED)
        except Exception:  # the page says the same either way; the log tells the admins
            logger.exception("Could not send the password reset e-mail to user %s", user.pk)


class StaffListForm(forms.Form):
    """The upload: refused here, with the reason, unless it reads as a staff list."""

    file = forms.FileField(label=_("Staff list (Excel .xlsx or CSV)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("At most %(rows)s rows and %(size)d MB.") % {
            "rows": f"{staff_file.MAX_ROWS:,}",
            "size": staff_file.MAX_BYTES // (1024 * 1024),
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > staff_file.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB. Split the list into smaller files.")
                % {"size": staff_file.MAX_BYTES // (1024 * 1024)}
            )
        raw = upload.read()
        try:
            staff_file.read(raw, upload.name)
        except staff_file.UnreadableFile as error:
            raise forms.ValidationError(str(error)) from None
        return raw


class ConfirmImportForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)
    send_invitations = forms.BooleanField(
        label=_("E-mail the new accounts a link to choose their password"),
        required=False,
        initial=True,
    )
