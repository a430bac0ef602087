"""A post's photos and history, shown on its change page."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Photo, Transition
from .columns import thumbnail


class PhotoFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        covers = [
            f
            for f in self.forms
            if f.cleaned_data.get("is_cover") and not f.cleaned_data.get("DELETE")
        ]
        if len(covers) > 1:
            raise forms.ValidationError(_("Choose only one cover photo."))


class PhotoInline(admin.TabularInline):
    model = Photo
    formset = PhotoFormSet
    fields = ["thumbnail", "caption", "alt_text", "order", "is_cover", "is_hidden"]
    readonly_fields = ["thumbnail"]
    extra = 0
    # Photos arrive through the staff pages' pipeline; a coordinator hides rather than deletes.
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("photo"))
    def thumbnail(self, photo):
        return thumbnail(photo)


class TransitionInline(admin.TabularInline):
    model = Transition
    fields = ["created_at", "actor", "action", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")
