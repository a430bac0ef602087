from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm


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
