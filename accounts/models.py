"""What the accounts app stores: staff lists uploaded in the admin, between their check
and their import."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import normalize

from . import importing, staff_file

# An upload holds personal data: unconfirmed ones are deleted after this long.
KEPT_FOR = datetime.timedelta(days=1)


class AlreadyImported(Exception):
    pass


class StaffImportQuerySet(models.QuerySet):
    def pending(self):
        """Checked, not yet imported, and recent enough to confirm."""
        return self.filter(imported_at__isnull=True, uploaded_at__gte=timezone.now() - KEPT_FOR)

    def forget_stale(self):
        """Delete the unconfirmed uploads past their time (called at each new upload)."""
        old = self.filter(imported_at__isnull=True, uploaded_at__lt=timezone.now() - KEPT_FOR)
        return old.delete()


class StaffImport(models.Model):
    """An uploaded staff list. The preview and the import both read this stored copy, so
    what is saved is exactly the file that was checked, never one posted again. Once
    imported, the file's content is dropped and the counts remain."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    filename = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField(_("content"), editable=False)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)
    created = models.PositiveIntegerField(_("accounts created"), default=0)
    updated = models.PositiveIntegerField(_("accounts updated"), default=0)
    refused = models.PositiveIntegerField(_("rows refused"), default=0)

    objects = StaffImportQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("staff import")
        verbose_name_plural = _("staff imports")

    def __str__(self):
        return self.filename

    @classmethod
    def receive(cls, raw, filename, *, by):
        """Keep a checked upload for its preview (`staff_file.read` has accepted it)."""
        cls.objects.forget_stale()
        name = normalize(filename, multiline=False)[-200:] or "staff"
        return cls.objects.create(uploaded_by=by, filename=name, content=raw)

    def lines(self):
        return staff_file.read(bytes(self.content), self.filename)

    def check_rows(self, *, by):
        return importing.plan(self.lines(), by=by)

    def import_rows(self, plan, *, by):
        """Save the plan once: a second confirm (a double click, two tabs) finds it done."""
        with transaction.atomic():
            locked = StaffImport.objects.select_for_update().get(pk=self.pk)
            if locked.imported_at is not None:
                raise AlreadyImported
            result = importing.apply(plan, by=by, source=self.filename)
            self.imported_at = timezone.now()
            self.created, self.updated = len(result.created), len(result.updated)
            self.refused, self.content = len(result.rejected), b""
            self.save()
        return result
