"""The user list's e-mail and deactivate actions: each acts only on the accounts the
user may manage (`agencies.roles.manageable_by`) and says which it left alone."""

import logging

from django.contrib import admin, messages
from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agencies.roles import manageable_by

from . import set_password

logger = logging.getLogger(__name__)


def _manageable(modeladmin, request, queryset):
    allowed = manageable_by(request.user, queryset)
    for account in queryset.exclude(pk__in=allowed.values("pk")):
        modeladmin.message_user(
            request,
            _("%(user)s: only a superuser can change this account.") % {"user": account},
            messages.WARNING,
        )
    return allowed


@admin.action(description=_("Send a set-password e-mail"), permissions=["change"])
def send_set_password_email(modeladmin, request, queryset):
    sent = 0
    for user in _manageable(modeladmin, request, queryset):
        if not (user.is_active and user.email):
            modeladmin.message_user(
                request,
                _("%(user)s has no e-mail address or is inactive.") % {"user": user},
                messages.WARNING,
            )
            continue
        try:
            set_password.send([user], set_password.SENT)
        except NoReverseMatch:
            modeladmin.message_user(
                request, _("The set-password pages are not installed."), messages.ERROR
            )
            return
        except Exception:
            logger.exception("Could not send the set-password e-mail to user %s", user.pk)
            modeladmin.message_user(
                request,
                _("The e-mail to %(user)s could not be sent. Try again later.") % {"user": user},
                messages.ERROR,
            )
            continue
        modeladmin.log_change(request, user, str(_("Sent a set-password e-mail")))
        sent += 1
    if sent:
        modeladmin.message_user(
            request,
            ngettext("Sent %(count)d e-mail.", "Sent %(count)d e-mails.", sent) % {"count": sent},
            messages.SUCCESS,
        )


@admin.action(description=_("Deactivate the accounts"), permissions=["change"])
def deactivate(modeladmin, request, queryset):
    manageable = _manageable(modeladmin, request, queryset)
    users = list(manageable.filter(is_active=True).exclude(pk=request.user.pk))
    for user in users:
        user.is_active = False
        user.save(update_fields=["is_active"])
        modeladmin.log_change(request, user, str(_("Deactivated")))
    modeladmin.message_user(
        request,
        ngettext("Deactivated %(count)d account.", "Deactivated %(count)d accounts.", len(users))
        % {"count": len(users)},
        messages.SUCCESS,
    )
