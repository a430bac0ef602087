from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from . import staff_file


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
