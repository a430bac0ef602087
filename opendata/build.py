"""The whole-dataset files, built by the worker and never in a request.

The scheduled task (`SCHEDULED_FUNCTION`, nightly at 03:00 Bangkok time, and once when
the worker first starts) queues one worker task per file, so each file has the worker's
whole timeout (Q_CLUSTER["timeout"]); `manage.py build_opendata` builds them all at once.
Each build writes the dataset in one format to a temporary file, saves it to the default
storage under a dated name that is never reused, then points the dataset's `DataFile` row
at it. Readers are served the file the row names, so a build in progress or one that fails
changes nothing they see. The last KEEP copies of each file stay in storage (a download
that started on the previous one finishes); older ones are deleted.
"""

import hashlib
import logging
import tempfile
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django_q.tasks import async_task

from activities import cache

from . import formats
from .datasets import DATASETS
from .models import DataFile

SCHEDULED_FUNCTION = "opendata.build.queue_all"
FOLDER = "opendata"
KEEP = 3
WRITERS = {
    DataFile.Format.CSV: formats.write_csv,
    DataFile.Format.JSON: formats.write_json,
    DataFile.Format.XLSX: formats.write_xlsx,
}
CONTENT_TYPES = {
    DataFile.Format.CSV: "text/csv; charset=utf-8",
    DataFile.Format.JSON: "application/json",
    DataFile.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

log = logging.getLogger(__name__)


def queue_all():
    for dataset in DATASETS.values():
        for fmt in WRITERS:
            async_task(build_file, dataset.slug, fmt, group="opendata")


def build_file(slug, fmt):
    built = build(DATASETS[slug], fmt)
    cache.bump()  # the page and the catalogue show each file's size and time
    return built.name


def build_all():
    """Every dataset in every format, here and now; returns the DataFile rows."""
    built = [build(dataset, fmt) for dataset in DATASETS.values() for fmt in WRITERS]
    cache.bump()
    return built


def build(dataset, fmt):
    built_at = timezone.now()
    with tempfile.TemporaryDirectory(prefix="opendata-") as folder:
        path = Path(folder) / f"{dataset.slug}.{fmt}"
        rows = WRITERS[fmt](dataset, path)
        size, digest = _size_and_digest(path)
        with path.open("rb") as content:
            name = default_storage.save(_dated_name(dataset.slug, fmt, built_at), File(content))
    current, _created = DataFile.objects.update_or_create(
        dataset=dataset.slug,
        format=fmt,
        defaults={"name": name, "size": size, "rows": rows, "sha256": digest,
                  "built_at": built_at},
    )  # fmt: skip
    _prune(dataset.slug, fmt, keep=name)
    log.info("open data: %s (%d rows, %d bytes)", name, rows, size)
    return current


def _dated_name(slug, fmt, moment):
    return f"{FOLDER}/jitarsa-{slug}-{moment:%Y%m%dT%H%M%S}Z.{fmt}"


def _size_and_digest(path):
    digest = hashlib.sha256()
    with path.open("rb") as content:
        for chunk in iter(lambda: content.read(1 << 20), b""):
            digest.update(chunk)
    return path.stat().st_size, digest.hexdigest()


def _prune(slug, fmt, keep):
    """Delete all but the newest KEEP copies of this file (the dated names sort by time)."""
    try:
        _folders, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    prefix, suffix = f"jitarsa-{slug}-", f".{fmt}"
    copies = sorted(n for n in names if n.startswith(prefix) and n.endswith(suffix))
    for old in copies[:-KEEP]:
        if f"{FOLDER}/{old}" != keep:
            default_storage.delete(f"{FOLDER}/{old}")
