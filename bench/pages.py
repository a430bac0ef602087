"""How fast the public pages are at 100,000 published posts, next to a bare 20 KB Django view.

    .venv/bin/python bench/pages.py [--activities 100000] [--seconds 5] [--rounds 2]

Creates (once) the PostgreSQL database `jitarsa_bench_pages` and bulk-inserts published
activities across the 104 agencies, each with a cover photo row; serves the site with
gunicorn (2 workers, DEBUG off, BENCH_BARE_VIEW on, the Redis cache) on 127.0.0.1:8141 and
loads it with wrk at 16 connections: the bare view and every page in turn, `--rounds` times
(so a slow spell of the machine hits all of them alike). "Cached" pages are requested
anonymously at a fixed address (served from the page cache after the first hit);
"uncached" ones carry a new `n=` on every request, so each one is rendered from the
database. Prints requests/s, p50 and p99 per page and the ratio to the bare view.
Aims: cached pages >= 0.8 of bare; uncached feed and search p99 < 100 ms.
"""

import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "jitarsa_bench_pages"
SERVER = "postgres://postgres@127.0.0.1:5432"
PORT = 8141
ENV = {
    "DATABASE_URL": f"{SERVER}/{DATABASE}",
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "bench-only-secret-key-bench-only-secret-key",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_STATIC_MANIFEST": "false",
    "BENCH_BARE_VIEW": "true",
    "CACHE_URL": "redis://127.0.0.1:6379/4",
    "LOG_LEVEL": "WARNING",
}
WORDS = [
    "ปลูกต้นไม้",
    "ป่าชายเลน",
    "ทำความสะอาด",
    "วัด",
    "โรงเรียน",
    "บริจาคโลหิต",
    "ซ่อมแซม",
    "อาคารเรียน",
    "ชุมชน",
    "ผู้สูงอายุ",
    "อุทกภัย",
    "ถุงยังชีพ",
    "คลอง",
    "ขยะ",
    "ห้องสมุด",
    "สนามเด็กเล่น",
    "เฉลิมพระเกียรติ",
    "จิตอาสา",
]
COMMON_WORD = "ชายเลน"  # inside ป่าชายเลน, which nearly every seeded story contains
RARE_WORD = "การังเทียม"  # inside ปะการังเทียม, added to 1 post in 100 (a typical search)

