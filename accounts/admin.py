"""Accounts in the admin: coordinators manage staff accounts, superusers manage everyone.

Which account a user may change is `agencies.roles.may_manage` / `manageable_by`; this
module applies it at every door of Django's user admin: the add and change forms (their
fields, the groups offered, what is saved), the password form, the list actions
(admin_actions.py), the agency inline and the group admin. Accounts are deactivated,
never deleted (PDPA: posts and their history keep pointing at their authors).
"""

import functools

from django import forms
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from agencies.models import Membership
from agencies.roles import grantable_groups, may_manage, role_label, staff_group
from core import thaidate
from line.admin import UserLinkInline

from . import set_password
from .admin_actions import deactivate, send_set_password_email
from .admin_turnover import NotSignedInFilter, move_to_agency

User = get_user_model()


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["agency", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["agency"]
    extra = 1

    # An account's agencies change with the account: read-only where the account is.
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and _may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _may_change(request, obj)


def _may_change(request, account):
    return account is None or may_manage(request.user, account)


class StaffAccountCreationForm(forms.ModelForm):
    """A coordinator's new account: no password (the holder chooses one from the e-mailed
    link), the staff group, and nothing else."""

    invite = forms.BooleanField(
        label=_("E-mail a link to choose a password"),
        help_text=_("The account has no password until its holder chooses one."),
        required=False,
        initial=True,
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("A user with that username already exists."))
        return username

    def save(self, commit=True):
        self.instance.set_unusable_password()
        return super().save(commit)


class StaffAccountForm(forms.ModelForm):
    """A coordinator's change form for a staff account; the groups offered are narrowed
    to grantable_groups by AccountAdmin."""

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "is_active", "groups"]


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(auth_admin.UserAdmin):
    """Staff accounts: agencies assigned inline; deactivated, never deleted."""

    inlines = [MembershipInline, UserLinkInline]
    list_display = [
        "username",
        "full_name",
        "email",
        "role",
        "agency_names",
        "last_login_shown",
        "post_count",
        "is_active",
    ]
    list_filter = ["is_active", NotSignedInFilter, "groups", "memberships__agency", "is_staff"]
    actions = [send_set_password_email, deactivate, move_to_agency]
    # What a coordinator sees and may post; superusers get Django's own forms.
    staff_add_fieldsets = [
        (None, {"fields": ["username", "first_name", "last_name", "email", "invite"]}),
    ]
    staff_fieldsets = [
        (None, {"fields": ["username"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Permissions"), {"fields": ["is_active", "groups"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(posts=Count("activities", distinct=True))
            .prefetch_related("groups", "memberships__agency")
        )

    # ---- who may change which account -----------------------------------------------
    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_fieldsets(request, obj)
        return self.staff_fieldsets if obj else self.staff_add_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["last_login", "date_joined"]

    def get_form(self, request, obj=None, **kwargs):
        if not request.user.is_superuser:
            kwargs["form"] = StaffAccountForm if obj else StaffAccountCreationForm
        return super().get_form(request, obj, **kwargs)

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = grantable_groups(request.user)
            if not request.user.is_superuser:  # one box to tick, not a two-list picker
                kwargs["widget"] = forms.CheckboxSelectMultiple
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups":
            field.label_from_instance = role_label
        return field

    def user_change_password(self, request, id, form_url=""):
        # Only a superuser sets a password for someone; others send the set-password e-mail.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            # Whatever was posted: admin access and superuser status stay as stored.
            stored = User.objects.filter(pk=obj.pk).first() if change else None
            obj.is_staff = stored.is_staff if stored else False
            obj.is_superuser = stored.is_superuser if stored else False
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        account = form.instance
        if not change and not request.user.is_superuser:
            account.groups.add(staff_group())
        # The last word, in the admin's transaction: the saved account must still be one
        # this user may manage (a coordinator never lifts an account above staff).
        if not may_manage(request.user, account):
            raise PermissionDenied
        if not change and form.cleaned_data.get("invite"):
            # After the commit; a mail server that fails is logged, the account stays saved
            # and the list's action sends the e-mail again.
            invite = functools.partial(set_password.send, [account], set_password.INVITED)
            transaction.on_commit(invite, robust=True)

    # ---- columns ---------------------------------------------------------------------
    @admin.display(description=_("name"))
    def full_name(self, user):
        return user.get_full_name()

    @admin.display(description=_("role"))
    def role(self, user):
        if user.is_superuser:
            return _("administrator")
        return ", ".join(role_label(g) for g in user.groups.all())

    @admin.display(description=_("agencies"))
    def agency_names(self, user):
        return ", ".join(m.agency.short_name for m in user.memberships.all())

    @admin.display(description=_("last login"), ordering="last_login")
    def last_login_shown(self, user):
        return thaidate.format_datetime(user.last_login, short=True) or "–"

    @admin.display(description=_("posts"), ordering="posts")
    def post_count(self, user):
        return user.posts


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(auth_admin.GroupAdmin):
    """A group is a bundle of permissions: only superusers make or change one (coordinators
    may look)."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
