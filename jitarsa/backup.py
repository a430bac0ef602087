"""One-file backups: the data as portable JSON, the media files, and a manifest.

    archive.tar.gz
      manifest.json   format, time, Django version, row counts per model, SHA-256 of each file
      data.json       `dumpdata` of every app's rows (natural keys for users, groups,
                      permissions and content types, so it loads into any fresh install)
      media/...       every file in the media storage (local disk or S3), same names

The dump is read inside one transaction (REPEATABLE READ on PostgreSQL), so rows agree
with each other even while staff keep posting. `restore` loads into an installation that
only has what migrations ship (agencies, provinces, pages, activity types, roles): it
replaces those shipped rows with the archive's and refuses when any user or post exists.
"""

import datetime
import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction

FORMAT = 1
# Rebuilt by migrations in every installation, short-lived, or counted again from the posts
# on restore (the statistics tallies): never backed up.
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "admin.logentry", "activities.tally")
# Tables a fresh installation fills from migrations; restore replaces their rows.
SHIPPED = (
    "pages.Page",
    "agencies.Agency",
    "agencies.Province",
    "activities.ActivityType",
    "auth.Group",
)


class BackupError(Exception):
    pass


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def media_files(storage=default_storage, folder=""):
    """Every file name in the storage, walking folders (works for local disk and S3)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from media_files(storage, f"{folder}/{sub}" if folder else sub)


def dump_data():
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        out = io.StringIO()
        call_command(
            "dumpdata",
            exclude=list(EXCLUDED),
            natural_foreign=True,
            format="json",
            indent=None,
            stdout=out,
        )
    return out.getvalue().encode()


def counts(data):
    result = {}
    for row in json.loads(data):
        result[row["model"]] = result.get(row["model"], 0) + 1
    return result


def _add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    tar.addfile(info, io.BytesIO(data))


def write_backup(output_dir, storage=default_storage):
    """Write the archive into output_dir and return its path."""
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = output_dir / f"jitarsa-backup-{stamp}.tar.gz"
    data = dump_data()
    manifest = {
        "format": FORMAT,
        "created": stamp,
        "django": django.get_version(),
        "counts": counts(data),
        "data_sha256": _sha256(data),
        "files": {},
    }
    partial = path.with_suffix(".partial")
    with tarfile.open(partial, "w:gz") as tar:
        _add(tar, "data.json", data)
        for name in media_files(storage):
            with storage.open(name, "rb") as handle:
                content = handle.read()
            manifest["files"][name] = _sha256(content)
            _add(tar, f"media/{name}", content)
        _add(tar, "manifest.json", json.dumps(manifest, indent=1, ensure_ascii=False).encode())
    partial.rename(path)  # a crash never leaves something that looks like a finished backup
    return path, manifest


def read_archive(path):
    """The manifest, the data and the media files, checked against the manifest's sums."""
    files = {}
    with tarfile.open(path, "r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            files[member.name] = tar.extractfile(member).read()
    if "manifest.json" not in files or "data.json" not in files:
        raise BackupError(f"{path} is not a Jitarsa backup (no manifest.json or data.json).")
    manifest = json.loads(files.pop("manifest.json"))
    data = files.pop("data.json")
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    if _sha256(data) != manifest["data_sha256"]:
        raise BackupError("data.json does not match its checksum: the archive is damaged.")
    media = {name.removeprefix("media/"): content for name, content in files.items()}
    for name, digest in manifest["files"].items():
        if name not in media or _sha256(media[name]) != digest:
            raise BackupError(f"Media file {name} is missing or damaged in the archive.")
    return manifest, data, media


def installation_is_empty():
    from activities.models import Activity

    return not get_user_model().objects.exists() and not Activity.objects.exists()


def restore_backup(path, storage=default_storage):
    manifest, data, media = read_archive(path)
    if not installation_is_empty():
        raise BackupError(
            "This installation already has users or posts: restore only into an empty one "
            "(a new database after `migrate`)."
        )
    clashes = [name for name in media if storage.exists(name)]
    if clashes:
        raise BackupError(f"The media storage already holds {clashes[0]} (and maybe more).")
    written = []
    try:
        with transaction.atomic():
            apps.get_model("agencies.Agency").objects.update(parent=None)  # PROTECTed tree
            for label in SHIPPED:
                apps.get_model(label).objects.all().delete()
            _load(data)
            for name, content in media.items():
                saved = storage.save(name, ContentFile(content))
                written.append(saved)
                if saved != name:
                    raise BackupError(f"The storage renamed {name} to {saved}.")
    except BaseException:
        for name in written:
            storage.delete(name)
        raise
    from activities import cache, tallies

    tallies.rebuild_all()
    cache.bump()  # pages cached before the restore must not outlive it
    return manifest


def _load(data):
    with tempfile.NamedTemporaryFile(suffix=".json") as handle:
        handle.write(data)
        handle.flush()
        call_command("loaddata", handle.name, verbosity=0)
