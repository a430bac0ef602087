"""Time the review queue's checks (activities/evidence/) over many posts with photos.

    createdb -h 127.0.0.1 -U postgres jitarsa_bench_evidence
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jitarsa_bench_evidence \\
        .venv/bin/python bench/evidence.py [--posts 100000]

Migrates the database and tops it up to the number of posts (3 photo rows each, with capture
dates and fingerprints; 1 % of the fingerprints shared between posts, 2 % of the photos taken
years early, 200 posts waiting for review), then prints the best of five runs of: the queue's
page (50 waiting posts with every check), and each check as a filter over *all* posts
(what a coordinator gets with status "all" and one check chosen: the page, with every
check of its 50 posts, and the count; "possibly posted twice" looks among the posts waiting,
returned or of the last three months, evidence.RECENT). Goal: the page well under 0.2 s;
each filter under 1 s on 100,000 posts.
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
from django.utils import timezone  # noqa: E402

from activities import evidence  # noqa: E402
from activities.models import Activity, ActivityType, Photo  # noqa: E402
from agencies.models import Agency  # noqa: E402

TITLES = ["ปลูกต้นไม้เฉลิมพระเกียรติ", "ทาสีรั้วโรงเรียน", "เก็บขยะริมแม่น้ำ", "บริจาคโลหิต"]


def seed(wanted):
    have = Activity.objects.count()
    if have >= wanted:
        return have
    author, _ = get_user_model().objects.get_or_create(username="bench-evidence")
    agencies = list(Agency.objects.values_list("pk", flat=True))
    kind = ActivityType.objects.first()
    rng = random.Random(7)
    now = timezone.now()
    for batch_start in range(have, wanted, 5000):
        posts = []
        for n in range(batch_start, min(wanted, batch_start + 5000)):
            day = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(700))
            waiting = n % 500 == 0
            posts.append(
                Activity(
                    agency_id=rng.choice(agencies),
                    title=f"{rng.choice(TITLES)} {n % 97}",
                    activity_type=kind,
                    start_date=day,
                    venue="โรงเรียน",
                    participants=10,
                    body="…",
                    news_credit="ข่าว" if n % 10 else "",
                    photo_credit="ภาพ",
                    status="submitted" if waiting else "published",
                    submitted_at=now,
                    published_at=None if waiting else now,
                    created_by=author,
                    slug="bench",
                )
            )
        photos = []
        for post_id, day in ((p.pk, p.start_date) for p in Activity.objects.bulk_create(posts)):
            for order in range(3):
                early = rng.random() < 0.02
                taken = datetime.datetime.combine(day, datetime.time(9), datetime.UTC)
                if early:
                    taken -= datetime.timedelta(days=1000)
                shared = rng.random() < 0.01
                phash = f"{rng.randrange(500):016x}" if shared else f"{rng.getrandbits(64):016x}"
                photos.append(
                    Photo(
                        activity_id=post_id,
                        image="photos/bench.jpg",
                        width=1280,
                        height=960,
                        order=order,
                        taken_at=taken,
                        phash=phash,
                        alt_text="" if rng.random() < 0.3 else "ภาพ",
                    )
                )
        Photo.objects.bulk_create(photos)
        print(f"  seeded {min(wanted, batch_start + 5000)} posts", flush=True)
    return Activity.objects.count()


def best_of(runs, fn):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    total = seed(args.posts)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What autovacuum does after a bulk load: statistics, and the visibility map
            # without which an index-only scan still reads the table.
            cursor.execute("VACUUM ANALYZE")
    print(f"{total} posts, {Photo.objects.count()} photos on {connection.vendor}")
    queue = Activity.objects.live().filter(status="submitted").order_by("submitted_at", "pk")
    seconds = best_of(5, lambda: evidence.flags_by_post(list(queue[:50])))
    print(f"queue page (50 waiting posts, every check): {seconds * 1000:.0f} ms")
    for code in evidence.CHECKS:
        found = evidence.flagged(Activity.objects.order_by("-start_date", "-pk"), code)
        page = best_of(3, lambda f=found: evidence.flags_by_post(list(f[:50])))
        count = best_of(3, found.count)
        print(
            f"filter {code:15} page {page * 1000:6.0f} ms, count {count * 1000:6.0f} ms"
            f"  ({found.count()} posts)"
        )


if __name__ == "__main__":
    sys.exit(main())
