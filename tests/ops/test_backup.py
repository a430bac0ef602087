import json
import re
import tarfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from activities import workflow
from activities.models import Activity, Photo, Transition
from activities.photos import add_photo
from agencies.models import Membership
from jitarsa import backup
from pages.models import Page
from tests.factories import agency, make_activity, make_coordinator, make_staff, uploaded_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def realistic_data():
    chiang_mai, khon_kaen = agency("peo-chiang-mai"), agency("peo-khon-kaen")
    author = make_staff(chiang_mai, "somsri", first_name="สมศรี")
    Membership.objects.create(user=author, agency=khon_kaen)
    make_staff(khon_kaen, "anon")
    coordinator = make_coordinator("coordinator1")
    published = make_activity(chiang_mai, by=author, status="published", title="ปลูกป่า")
    published.partners.add(khon_kaen)
    returned = make_activity(khon_kaen, by=author, status="returned", title="ทาสีโรงเรียน")
    make_activity(chiang_mai, by=author, title="ร่าง")
    for activity in (published, returned):
        add_photo(activity, uploaded_image("a.jpg"), caption="ภาพแรก", is_cover=True)
        add_photo(activity, uploaded_image("b.png", fmt="PNG"), alt_text="ภาพที่สอง")
    workflow.set_featured(published, by=coordinator, featured=True)
    page = Page.objects.first()
    page.body = "แก้ไขโดยผู้ประสานงาน"
    page.save()


def _whole_milliseconds(dump):
    """Django's JSON keeps times to the millisecond and writes "…:07Z" for "…:07.000Z": a
    time that is restored as exactly .000 must compare equal to the one it came from."""
    return re.sub(r'(T\d\d:\d\d:\d\d)Z"', r'\1.000Z"', dump)


def snapshot():
    dump = _whole_milliseconds(backup.dump_data().decode())
    rows = sorted(json.loads(dump), key=lambda r: (r["model"], str(r.get("pk"))))
    files = {name: default_storage.open(name).read() for name in backup.media_files()}
    return rows, files


def stored_file_count():
    return sum(1 + len(photo.renditions) for photo in Photo.objects.all())


def empty_the_installation():
    """What `migrate` on a new database leaves: shipped rows, no users, posts or files."""
    for name in list(backup.media_files()):
        default_storage.delete(name)
    Transition.objects.all().delete()
    Photo.objects.all().delete()
    Activity.objects.all().delete()
    get_user_model().objects.all().delete()
    Page.objects.update(body="")


def test_backup_then_restore_brings_back_every_row_and_file(realistic_data, tmp_path):
    before = snapshot()
    assert Transition.objects.count() == 5 and len(before[1]) == stored_file_count() > 4
    path, manifest = backup.write_backup(tmp_path)
    empty_the_installation()

    backup.restore_backup(path)

    after = snapshot()
    assert [row for row in after[0] if row not in before[0]] == []
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert manifest["counts"]["activities.activity"] == 3


def test_the_manifest_counts_rows_and_checksums_every_file(realistic_data, tmp_path):
    path, _ = backup.write_backup(tmp_path)
    with tarfile.open(path) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    assert manifest["counts"]["activities.photo"] == 4
    assert manifest["counts"]["auth.user"] == 4  # with the factories' coordinator
    assert {f"media/{name}" for name in manifest["files"]} <= names
    assert all(len(digest) == 64 for digest in manifest["files"].values())


def test_restore_refuses_an_installation_with_users_or_posts(realistic_data, tmp_path):
    path, _ = backup.write_backup(tmp_path)
    with pytest.raises(CommandError, match="empty"):
        call_command("restore", str(path))
    assert Activity.objects.count() == 3


def test_restore_refuses_a_damaged_archive(realistic_data, tmp_path):
    path, manifest = backup.write_backup(tmp_path)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(path) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source:
            data = source.extractfile(member).read()
            if member.name.startswith("media/") and member.name.endswith(".webp"):
                data = data[:-10]
                member.size = len(data)
            target.addfile(member, __import__("io").BytesIO(data))
    empty_the_installation()
    with pytest.raises(backup.BackupError, match="damaged"):
        backup.restore_backup(damaged)
    assert not get_user_model().objects.exists()


def test_the_backup_command_writes_one_archive(realistic_data, tmp_path, capsys):
    call_command("backup", output=str(tmp_path))
    archives = list(tmp_path.glob("jitarsa-backup-*.tar.gz"))
    assert len(archives) == 1
    assert f"{stored_file_count()} media files" in capsys.readouterr().out
