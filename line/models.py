"""Who the ministry's LINE Official Account talks to: agencies' chats and linked people."""

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import normalize

# The Messaging API's IDs: U (a person), C (a group chat), R (a multi-person chat), then 32
# lowercase hexadecimal digits. Not the "LINE ID" people choose for themselves.
CHAT_ID = RegexValidator(
    r"\A[UCR][0-9a-f]{32}\Z",
    _(
        "Enter the ID the LINE Official Account gave: U, C or R followed by 32 characters "
        "0–9 and a–f (not the LINE ID people choose)."
    ),
)
USER_ID = RegexValidator(
    r"\AU[0-9a-f]{32}\Z",
    _(
        "Enter the user ID the LINE Official Account sent you: U followed by 32 characters "
        "0–9 and a–f (not the LINE ID you chose)."
    ),
)


def clean_line_id(value):
    """Pasted from a LINE chat: spaces, line breaks and invisible characters are dropped."""
    return "".join(normalize(value).split()) if value else value


class LineIdFormField(forms.CharField):
    def to_python(self, value):
        return clean_line_id(super().to_python(value))


class LineIdField(models.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 33)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return clean_line_id(super().to_python(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": LineIdFormField, **kwargs})


class AgencyChat(models.Model):
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.CASCADE,
        related_name="line_chats",
    )
    chat_id = LineIdField(_("LINE group or user ID"), validators=[CHAT_ID])
    label = models.CharField(
        _("name"), max_length=100, blank=True, help_text=_("e.g. the agency's staff group")
    )
    is_active = models.BooleanField(_("send reminders here"), default=True)

    class Meta:
        verbose_name = _("LINE chat")
        verbose_name_plural = _("LINE chats")
        constraints = [
            models.UniqueConstraint(fields=["agency", "chat_id"], name="one_chat_per_agency_id")
        ]

    def __str__(self):
        return self.label or self.chat_id


class UserLink(models.Model):
    """A person's LINE user ID: they hear of their posts there too."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="line_link",
    )
    line_user_id = LineIdField(_("LINE user ID"), validators=[USER_ID], blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("LINE account")
        verbose_name_plural = _("LINE accounts")

    def __str__(self):
        return self.line_user_id


def user_id_of(user):
    """The LINE user ID a person linked, or ""."""
    link = UserLink.objects.filter(user=user).values_list("line_user_id", flat=True).first()
    return link or ""
