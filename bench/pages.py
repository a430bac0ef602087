"""How fast every public page is at 100,000 published posts, next to two yardsticks.

    .venv/bin/python bench/pages.py                  # seed once, then the whole table
    .venv/bin/python bench/pages.py --list           # the pages and their keys
    .venv/bin/python bench/pages.py --only plain,bare,feed-uncached,search-common
    .venv/bin/python bench/pages.py --seconds 10 --rounds 3
    .venv/bin/python bench/pages.py --in-process     # server time per page, no wrk
    .venv/bin/python bench/pages.py --proxy [NGINX]  # the pages through nginx's micro-cache
    .venv/bin/python bench/pages.py --database jitarsa_bench_1m --activities 1000000 --seed-only

Creates (once; later runs reuse it) the PostgreSQL database `--database` and bulk-inserts
published posts across the 104 agencies (activities/demo/bulk.py: a cover photo each, one
post in 100 with the rarer word, publication a few days after the activity and one in 50
much later), then serves the site with gunicorn (2 sync workers unless --workers and
--threads say otherwise; the container runs 3 x 2; DEBUG off,
bench/settings.py for the yardstick page, the Redis cache) and loads it with wrk (16
connections): every page in turn, `--rounds` times, so a slow spell of the machine hits all
of them alike.

Yardsticks: "plain" is a plain Django project outside Jitarsa (bench/plain_django.py,
startproject's middleware) serving a fixed 20 KB page with the same gunicorn settings;
"bare" is the same page through the project's own middleware (/bench/bare/); "plain-orm"
is the plain project's page of the newest 20 posts read by its ORM and written by a
template into the same 20 KB (the least a Django page built from the database costs, with
no cache: the floor under the rendered rows). "Cached"
pages are requested at a fixed address (the page cache answers after the first request);
"rendered" ones are asked of a second server of the same site with the page cache off
(PUBLIC_PAGE_CACHE=off), so each request is rendered from the database, as a page the cache
does not hold is. "A Facebook share" and "a made-up ?n=" carry a new `fbclid=` or `n=` on
every request, as every click from Facebook and a cache-busting client do: the page cache
drops parameters its page does not read (activities/cache.py) and answers.
Prints requests/s, p50, p99, the ratio to the plain view, the page size and the load
average before and after. Aims: cached >= 0.8 x plain; uncached >= 0.25 x plain with
p99 < 100 ms.

`--in-process` renders each page in this process with Django's test client (the page cache
off, the rest of the cache in local memory) and prints the median time, the number of SQL
queries and their time: the server's own cost per page, much less disturbed by other load
on the machine.
"""

import argparse
import datetime
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.page_posts import (  # noqa: E402
    COMMON_WORD,
    EIGHT_COMMON,
    LONG_QUERY,
    OLD_WORD,
    RARE_WORD,
    SERVER,
    create_database,
    old_campaign,
    seed,
    vacuum,
)
from bench.page_servers import RENDERED, measure  # noqa: E402

ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "bench-only-secret-key-bench-only-secret-key",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
    "DJANGO_STATIC_MANIFEST": "false",
    "DJANGO_HSTS_SECONDS": "0",
    "CACHE_URL": "redis://127.0.0.1:6379/4",
    "LOG_LEVEL": "WARNING",
}


def setup_django(database, cache_url=None):
    ENV["DATABASE_URL"] = f"{SERVER}/{database}"
    if cache_url:
        ENV["CACHE_URL"] = cache_url
    os.environ.update(ENV)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()


