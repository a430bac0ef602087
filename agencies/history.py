"""Directory changes with history, and the directory as it was on a given day.

Every change (rename, move, merge, retire, reactivate) locks the agency, checks it, saves
it and writes an `AgencyChange`, in one transaction. Slugs never change: web addresses,
old links and the staff import keep working. A rename keeps the old names as `FormerName`
rows, so search and the import still find them and reports show the name of the time.

`as_of(day)` answers "what was this agency called, and in which group, on that day?" from
those records: a former name applies before its `replaced_on`; a move's `before` values
apply before its `effective_on`.

Over 300 lines on purpose: the changes that write the records and `as_of` that reads them
back share one format (NAME_FIELDS, the `before`/`after` keys), so one module owns it; a
merge's repointing of other apps' rows is in repointing.py.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from core import thaidate
from core.language import is_english

from .models import Agency, AgencyChange, FormerName
from .repointing import repoint

# Sent inside the merge's transaction once every row pointing at the old agency points at
# the new one, for apps that must tidy what became redundant (a post led by and partnered
# with the same agency). Arguments: agency, into.
agency_merged = Signal()

NAME_FIELDS = {
    "name": FormerName.Form.NAME,
    "name_en": FormerName.Form.NAME_EN,
    "abbreviation": FormerName.Form.ABBREVIATION,
}
PLACE_FIELDS = ("kind", "group", "parent")


class ChangeRefused(ValidationError):
    """A directory change that cannot be made; the message says why."""


def _locked(agency):
    return Agency.objects.select_for_update().get(pk=agency.pk)


def _check_date(day):
    if day > timezone.localdate():
        raise ChangeRefused(_("The date a change takes effect cannot be in the future."))


def _record(agency, kind, by, effective_on, *, before=None, after=None, other=None, note=""):
    return AgencyChange.objects.create(
        agency=agency,
        kind=kind,
        effective_on=effective_on,
        before=before or {},
        after=after or {},
        other=other,
        note=note,
        changed_by=by,
    )


def _validate(agency):
    try:
        agency.full_clean()
    except ValidationError as error:
        raise ChangeRefused(error.messages) from None


def _require_active(agency):
    if not agency.is_active:
        raise ChangeRefused(_("%(agency)s is retired.") % {"agency": agency.name})


def rename(agency, *, by, effective_on, name, name_en="", abbreviation="", note="", typo=False):
    """Give the agency a new name from `effective_on`; the old names stay findable.

    `typo=True` corrects a misspelt name: the change is recorded but the wrong spelling is
    not kept as a former name.
    """
    _check_date(effective_on)
    with transaction.atomic():
        agency = _locked(agency)
        wanted = {"name": name, "name_en": name_en, "abbreviation": abbreviation}
        changed = {f: v for f, v in wanted.items() if getattr(agency, f) != v}
        if not changed:
            raise ChangeRefused(_("The new name is the same as the current one."))
        latest = agency.former_names.filter(merged_from=None).order_by("-replaced_on").first()
        if latest and effective_on < latest.replaced_on:
            raise ChangeRefused(
                _("It was renamed on %(date)s; a later rename cannot take effect earlier.")
                % {"date": thaidate.format_date(latest.replaced_on)}
            )
        before = {f: getattr(agency, f) for f in changed}
        if not typo:
            for field_name, old in before.items():
                if old:
                    FormerName.objects.get_or_create(
                        agency=agency,
                        text=old,
                        form=NAME_FIELDS[field_name],
                        replaced_on=effective_on,
                        merged_from=None,
                    )
        for field_name, value in changed.items():
            setattr(agency, field_name, value)
        _validate(agency)
        agency.save(update_fields=list(changed))
        _record(
            agency,
            AgencyChange.Kind.RENAMED,
            by,
            effective_on,
            before=before,
            after=changed,
            note=note,
        )
    return agency


def _place(agency):
    return {
        "kind": agency.kind,
        "group": agency.group,
        "parent": agency.parent.slug if agency.parent_id else None,
    }


def move(agency, *, by, effective_on, kind, group, parent=None, note=""):
    """Put the agency in another group, kind or under another parent from `effective_on`."""
    _check_date(effective_on)
    with transaction.atomic():
        agency = _locked(agency)
        _require_active(agency)
        if parent is not None:
            _require_active(parent)
        before = _place(agency)
        agency.kind, agency.group, agency.parent = kind, group, parent
        after = _place(agency)
        if before == after:
            raise ChangeRefused(_("Nothing would change."))
        _validate(agency)
        agency.save(update_fields=list(PLACE_FIELDS))
        changed = [f for f in PLACE_FIELDS if before[f] != after[f]]
        _record(
            agency,
            AgencyChange.Kind.MOVED,
            by,
            effective_on,
            before={f: before[f] for f in changed},
            after={f: after[f] for f in changed},
            note=note,
        )
    return agency


def retire(agency, *, by, effective_on, note=""):
    """Deactivate the agency: it leaves the directory, the feed's filters and new reports;
    its posts and staff stay as they are."""
    _check_date(effective_on)
    with transaction.atomic():
        agency = _locked(agency)
        _require_active(agency)
        _retire(agency, effective_on)
        _record(agency, AgencyChange.Kind.RETIRED, by, effective_on, note=note)
    return agency


def _retire(agency, effective_on, merged_into=None):
    agency.is_active = False
    agency.retired_on = effective_on
    agency.merged_into = merged_into
    agency.save(update_fields=["is_active", "retired_on", "merged_into"])


def reactivate(agency, *, by, note=""):
    """Bring back an agency that was retired by mistake (not one merged into another)."""
    with transaction.atomic():
        agency = _locked(agency)
        if agency.is_active:
            raise ChangeRefused(_("%(agency)s is already active.") % {"agency": agency.name})
        if agency.merged_into_id:
            raise ChangeRefused(
                _("%(agency)s was merged into %(into)s; its posts and staff are there now.")
                % {"agency": agency.name, "into": agency.merged_into.name}
            )
        before = {"retired_on": agency.retired_on.isoformat() if agency.retired_on else None}
        agency.is_active, agency.retired_on = True, None
        agency.save(update_fields=["is_active", "retired_on"])
        today = timezone.localdate()
        _record(agency, AgencyChange.Kind.REACTIVATED, by, today, before=before, note=note)
    return agency


def merge(agency, *, into, by, effective_on, note=""):
    """Fold `agency` into `into`: everything that points at it (posts, partner links,
    memberships, reminders, sub-agencies) points at `into`; its names become former names
    of `into`; it is retired, never deleted."""
    _check_date(effective_on)
    if agency.pk == into.pk:
        raise ChangeRefused(_("An agency cannot be merged into itself."))
    with transaction.atomic():
        # Both rows, in a fixed order so two opposite merges cannot deadlock.
        both = Agency.objects.select_for_update().filter(pk__in=[agency.pk, into.pk])
        locked = {a.pk: a for a in both.order_by("pk")}
        agency, into = locked[agency.pk], locked[into.pk]
        _require_active(agency)
        _require_active(into)
        if agency.pk in {a.pk for a in into.ancestors()}:
            raise ChangeRefused(
                _("%(into)s sits under %(agency)s: move it out first, then merge.")
                % {"into": into.name, "agency": agency.name}
            )
        _copy_names(agency, into, effective_on)
        moved = repoint(agency, into)
        _retire(agency, effective_on, merged_into=into)
        agency_merged.send(sender=Agency, agency=agency, into=into)
        for subject, kind, other, key in [
            (agency, AgencyChange.Kind.MERGED, into, "merged_into"),
            (into, AgencyChange.Kind.ABSORBED, agency, "merged_from"),
        ]:
            after = {key: other.slug, "moved": moved}
            _record(subject, kind, by, effective_on, after=after, other=other, note=note)
    return into


def _copy_names(agency, into, effective_on):
    """The merged agency's names, current and former, become names `into` is found by."""
    names = [(f, getattr(agency, attr), effective_on) for attr, f in NAME_FIELDS.items()]
    names += [
        (n.form, n.text, n.replaced_on)
        for n in agency.former_names.all()
        if n.replaced_on <= effective_on
    ]
    for form, text, replaced_on in names:
        if text:
            FormerName.objects.get_or_create(
                agency=into,
                text=text,
                form=form,
                replaced_on=replaced_on,
                defaults={"merged_from": agency},
            )


