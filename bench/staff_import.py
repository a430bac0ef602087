"""Time the staff import on a 1,000-row list: reading the file, the preview (`plan`), the
preview page as a coordinator sees it, and the import itself.

    .venv/bin/python bench/staff_import.py [--rows 1000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jitarsa_bench_import \\
        .venv/bin/python bench/staff_import.py

Without DATABASE_URL it uses a throwaway SQLite file. The list names agencies the way
people do (abbreviations with and without spaces, full Thai names, a former name), half the
rows are people who already have an account (the second run of a yearly list), and 2 % are
refused. Prints the best of three runs of each step. Goal: the preview in well under the
few seconds a request may take.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jitarsa.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench-import.sqlite3"

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from accounts import importing, staff_file  # noqa: E402
from accounts.models import StaffImport  # noqa: E402
from agencies.models import Agency  # noqa: E402
from agencies.roles import COORDINATOR_GROUP  # noqa: E402


def staff_list(rows):
    agencies = list(Agency.objects.active().order_by("pk"))
    written = []
    for agency in agencies:
        written += [agency.abbreviation, agency.abbreviation.replace(".", ". "), agency.name]
    written.append("สำนักงาน กศน.")
    book = Workbook()
    sheet = book.active
    sheet.append(["ลำดับ", "ชื่อผู้ใช้", "ชื่อ-นามสกุล", "อีเมล", "หน่วยงาน", "บทบาท"])
    for n in range(rows):
        email = f"bench{n:05d}@moe.go.th" if n % 50 else "not-an-e-mail"
        sheet.append([n + 1, f"bench{n:05d}", f"ครู คนที่ {n}", email, written[n % len(written)], ""])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def best(step, runs=3):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - started)
    return min(times), result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1000)
    rows = parser.parse_args().rows
    call_command("migrate", verbosity=0)
    setup_test_environment()  # the locmem mail backend; no e-mail leaves the machine
    User = get_user_model()
    User.objects.filter(username__startswith="bench").delete()
    coordinator, _ = User.objects.get_or_create(username="bench-coordinator", is_staff=True)
    coordinator.groups.add(django.contrib.auth.models.Group.objects.get(name=COORDINATOR_GROUP))
    raw = staff_list(rows)
    print(f"{rows} rows, {len(raw) / 1024:.0f} KB XLSX, database {os.environ['DATABASE_URL']}")

    # Half the people already have accounts, as when a list is uploaded a second time.
    half = staff_file.read(raw, "bench.xlsx")[: rows // 2]
    importing.apply(importing.plan(half, by=coordinator), by=coordinator)

    seconds, lines = best(lambda: staff_file.read(raw, "bench.xlsx"))
    print(f"read the XLSX:            {seconds * 1000:7.0f} ms")
    seconds, plan = best(lambda: importing.plan(lines, by=coordinator))
    print(f"preview (plan):           {seconds * 1000:7.0f} ms   {plan.counts}")

    client = Client()
    client.force_login(coordinator)
    upload = StaffImport.receive(raw, "bench.xlsx", by=coordinator)
    seconds, page = best(lambda: client.get(f"/admin/accounts/import/{upload.pk}/"))
    print(f"preview page (HTTP GET):  {seconds * 1000:7.0f} ms   {len(page.content) / 1024:.0f} KB")

    def import_and_undo():
        with transaction.atomic():
            result = importing.apply(plan, by=coordinator)
            transaction.set_rollback(True)
        return result

    seconds, result = best(import_and_undo)
    print(
        f"import (one transaction): {seconds * 1000:7.0f} ms   "
        f"{len(result.created)} created, {len(result.updated)} updated"
    )
    StaffImport.objects.filter(pk=upload.pk).delete()


if __name__ == "__main__":
    main()