def pages():
    """(key, label, path, uncached) for every page measured."""
    from activities.models import Activity
    from activities.pagination import cursor
    from activities.sitemaps import ActivitySitemap
    from agencies.models import Agency
    from core.thaidate import BE_OFFSET

    public = Activity.objects.public()
    post = public.newest_first()[500]
    deep = public.newest_first()[10_000]  # where page 500 would start
    agency = Agency.objects.select_related("province").get(slug="peo-chiang-mai")
    kind = public.filter(agency=agency).values_list("activity_type__slug", flat=True).first()
    files = ActivitySitemap().paginator.num_pages
    year = datetime.date.today().year + BE_OFFSET
    feed = "/activities/"
    deep_cursor = cursor(deep, "published")
    deep_page = f"{feed}?before={deep_cursor}"
    common, rare = f"{feed}?q={COMMON_WORD}", f"{feed}?q={RARE_WORD}"
    by_place = f"{feed}?province={agency.province.slug}&type={kind}"
    every_filter = (
        f"{feed}?q=ปลูกต้นไม้&agency={agency.slug}&group={agency.group}"
        f"&region={agency.province.region}&province={agency.province.slug}&type={kind}"
        f"&year={year}&month=1&date_from={year - 543}-01-01&date_to={year - 543}-12-31&sort=date"
    )
    rows = [
        ("plain", "plain Django, 20 KB (yardstick)", "/bench/bare/", False),
        ("bare", "project's /bench/bare/, 20 KB", "/bench/bare/", False),
        ("plain-orm", "plain Django, 20 posts by ORM + template", "/bench/orm/", False),
        ("home", "home", "/", False),
        ("feed", "feed", feed, False),
        ("search", f"search “{RARE_WORD}”", f"{feed}?q={RARE_WORD}", False),
        ("detail", "detail", post.get_absolute_url(), False),
        ("rss", "/feed/ (RSS)", "/feed/", False),
        ("shared", "detail from a Facebook share (new fbclid)", post.get_absolute_url(), "click"),
        ("bust-feed", "feed with a made-up ?n= each request", feed, "bust"),
        ("bust-search", f"search “{COMMON_WORD}”, a made-up ?n= each", common, "bust"),
        ("scraper", "a new search each request, one address", f"{feed}?q=x", "scrape"),
        ("home-uncached", "home", "/", True),
        ("feed-uncached", "feed, page 1", feed, True),
        ("feed-page-500", "feed ?page=500 (numbers stop at 50)", f"{feed}?page=500", True),
        ("feed-keyset", "feed, 10,000 posts deep (keyset)", deep_page, True),
        ("feed-by-date", "feed by activity date, page 50", f"{feed}?sort=date&page=50", True),
        ("feed-province", "feed province+type", by_place, True),
        ("feed-every-filter", "feed with every filter", every_filter, True),
        ("search-rare", f"search “{RARE_WORD}” (1 in 100)", f"{feed}?q={RARE_WORD}", True),
        ("search-common", f"search “{COMMON_WORD}” (most posts)", f"{feed}?q={COMMON_WORD}", True),
        ("search-100", "search, 100 characters, 8 words", f"{feed}?q={LONG_QUERY}", True),
        ("search-new", f"a new search each time (“{COMMON_WORD}” + a new word)", common, "search"),
        ("detail-uncached", "detail", post.get_absolute_url(), True),
        ("agency", "agency page", agency.get_absolute_url(), True),
        ("stats", "statistics", "/stats/", True),
        ("rss-uncached", "/feed/ (RSS)", "/feed/", True),
        ("atom", "/feed/atom/", "/feed/atom/", True),
        ("agency-rss", "agency RSS", f"/agencies/{agency.slug}/feed/", True),
        ("type-rss", "activity type RSS", f"/feed/types/{kind}/", True),
        ("sitemap", "sitemap index", "/sitemap.xml", True),
        ("sitemap-posts", "sitemap of posts, file 2", "/sitemap-activities.xml?p=2", True),
        # The most expensive addresses we could think of (README, "Performance").
        ("w-marks", "worst: 3-letter word with a tone mark", f"{feed}?q=ก่า", True),
        ("w-old-word", "worst: a word only old posts hold", f"{feed}?q={OLD_WORD}", True),
        ("w-old-word-50", "worst: that word, page 50", f"{feed}?q={OLD_WORD}&page=50", True),
        ("w-8-common", "worst: 8 common 3-letter words", f"{feed}?q={EIGHT_COMMON}", True),
        ("w-common-50", "worst: common word, page 50", f"{common}&page=50", True),
        ("w-common-deep", "worst: common word, keyset", f"{common}&before={deep_cursor}", True),
        ("w-rare-date-50", "worst: rare word by date, page 50", f"{rare}&sort=date&page=50", True),
        ("w-month-50", "worst: a month of any year, page 50", f"{feed}?month=2&page=50", True),
        ("w-group-50", "worst: organisation group, page 50", f"{feed}?group=obec&page=50", True),
        ("w-region-50", "worst: education region, page 50", f"{feed}?region=1&page=50", True),
        ("w-agency-word", "worst: agency + common word", f"{common}&agency={agency.slug}", True),
        ("w-old-year", "worst: the oldest year, page 50", f"{feed}?year={year - 3}&page=50", True),
        ("w-agency-50", "worst: agency page 50", f"{agency.get_absolute_url()}?page=50", True),
        ("w-sitemap-last", "worst: last sitemap file", f"/sitemap-activities.xml?p={files}", True),
    ]  # fmt: skip
    return rows