@dataclass
class AsOf:
    """An agency's names and group on one day, and the agencies merged into it later."""

    name: str
    name_en: str
    abbreviation: str
    group: str
    merged: list = field(default_factory=list)  # AsOf of agencies merged in after the day

    @property
    def display_name(self):
        return (self.name_en or self.name) if is_english() else self.name

    @property
    def group_label(self):
        return Agency.Group(self.group).label if self.group in Agency.Group.values else self.group


def as_of(day, agencies):
    """{agency id: AsOf} for `agencies` (a list) on `day`."""
    return Timeline(agencies, since=day).on(day)


class Timeline:
    """The names and groups of some agencies on any day from `since`, in two queries."""

    def __init__(self, agencies, *, since):
        self.agencies = list(agencies)
        ids = [a.pk for a in self.agencies]
        self.names = list(
            FormerName.objects.filter(agency_id__in=ids, replaced_on__gt=since).order_by(
                "replaced_on", "pk"
            )
        )
        self.moves = list(
            AgencyChange.objects.filter(
                agency_id__in=ids, kind=AgencyChange.Kind.MOVED, effective_on__gt=since
            ).order_by("effective_on", "pk")
        )

    def on(self, day):
        """{agency id: AsOf}: a former name applies before its `replaced_on`, a move's
        `before` values before its `effective_on`; the earliest such record wins."""
        found = {a.pk: AsOf(a.name, a.name_en, a.abbreviation, a.group) for a in self.agencies}
        merged, done = {}, set()
        for former in self.names:
            key = (former.agency_id, former.merged_from_id, former.form)
            if former.replaced_on <= day or key in done:
                continue
            done.add(key)
            if former.merged_from_id is None:
                target = found[former.agency_id]
            else:
                target = merged.setdefault(
                    (former.agency_id, former.merged_from_id), AsOf("", "", "", "")
                )
            if former.form in NAME_FIELDS.values():
                setattr(target, _field_of(former.form), former.text)
        for (agency_id, _merged_id), snapshot in merged.items():
            if snapshot.name:
                found[agency_id].merged.append(snapshot)
        regrouped = set()
        for change in self.moves:
            fresh = change.agency_id not in regrouped
            if fresh and change.effective_on > day and "group" in change.before:
                regrouped.add(change.agency_id)
                found[change.agency_id].group = change.before["group"]
        return found


def _field_of(form):
    return next(f for f, v in NAME_FIELDS.items() if v == form)
