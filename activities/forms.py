"""The staff's forms: a post with its new photos, the rows of its stored photos, list filters."""

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Province
from agencies.roles import agency_ids_of, is_coordinator
from core.forms import ThaiDateField
from core.thaidate import BE_OFFSET, format_date, format_month

from . import credits, photos
from .models import Activity, ActivityType, Photo
from .workflow import Status

# Phones offer their photo library for these; ".heic" makes iPhones send HEIC untouched.
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Any number of files; each is checked by the photo pipeline, which names the file
    it refuses, so this field only collects them."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": PHOTO_ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [f for f in files if f]


def photo_rules():
    return gettext(
        "Up to %(count)d photos a post, each at most %(mb)d MB and %(mp)d megapixels. "
        "Accepted: %(formats)s (iPhone photos too). Large photos are made smaller for you."
    ) % {
        "count": Photo.MAX_PER_ACTIVITY,
        "mb": photos.MAX_BYTES // 1024 // 1024,
        "mp": photos.MAX_PIXELS // 1_000_000,
        "formats": photos.ACCEPTED_LABEL,
    }


def agency_choices(user, activity=None):
    """The agencies a user may name on a post, as (lead, partners): as lead, their own
    agencies (any active agency for coordinators); as partners, any active agency. What the
    post names already stays choosable, so closing an agency never blocks its old posts."""
    if is_coordinator(user):
        lead = Agency.objects.active()
    else:
        lead = Agency.objects.filter(pk__in=agency_ids_of(user))
    partners = Agency.objects.active()
    if activity is not None and activity.pk:
        lead |= Agency.objects.filter(pk=activity.agency_id)
        partners |= Agency.objects.filter(pk__in=activity.partners.values("pk"))
    return lead, partners


class AgencyChoices:
    """Limits a post form's agency fields to agency_choices(self.user, the post). The
    staff form and the admin's both use it; a forged id is refused by the field itself."""

    user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lead, partners = agency_choices(self.user, self.instance)
        if "agency" in self.fields:  # absent from the admin's read-only page
            self.fields["agency"].queryset = lead
            self.fields["partners"].queryset = partners


def upload_context(activity=None):
    """What upload.js needs to send photos one by one: where the next goes, the limit, and
    its messages (in the page's language)."""
    stored = list(activity.photos.values_list("order", flat=True)) if activity else []
    return {
        "next_order": max(stored) + 1 if stored else 0,
        "count": len(stored),
        "limit": Photo.MAX_PER_ACTIVITY,
        "role_words": {role: "|".join(words) for role, words in credits.ROLE_WORDS.items()},
        "texts": {
            "waiting": gettext("Waiting to be sent"),
            "preparing": gettext("Making the photo smaller…"),
            "sending": gettext("Sending…"),
            "sent": gettext("Added to the post"),
            "retrying": gettext("The connection dropped; trying again in a moment…"),
            "failed": gettext("Not sent: the connection dropped."),
            "retry": gettext("Try again"),
            "remove": gettext("Remove"),
            "heic": gettext("iPhone photo (HEIC): converted on the server, previewed once sent."),
            "tooMany": gettext("Not added: a post can have at most %(limit)d photos.")
            % {"limit": Photo.MAX_PER_ACTIVITY},
            "progress": gettext("%(done)s of %(total)s photos sent."),
            "problems": gettext("%(count)s photos need your attention (see below)."),
            "wait": gettext(
                "Some photos are still being sent or failed: wait for them, press “Try again” "
                "or remove them, then save again."
            ),
            "chooseAgency": gettext("Choose the agency first: the photos are sent right after."),
            "autosaved": gettext("Draft saved on the server."),
        },
    }


class ActivityForm(AgencyChoices, forms.ModelForm):
    new_photos = MultiplePhotoField(label=_("Add photos"))

    class Meta:
        model = Activity
        fields = [
            "agency",
            "partners",
            "title",
            "activity_type",
            "start_date",
            "end_date",
            "venue",
            "province",
            "participants",
            "volunteer_hours",
            "body",
            "news_credit",
            "photo_credit",
            "tags",
            "consent_confirmed",
            "minors_pictured",
        ]
        field_classes = {"start_date": ThaiDateField, "end_date": ThaiDateField}
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "participants": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
            "volunteer_hours": forms.NumberInput(attrs={"inputmode": "decimal", "min": 0}),
            "partners": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user, submitting=False, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        agencies = list(self.fields["agency"].queryset[:2])
        if len(agencies) == 1 and not self.instance.pk:
            self.fields["agency"].initial = agencies[0].pk
        self.fields["activity_type"].queryset = ActivityType.objects.active()
        self.fields["province"].queryset = Province.objects.all()
        for name in ("start_date", "end_date"):
            self.fields[name].widget.bounds = Activity.date_bounds()
        self._explain()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def _explain(self):
        fields = self.fields
        fields["partners"].help_text = gettext(
            "Other agencies that took part; the post appears on their pages too. "
            "Hold Ctrl (or ⌘) to choose several on a computer."
        )
        earliest, latest = Activity.date_bounds()
        fields["start_date"].help_text = gettext(
            "Day, month and year, e.g. %(example)s; between %(earliest)s and %(latest)s."
        ) % {
            "example": format_date(datetime.date(2022, 7, 21)),
            "earliest": format_date(earliest),
            "latest": format_date(latest),
        }
        fields["news_credit"].help_text = gettext(
            "The name of who wrote the news, e.g. อานนท์ วิชานนท์; several names with commas. "
            "The site adds “/ ข่าว” itself."
        )
        fields["photo_credit"].help_text = gettext(
            "The name of who took the photos; several names with commas. "
            "The site adds “/ ภาพ” itself."
        )
        fields["consent_confirmed"].help_text = gettext(
            "Required before submitting: everyone recognisable in the photos agreed."
        )
        fields["minors_pictured"].help_text = gettext(
            "Tick if children appear; the coordinators check such photos with extra care."
        )
        fields["new_photos"].help_text = photo_rules()

    def clean_news_credit(self):
        return credits.names_only(self.cleaned_data["news_credit"], credits.NEWS)

    def clean_photo_credit(self):
        return credits.names_only(self.cleaned_data["photo_credit"], credits.PHOTOS)

    def credit_previews(self):
        """Each credit field's text as the pages will show it, under the field."""
        roles = {"news_credit": credits.NEWS, "photo_credit": credits.PHOTOS}
        return {name: credits.line(self[name].value(), role) for name, role in roles.items()}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", gettext("The end date cannot be before the start date."))
        if self.submitting and not data.get("consent_confirmed"):
            self.add_error(
                "consent_confirmed",
                gettext("Confirm that the people pictured agreed before submitting."),
            )
        return data


class DraftForm(ActivityForm):
    """The text of a post being written, saved in the background by upload.js: nothing is
    required yet but the agency, and fields named in `skip` are left as they are."""

    def __init__(self, *args, skip=(), **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["new_photos"]
        for name in skip:
            self.fields.pop(name, None)
        for name, field in self.fields.items():
            field.required = name == "agency"


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["caption", "alt_text", "order"]
        widgets = {"order": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"})}


class BasePhotoFormSet(forms.BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"


# Photos arrive only through the upload field: rows edit the stored photos, and a row added
# by raising photos-TOTAL_FORMS by hand is ignored (edit_only), never saved as a photo.
PhotoFormSet = forms.modelformset_factory(
    Photo, form=PhotoForm, formset=BasePhotoFormSet, extra=0, can_delete=True, edit_only=True
)


def photo_rows(activity, data=None):
    return PhotoFormSet(data, queryset=activity.photos.all(), prefix="photos")


class CoverForm(forms.Form):
    cover = forms.ModelChoiceField(queryset=Photo.objects.none(), required=False)

    def __init__(self, activity, data=None):
        super().__init__(data)
        self.fields["cover"].queryset = activity.photos.all()


def month_value(day):
    """Months travel in the URL in the Buddhist era, like the years in the public filters."""
    return f"{day.year + BE_OFFSET}-{day.month:02d}"


class StaffListFilter(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + Status.choices
    )
    month = forms.ChoiceField(label=_("Month"), required=False)

    def __init__(self, data, queryset):
        super().__init__(data)
        months = queryset.dates("start_date", "month", order="DESC")
        self.fields["month"].choices = [("", _("All months"))] + [
            (month_value(m), format_month(m.year, m.month)) for m in months
        ]

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        if status := self.cleaned_data["status"]:
            queryset = queryset.filter(status=status)
        if month := self.cleaned_data["month"]:
            year, number = (int(part) for part in month.split("-"))
            queryset = queryset.filter(start_date__year=year - BE_OFFSET, start_date__month=number)
        return queryset
