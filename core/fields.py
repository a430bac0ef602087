"""Text fields that store what `core.text.normalize` makes of their value.

The one owner of cleaning text on the way in. Every door ends in a model field: the forms and
the admin (through `formfield`), `full_clean` (`to_python`), `save()` from any code
(`pre_save`), and `QuerySet.update()`, `bulk_create`, `bulk_update` and `loaddata`
(`get_db_prep_save`). So no path can store a control character, whatever it was pasted from.
CharFields are one line; TextFields keep their paragraphs.
"""

from django import forms
from django.db import models

from .text import normalize


class NormalizedFormField(forms.CharField):
    """A form's text cleaned before it is validated, so a title of invisible characters only
    is "required", and max_length counts what will be stored."""

    def __init__(self, *, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(value, str) and value:
            value = normalize(value, multiline=self.multiline) or self.empty_value
        return value


class _Normalized:
    multiline = False

    def clean_text(self, value):
        return normalize(value, multiline=self.multiline)

    def to_python(self, value):
        return self.clean_text(super().to_python(value))

    def pre_save(self, model_instance, add):
        # The instance holds what was stored, not what was pasted.
        value = self.clean_text(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value, connection):
        # Also reached by update(), bulk_update() and loaddata, which skip pre_save.
        return super().get_db_prep_save(self.clean_text(value), connection)

    def formfield(self, **kwargs):
        if self.choices is not None:
            return super().formfield(**kwargs)
        defaults = {"form_class": NormalizedFormField, "multiline": self.multiline}
        return super().formfield(**{**defaults, **kwargs})

    def deconstruct(self):
        # Migrations see Django's own field: the column does not change, and a new class
        # would make SQLite copy the whole table once per field.
        name, _path, args, kwargs = super().deconstruct()
        return name, self.django_path, args, kwargs


class NormalizedCharField(_Normalized, models.CharField):
    """One line of text: line breaks and runs of spaces become one space."""

    django_path = "django.db.models.CharField"


class NormalizedTextField(_Normalized, models.TextField):
    """Paragraphs: line breaks kept (Word's vertical tab becomes one), controls removed."""

    django_path = "django.db.models.TextField"
    multiline = True


def clean_stored_text(model, *field_names, batch_size=500):
    """Rewrite the rows whose text normalize() would now store differently (for data
    migrations, whose historical models have Django's plain fields: TextFields keep their
    lines). Only changed rows are written, and `updated_at` is left alone: it is no edit.
    """
    multiline = {n: isinstance(model._meta.get_field(n), models.TextField) for n in field_names}
    changed = []
    for row in model._default_manager.only("pk", *field_names).order_by("pk").iterator(2000):
        dirty = False
        for name in field_names:
            stored = getattr(row, name)
            clean = normalize(stored, multiline=multiline[name])
            if clean != stored:
                setattr(row, name, clean)
                dirty = True
        if dirty:
            changed.append(row)
    model._default_manager.bulk_update(changed, field_names, batch_size=batch_size)
    return len(changed)
