from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.models import User
from django.db.models import Count
from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from jitarsa import thaidate
from line.admin import AgencyChatInline, UserLinkInline

from .models import Agency, Membership, Province
from .roles import ROLE_LABELS


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "name_en", "slug"]
    ordering = ["name"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "abbreviation",
        "slug",
        "kind",
        "group",
        "region",
        "province",
        "is_active",
    ]
    list_filter = ["is_active", "kind", "group", "region", "province"]
    list_editable = ["is_active"]
    search_fields = ["name", "name_en", "abbreviation", "slug"]
    autocomplete_fields = ["parent", "province"]
    list_select_related = ["province"]
    list_per_page = 50
    inlines = [AgencyChatInline]
    fieldsets = [
        (None, {"fields": ["name", "name_en", "abbreviation", "slug"]}),
        (None, {"fields": ["kind", "group", "parent", "region", "province"]}),
        (None, {"fields": ["email", "phone", "website"]}),
        (None, {"fields": ["is_active", "order"]}),
    ]

    def has_delete_permission(self, request, obj=None):
        # Agencies are deactivated, never deleted: their posts and history must stay attributable.
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["agency", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["agency"]
    extra = 1


class SetPasswordEmailForm(PasswordResetForm):
    """Django's reset e-mail, sent to one chosen account even before it has a password."""

    def __init__(self, user):
        super().__init__(data={"email": user.email})
        self.user = user
        self.full_clean()

    def get_users(self, email):
        return [self.user] if self.user.is_active and self.user.email else []


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Staff accounts: agencies assigned inline; deactivated, never deleted (PDPA)."""

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
    list_filter = ["is_active", "groups", "memberships__agency", "is_staff"]
    actions = ["send_set_password_email", "deactivate"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(posts=Count("activities", distinct=True))
            .prefetch_related("groups", "memberships__agency")
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("name"))
    def full_name(self, user):
        return user.get_full_name()

    @admin.display(description=_("role"))
    def role(self, user):
        if user.is_superuser:
            return _("administrator")
        names = [ROLE_LABELS.get(g.name, g.name) for g in user.groups.all()]
        return ", ".join(str(n) for n in names)

    @admin.display(description=_("agencies"))
    def agency_names(self, user):
        return ", ".join(m.agency.short_name for m in user.memberships.all())

    @admin.display(description=_("last login"), ordering="last_login")
    def last_login_shown(self, user):
        return thaidate.format_datetime(user.last_login, short=True) or "–"

    @admin.display(description=_("posts"), ordering="posts")
    def post_count(self, user):
        return user.posts

    @admin.action(description=_("Send a set-password e-mail"), permissions=["change"])
    def send_set_password_email(self, request, queryset):
        sent = 0
        for user in queryset:
            if not (user.is_active and user.email):
                self.message_user(
                    request,
                    _("%(user)s has no e-mail address or is inactive.") % {"user": user},
                    messages.WARNING,
                )
                continue
            try:
                SetPasswordEmailForm(user).save(request=request, use_https=request.is_secure())
            except NoReverseMatch:
                self.message_user(
                    request, _("The set-password pages are not installed."), messages.ERROR
                )
                return
            self.log_change(request, user, str(_("Sent a set-password e-mail")))
            sent += 1
        if sent:
            self.message_user(
                request,
                ngettext("Sent %(count)d e-mail.", "Sent %(count)d e-mails.", sent)
                % {"count": sent},
                messages.SUCCESS,
            )

    @admin.action(description=_("Deactivate the accounts"), permissions=["change"])
    def deactivate(self, request, queryset):
        users = list(queryset.filter(is_active=True).exclude(pk=request.user.pk))
        for user in users:
            user.is_active = False
            user.save(update_fields=["is_active"])
            self.log_change(request, user, str(_("Deactivated")))
        self.message_user(
            request,
            ngettext(
                "Deactivated %(count)d account.", "Deactivated %(count)d accounts.", len(users)
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )
