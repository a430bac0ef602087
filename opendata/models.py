from django.db import models
from django.utils.translation import gettext_lazy as _


class DataFile(models.Model):
    """The current built file of one dataset in one format (opendata/build.py writes it).

    The file itself is a dated copy in the default storage that is never rewritten; a new
    build saves a new copy, then points this row at it, so a reader sees the old file or the
    new one, never half of one.
    """

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"
        XLSX = "xlsx", "XLSX"

    dataset = models.CharField(_("dataset"), max_length=40)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    name = models.CharField(_("file in storage"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    rows = models.PositiveIntegerField(_("rows"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    built_at = models.DateTimeField(_("built at"))

    class Meta:
        verbose_name = _("open data file")
        verbose_name_plural = _("open data files")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "format"], name="one_file_per_format")
        ]

    def __str__(self):
        return self.name

    @property
    def etag(self):
        return f'"{self.sha256[:32]}"'

    @property
    def download_name(self):
        return f"jitarsa-{self.dataset}.{self.format}"
