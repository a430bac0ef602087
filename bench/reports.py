"""Time each committee-report query over a full fiscal year of 100,000 published posts.

    createdb -h 127.0.0.1 -U postgres jitarsa_bench_reports
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jitarsa_bench_reports \\
        .venv/bin/python bench/reports.py [--posts 100000]

Migrates the database, tops it up to the number of published posts (activities/demo/bulk.py;
spread over two fiscal years, 5 % of them joint with a second agency), then prints the best
of five runs of each query (goal: under one second each) and the time to make the
committee's PDF for the fiscal year, with twelve featured posts (goal: under ten seconds;
--pdf-runs N, 0 to skip).
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jitarsa.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from activities.demo.bulk import Text, bulk_posts  # noqa: E402
from activities.models import Activity  # noqa: E402
from activities.workflow import Status  # noqa: E402
from reports import pdf, periods, queries  # noqa: E402

FISCAL_YEAR = 2026  # ปีงบประมาณ 2569
STATUSES = [Status.PUBLISHED] * 17 + [Status.SUBMITTED, Status.DRAFT, Status.UNPUBLISHED]


def seed(wanted):
    """Top up to `wanted` published posts (plus about 15 % in other states)."""
    have = Activity.objects.public().count()
    while have < wanted:
        bulk_posts(
            max(100, (wanted - have) * len(STATUSES) // STATUSES.count(Status.PUBLISHED)),
            texts=report_text,
            dates=two_fiscal_years,
            statuses=STATUSES,
            partner_share=0.05,
            covers=False,
            first=Activity.objects.count(),
            batch_size=5000,
        )
        have = Activity.objects.public().count()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return have


def report_text(n, rng, agency):
    return Text(title=f"กิจกรรมจิตอาสา {n}", venue="โรงเรียน", body="จิตอาสาร่วมกันพัฒนาชุมชน")


def two_fiscal_years(rng):
    """An activity date in the fiscal year before FISCAL_YEAR or in it; published now."""
    start = datetime.date(FISCAL_YEAR - 2, 10, 1)
    return start + datetime.timedelta(days=rng.randrange(730)), timezone.now()


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
