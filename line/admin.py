"""LINE IDs are kept where coordinators already work: on the agency and the account pages."""

from django.contrib import admin

from agencies.admin import AgencyAdmin
from agencies.models import Agency

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


# The agencies app knows nothing of LINE: its admin gains the chats here.
admin.site.unregister(Agency)


@admin.register(Agency)
class AgencyWithChatsAdmin(AgencyAdmin):
    inlines = [*AgencyAdmin.inlines, AgencyChatInline]
