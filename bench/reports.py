"""Time each committee-report query over a full fiscal year of 100,000 published posts.

    createdb -h 127.0.0.1 -U postgres jitarsa_bench_reports
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jitarsa_bench_reports \\
        .venv/bin/python bench/reports.py [--posts 100000]

Migrates the database, tops it up to the number of published posts (spread over two fiscal years,
5 % of them joint with a second agency), then prints the best of five runs of each query
(goal: under one second each) and the time to make the committee's PDF for the fiscal year,
with twelve featured posts (goal: under ten seconds; --pdf-runs N, 0 to skip).
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jitarsa.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from activities.models import Activity, ActivityType  # noqa: E402
from agencies.models import Agency, Province  # noqa: E402
from reports import pdf, periods, queries  # noqa: E402

FISCAL_YEAR = 2026  # ปีงบประมาณ 2569


def seed(wanted):
    """Top up to `wanted` published posts (plus about 15 % in other states)."""
    have = Activity.objects.public().count()
    if have >= wanted:
        return have
    author, _ = get_user_model().objects.get_or_create(username="bench-reports")
    agencies = list(Agency.objects.values_list("pk", flat=True))
    types = list(ActivityType.objects.values_list("pk", flat=True))
    provinces = list(Province.objects.values_list("pk", flat=True))
    start = datetime.date(FISCAL_YEAR - 2, 10, 1)
    rng = random.Random(5)
    now = timezone.now()
    statuses = ["published"] * 17 + ["submitted", "draft", "unpublished"]
    while have < wanted:
        batch = [
            Activity(
                agency_id=rng.choice(agencies),
                title=f"กิจกรรมจิตอาสา {n}",
                slug="bench",
                activity_type_id=rng.choice(types),
                start_date=start + datetime.timedelta(days=rng.randrange(730)),
                venue="โรงเรียน",
                province_id=rng.choice(provinces),
                participants=rng.randrange(5, 500),
                body="จิตอาสาร่วมกันพัฒนาชุมชน",
                status=(status := rng.choice(statuses)),
                published_at=now if status in ("published", "unpublished") else None,
                created_by=author,
            )
            for n in range(5000)
        ]
        created = Activity.objects.bulk_create(batch)
        Through = Activity.partners.through
        Through.objects.bulk_create(
            [
                Through(activity_id=a.pk, agency_id=rng.choice(agencies))
                for a in created
                if rng.random() < 0.05
            ],
            ignore_conflicts=True,
        )
        have += sum(1 for a in created if a.status == "published")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return have


def timed(function, period, runs=5):
    best = float("inf")
    for _run in range(runs):
        begin = time.perf_counter()
        result = function(period)
        if hasattr(result, "__len__"):
            len(result)
        best = min(best, time.perf_counter() - begin)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--pdf-runs", type=int, default=3)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at a PostgreSQL database (jitarsa_bench_reports).")
    call_command("migrate", verbosity=0)
    total = seed(args.posts)
    period = periods.fiscal_year(FISCAL_YEAR)
    in_year = queries.published_in(period).count()
    print(f"{total} published posts; {in_year} in {period.label} ({period.start}–{period.end})")
    for name in ["totals", "per_agency", "per_group", "per_type", "not_reporting", "monthly_trend"]:
        seconds = timed(getattr(queries, name), period)
        verdict = "ok" if seconds < 1 else "SLOW"
        print(f"{name:<15} {seconds * 1000:8.1f} ms  {verdict}")
    time_pdf(period, args.pdf_runs)


def time_pdf(period, runs):
    if not runs:
        return
    if not pdf.available():
        print("pdf             skipped: WeasyPrint's system libraries are missing")
        return
    picked = list(
        queries.published_in(period).order_by("-participants").values_list("pk", flat=True)[:12]
    )
    translation.activate("th")
    best, size = float("inf"), 0
    for _run in range(runs):
        begin = time.perf_counter()
        size = len(pdf.render(period, picked=picked))
        best = min(best, time.perf_counter() - begin)
    verdict = "ok" if best < 10 else "SLOW"
    print(f"{'pdf':<15} {best * 1000:8.1f} ms  {verdict}  ({size // 1024} KB, best of {runs})")


if __name__ == "__main__":
    main()
