"""A merge's heavy lifting: every row in any app that refers to the merged agency is
pointed at the one it joined (history.merge calls it inside its transaction)."""

from django.apps import apps
from django.db import models

from .models import Agency, AgencyChange, FormerName


def _own_rows(model):
    return model in (FormerName, AgencyChange)


def repoint(agency, into):
    """Point every foreign key to `agency` (in any app, many-to-many links included) at
    `into`, dropping rows that would then repeat one `into` already has. Walking the
    relations keeps this module ignorant of the apps that refer to agencies, and no
    reference can be forgotten. Returns {model label: rows moved}."""
    moved = {}
    for model in apps.get_models(include_auto_created=True):
        if _own_rows(model):
            continue
        for fk in model._meta.concrete_fields:
            if not (fk.many_to_one and fk.related_model is Agency):
                continue
            if model is Agency and fk.name == "merged_into":
                continue  # agencies merged into this one earlier keep that history
            rows = model._default_manager.filter(**{fk.name: agency})
            _drop_repeats(model, fk, agency, into)
            count = rows.update(**{fk.name: into})
            if count:
                moved[model._meta.label_lower] = moved.get(model._meta.label_lower, 0) + count
    return moved


def _unique_sets(model):
    """(fields, condition) of each uniqueness rule; a partial constraint holds only among
    the rows its condition selects (e.g. reports' scheduled reminders)."""
    sets = [(tuple(u), None) for u in model._meta.unique_together]
    sets += [
        (tuple(c.fields), c.condition)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields
    ]
    return sets


def _drop_repeats(model, fk, agency, into):
    for fields, condition in _unique_sets(model):
        rows = model._default_manager.all()
        if condition is not None:
            rows = rows.filter(condition)
        names = [model._meta.get_field(f).attname for f in fields]
        if fk.attname not in names:
            continue
        others = [n for n in names if n != fk.attname]
        taken = set(rows.filter(**{fk.name: into}).values_list(*others))
        repeats = [
            row[0]
            for row in rows.filter(**{fk.name: agency}).values_list("pk", *others)
            if tuple(row[1:]) in taken
        ]
        model._default_manager.filter(pk__in=repeats).delete()
