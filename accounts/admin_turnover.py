"""The staff-turnover pieces of the user admin (accounts.admin.AccountAdmin lists them):
a filter for accounts that stopped signing in, and an action moving people to another
agency. The admin's own deactivate action retires the accounts the filter finds."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agencies.models import Agency
from agencies.roles import may_manage

from . import turnover


class NotSignedInFilter(admin.SimpleListFilter):
    """`?away=N` for any N months (1–120), the common ones listed."""

    title = gettext_lazy("not signed in for")
    parameter_name = "away"

    def lookups(self, request, model_admin):
        return [
            ("3", gettext_lazy("3 months")),
            ("6", gettext_lazy("6 months")),
            ("12", gettext_lazy("a year")),
            ("24", gettext_lazy("2 years")),
            ("never", gettext_lazy("never signed in")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "never":
            return turnover.never_signed_in(queryset)
        if value and value.isdigit() and 1 <= int(value) <= 120:
            return turnover.not_signed_in_for(queryset, int(value))
        return queryset


class MoveForm(forms.Form):
    to = forms.ModelChoiceField(label=gettext_lazy("Move to"), queryset=Agency.objects.none())
    leaving = forms.ModelChoiceField(
        label=gettext_lazy("Leaving"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=gettext_lazy("All their agencies"),
    )

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = Agency.objects.active()
        self.fields["leaving"].queryset = Agency.objects.filter(
            memberships__user__in=users
        ).distinct()


@admin.action(description=gettext_lazy("Move to another agency"), permissions=["change"])
def move_to_agency(modeladmin, request, queryset):
    users = list(queryset)
    form = MoveForm(request.POST if "apply" in request.POST else None, users=users)
    if not form.is_valid():
        context = {
            **modeladmin.admin_site.each_context(request),
            "title": _("Move to another agency"),
            "opts": modeladmin.opts,
            "users": users,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/accounts/move_to_agency.html", context)
    to, leaving = form.cleaned_data["to"], form.cleaned_data["leaving"]
    moved = 0
    for user in users:
        if not may_manage(request.user, user):
            modeladmin.message_user(
                request,
                _("%(user)s is a coordinator or administrator and was not moved.") % {"user": user},
                messages.WARNING,
            )
            continue
        left = turnover.move(user, to=to, leaving=leaving)
        modeladmin.log_change(
            request,
            user,
            _("Moved from %(left)s to %(to)s")
            % {"left": ", ".join(a.short_name for a in left) or "–", "to": to.short_name},
        )
        moved += 1
    modeladmin.message_user(
        request,
        ngettext("Moved %(count)d person to %(to)s.", "Moved %(count)d people to %(to)s.", moved)
        % {"count": moved, "to": to.short_name},
        messages.SUCCESS,
    )
    return None
