"""The admin's forms for directory changes: each one calls its function in `history`."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import ThaiDateField
from core.text import normalize

from . import history
from .models import Agency


class DirectoryChangeForm(forms.Form):
    title = ""
    effective_on = ThaiDateField(
        label=_("Effective from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("The reason or the order it rests on, e.g. the act or the ministry's order."),
    )

    def __init__(self, agency, *args, **kwargs):
        self.agency = agency
        super().__init__(*args, **kwargs)
        self.fields["effective_on"].initial = timezone.localdate()
        for field in self.fields.values():
            if isinstance(field.widget, forms.TextInput):
                field.widget.attrs.setdefault("class", "vTextField")

    def clean(self):
        data = super().clean()
        return {k: normalize(v, multiline=False) for k, v in data.items()}

    def change(self, data, by):
        raise NotImplementedError

    def save(self, by):
        """Make the change; `history.ChangeRefused` says why it cannot be made."""
        return self.change(dict(self.cleaned_data), by)


class RenameForm(DirectoryChangeForm):
    title = _("Rename")
    name = forms.CharField(label=_("New name (Thai)"), max_length=200)
    name_en = forms.CharField(label=_("New name (English)"), max_length=200, required=False)
    abbreviation = forms.CharField(
        label=_("New abbreviation (Thai)"), max_length=40, required=False
    )
    typo = forms.BooleanField(
        label=_("Only a spelling correction"),
        required=False,
        help_text=_("The misspelt name is not kept as a former name."),
    )
    field_order = ["name", "name_en", "abbreviation", "effective_on", "note", "typo"]

    def __init__(self, agency, *args, **kwargs):
        super().__init__(agency, *args, **kwargs)
        for field in ("name", "name_en", "abbreviation"):
            self.fields[field].initial = getattr(agency, field)

    def change(self, data, by):
        return history.rename(self.agency, by=by, **data)


class MoveForm(DirectoryChangeForm):
    title = _("Move to another group or parent")
    group = forms.ChoiceField(label=_("Organisation group"), choices=Agency.Group.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=Agency.Kind.choices)
    parent = forms.ModelChoiceField(
        label=_("Parent agency"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("None (reports to the ministry)"),
    )
    field_order = ["group", "kind", "parent", "effective_on", "note"]

    def __init__(self, agency, *args, **kwargs):
        super().__init__(agency, *args, **kwargs)
        self.fields["parent"].queryset = Agency.objects.active().exclude(pk=agency.pk)
        self.fields["group"].initial = agency.group
        self.fields["kind"].initial = agency.kind
        self.fields["parent"].initial = agency.parent_id

    def change(self, data, by):
        return history.move(self.agency, by=by, **data)


class MergeForm(DirectoryChangeForm):
    title = _("Merge into another agency")
    into = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Agency.objects.none(),
        help_text=_(
            "Its posts, partner links, staff and reminders move there; its names stay "
            "searchable; it is retired. This cannot be undone."
        ),
    )
    field_order = ["into", "effective_on", "note"]

    def __init__(self, agency, *args, **kwargs):
        super().__init__(agency, *args, **kwargs)
        self.fields["into"].queryset = Agency.objects.active().exclude(pk=agency.pk)

    def change(self, data, by):
        return history.merge(self.agency, by=by, **data)


class RetireForm(DirectoryChangeForm):
    title = _("Retire")

    def change(self, data, by):
        return history.retire(self.agency, by=by, **data)


CHANGE_FORMS = {"rename": RenameForm, "move": MoveForm, "merge": MergeForm, "retire": RetireForm}