def report(targets, results, sizes, args, load_before):
    def merged(runs):
        return {
            "rps": sum(r["rps"] for r in runs) / len(runs),
            "p50": sorted(r["p50"] for r in runs)[len(runs) // 2],
            "p99": max(r["p99"] for r in runs),
            "bad": sum(r["errors"] + r["non2xx"] for r in runs),
        }

    table = {key: merged(results[key]) for key, *_ in targets}
    plain = table.get("plain", {}).get("rps")
    print(
        f"\n{args.activities:,} published posts in {args.database}; wrk -t2 -c{args.connections}, "
        f"{args.seconds} s x {args.rounds} rounds per page; gunicorn {args.workers} workers"
        f" x {args.threads} threads, DEBUG off, Redis"
        + ("; pages through nginx (docs/nginx-proxy-cache.conf)" if args.proxy else "")
    )
    print(f"load average before: {load_before}; after: {load_average()}; {os.cpu_count()} CPUs\n")
    columns = ("req/s", "p50 ms", "p99 ms", "x plain")
    print(f"{'page':<46}{''.join(f'{c:>8}' for c in columns)}{'KB':>6}{'not 200':>8}")
    section = None
    for key, label, _path, uncached in targets:
        if key in ("plain", "bare", "plain-orm"):
            heading = "yardsticks"
        else:
            heading = "rendered (the page cache off)" if uncached in RENDERED else "cached"
        if heading != section:
            print(f"-- {heading}")
            section = heading
        row = table[key]
        ratio = f"{row['rps'] / plain:.2f}" if plain else "-"
        print(
            f"{label[:45]:<46}{row['rps']:>8.0f}{row['p50']:>8.1f}{row['p99']:>8.1f}"
            f"{ratio:>8}{sizes.get(key, 0) / 1024:>6.0f}{row['bad']:>8}"
        )


def load_average():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def in_process(targets, runs):
    """Each page rendered here with the test client: median ms, queries, SQL ms; then the
    same page right after a change (the content version moved on, as a publish moves it:
    the matches and other things kept per version are made again, the cards are kept)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from activities import cache

    client = Client()
    print(f"In-process, median of {runs}, page cache off, Redis cache; load {load_average()}\n")
    print(f"{'page':<46}{'ms':>8}{'queries':>9}{'SQL ms':>8}{'changed':>9}{'queries':>9}")
    for _key, label, path, uncached in targets:
        if uncached is not True:  # the yardsticks, and pages the uncached set renders anyway
            continue
        again, changed = [], []
        for times, change in ((again, False), (changed, True)):
            for _ in range(runs):
                if change:
                    cache.bump()
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path)
                    elapsed = (time.perf_counter() - started) * 1000
                sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
                times.append((elapsed, len(queries), sql))
                assert response.status_code == 200, (path, response.status_code)
        ms, count, sql = (statistics.median(column) for column in zip(*again, strict=True))
        ms_changed, count_changed, _ = (statistics.median(c) for c in zip(*changed, strict=True))
        print(
            f"{label[:45]:<46}{ms:>8.1f}{count:>9.0f}{sql:>8.1f}"
            f"{ms_changed:>9.1f}{count_changed:>9.0f}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--database", default="jitarsa_bench_pages")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn processes (each server)")
    parser.add_argument("--threads", type=int, default=1, help="threads each (container: 3 x 2)")
    parser.add_argument("--port", type=int, default=8114, help="the site; the yardstick +1")
    parser.add_argument("--only", help="comma-separated page keys (see --list)")
    parser.add_argument("--list", action="store_true", help="print the pages and exit")
    parser.add_argument("--seed-only", action="store_true")
    parser.add_argument("--in-process", type=int, nargs="?", const=15, metavar="RUNS")
    parser.add_argument(
        "--proxy",
        nargs="?",
        const=shutil.which("nginx") or "nginx",
        metavar="NGINX",
        help="measure the pages through nginx with docs/nginx-proxy-cache.conf",
    )
    args = parser.parse_args()
    if not args.in_process and not args.list and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    create_database(args.database)
    if args.in_process:
        ENV["PUBLIC_PAGE_CACHE"] = "off"
    setup_django(args.database)  # in-process too: the Redis cache, as production
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if seed(args.activities) | bool(old_campaign()):
        vacuum()
    if args.seed_only:
        return
    targets = pages()
    if args.list:
        for key, label, path, uncached in targets:
            print(f"{key:<20} {'uncached' if uncached else 'cached':<9} {label}: {path}")
        return
    if args.only:
        keys = set(args.only.split(","))
        targets = [t for t in targets if t[0] in keys]
    if args.in_process:
        in_process(targets, args.in_process)
        return
    cache.clear()
    load_before = load_average()
    results, sizes = measure(targets, args, ENV)
    report(targets, results, sizes, args, load_before)


if __name__ == "__main__":
    main()