LUA = """
counter = 0
request = function()
  counter = counter + 1
  local path = wrk.path
  if UNCACHED then
    local sep = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. sep .. "n=" .. counter
  end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  local s = summary.duration / 1e6
  io.write(string.format('{"rps": %.1f, "p50": %.2f, "p99": %.2f, "errors": %d, "non2xx": %d}\\n',
    summary.requests / s, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""


def create_database():
    import psycopg2

    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE])
        if not cursor.fetchone():
            cursor.execute(f"CREATE DATABASE {DATABASE}")
    connection.close()


def seed(count):
    """Bulk-insert published posts (with a cover photo row each) up to `count`."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from activities.models import Activity, ActivityType, Photo
    from agencies.models import Agency
    from jitarsa.text import slugify_thai

    have = Activity.objects.public().count()
    if have >= count:
        print(f"database has {have:,} published posts already")
        return
    rng = random.Random(have)
    agencies = list(Agency.objects.active().select_related("province"))
    types = list(ActivityType.objects.all())
    user, _ = get_user_model().objects.get_or_create(username="bench")
    now = timezone.now()
    today = datetime.date.today()
    started = time.perf_counter()
    for start in range(have, count, 5000):
        batch = []
        for n in range(start, min(start + 5000, count)):
            agency = agencies[n % len(agencies)]
            title = f"{' '.join(rng.sample(WORDS, 3))} ครั้งที่ {n + 1}"
            batch.append(
                Activity(
                    agency=agency,
                    title=title,
                    slug=slugify_thai(title) or "activity",
                    activity_type=types[n % len(types)],
                    start_date=today - datetime.timedelta(days=rng.randrange(3 * 365)),
                    venue=f"โรงเรียนบ้าน{rng.choice(WORDS)}",
                    province=agency.province,
                    participants=rng.randrange(10, 500),
                    body="\n\n".join(" ".join(rng.sample(WORDS, 8)) for _ in range(3)),
                    news_credit="ฝ่ายประชาสัมพันธ์",
                    photo_credit="ช่างภาพจิตอาสา",
                    consent_confirmed=True,
                    status="published",
                    published_at=now - datetime.timedelta(minutes=n),
                    submitted_at=now,
                    created_by=user,
                )
            )
        made = Activity.objects.bulk_create(batch)
        Photo.objects.bulk_create(
            Photo(
                activity=a,
                image=f"photos/bench/{a.pk}.jpg",
                width=2048,
                height=1365,
                is_cover=True,
                renditions=[
                    {"width": w, "height": w * 2 // 3, "name": f"photos/bench/{a.pk}-{w}.webp"}
                    for w in (320, 640, 1280)
                ],
            )
            for a in made
        )
        print(f"  {start + len(batch):,} posts ({time.perf_counter() - started:.0f} s)", end="\r")
    print()


def prepare_database():
    """One post in 100 gets a rarer word to search for; then vacuum so counts can use the
    indexes alone."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE activities_activity SET title = title || ' ปะการังเทียม' "
            "WHERE id %% 100 = 0 AND title NOT LIKE %s",
            ["%ปะการังเทียม%"],
        )
        cursor.execute("VACUUM ANALYZE")


def setup_django():
    os.environ.update(ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "jitarsa.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def flush_cache():
    from django.core.cache import cache

    cache.clear()


def serve():
    command = [
        sys.executable, "-m", "gunicorn", "jitarsa.wsgi", "--workers", "2",
        "--bind", f"127.0.0.1:{PORT}", "--access-logfile", "/dev/null", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **ENV})
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/bench/bare/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def load(path, seconds, script):
    command = [
        "wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "5s", "-s", script,
        f"http://127.0.0.1:{PORT}{path}",
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def lua_scripts(folder):
    """Two wrk scripts: fixed address (cached) and a new `n=` each request (uncached)."""
    scripts = {}
    for uncached in (False, True):
        path = Path(folder) / f"load-{uncached}.lua"
        path.write_text(f"UNCACHED = {'true' if uncached else 'false'}\n{LUA}")
        scripts[uncached] = str(path)
    return scripts


def pages():
    from activities.models import Activity

    post = Activity.objects.public().order_by("-pk").first()
    feed = "/activities/"
    return [
        ("bare 20 KB view", "/bench/bare/", False),
        ("home", "/", False),
        ("feed", feed, False),
        ("feed province+type", f"{feed}?province=chiang-mai&type=development", False),
        (f"search “{RARE_WORD}”", f"{feed}?q={RARE_WORD}", False),
        ("detail", post.get_absolute_url(), False),
        ("/feed/ (RSS)", "/feed/", False),
        ("home, uncached", "/", True),
        ("feed, uncached", feed, True),
        ("feed province+type, uncached", f"{feed}?province=chiang-mai&type=development", True),
        (f"search “{RARE_WORD}”, uncached", f"{feed}?q={RARE_WORD}", True),
        (f"search “{COMMON_WORD}” (~all posts), uncached", f"{feed}?q={COMMON_WORD}", True),
        ("feed page 50, uncached", f"{feed}?page=50", True),
        ("detail, uncached", post.get_absolute_url(), True),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    create_database()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    seed(args.activities)
    prepare_database()
    flush_cache()
    targets = pages()

    results = {name: [] for name, _path, _u in targets}
    with tempfile.TemporaryDirectory() as folder:
        scripts = lua_scripts(folder)
        server = serve()
        try:
            for _n, path, _u in targets:  # warm both workers' connections and the cache
                for _ in range(4):
                    urllib.request.urlopen(f"http://127.0.0.1:{PORT}{quote(path)}").read()
            for _round in range(args.rounds):
                for name, path, uncached in targets:
                    results[name].append(load(quote(path), args.seconds, scripts[uncached]))
        finally:
            server.terminate()
            server.wait()

    report(results, args)


def quote(path):
    from urllib.parse import quote as url_quote

    return url_quote(path, safe="/?=&-")


def report(results, args):
    def merged(runs):
        return {
            "rps": sum(r["rps"] for r in runs) / len(runs),
            "p50": sorted(r["p50"] for r in runs)[len(runs) // 2],
            "p99": max(r["p99"] for r in runs),
            "bad": sum(r["errors"] + r["non2xx"] for r in runs),
        }

    table = {name: merged(runs) for name, runs in results.items()}
    bare = table["bare 20 KB view"]["rps"]
    print(
        f"\n{args.activities:,} published posts; wrk -t2 -c16, {args.seconds} s x "
        f"{args.rounds} rounds per page; gunicorn 2 workers, DEBUG off, Redis cache\n"
    )
    print(f"{'page':<44}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'x bare':>8}{'errors':>8}")
    for name, row in table.items():
        print(
            f"{name:<44}{row['rps']:>9.0f}{row['p50']:>9.1f}{row['p99']:>9.1f}"
            f"{row['rps'] / bare:>8.2f}{row['bad']:>8}"
        )


if __name__ == "__main__":
    main()
