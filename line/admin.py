"""LINE IDs are kept where coordinators already work: on the agency and the account pages."""

from django.contrib import admin

from .models import AgencyChat, UserLink


class AgencyChatInline(admin.TabularInline):
    model = AgencyChat
    fields = ["chat_id", "label", "is_active"]
    extra = 0


class UserLinkInline(admin.StackedInline):
    model = UserLink
    fields = ["line_user_id"]
    can_delete = False
    extra = 0
    max_num = 1
