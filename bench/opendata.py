"""Time the open-data files at 100,000 posts: building each whole-dataset file (what the
worker does every night: time and the process's peak RSS), then serving the built files
(what a request costs: the whole CSV, XLSX and JSON read back through the view), a 304, and
JSON pages at the start and deep in the set.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jitarsa_bench_pages \\
        .venv/bin/python bench/opendata.py [--serve-only]

Uses the posts `bench/pages.py --seed-only` (or bench/reports.py) seeded; run that first.
The files go to MEDIA_ROOT (set it to a scratch folder).
"""

import argparse
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jitarsa.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from activities.models import Activity  # noqa: E402
from opendata import build  # noqa: E402
from opendata.datasets import DATASETS  # noqa: E402


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label, request):
    begin = time.perf_counter()
    response, size = request()
    print(f"{label:<46} {(time.perf_counter() - begin) * 1000:9.1f} ms  {size:>12,} bytes")
    return response


def build_files():
    print(f"{'built by the worker':<46} {'time':>12}  {'size':>12}  {'rows':>8}  peak RSS")
    for dataset in DATASETS.values():
        for fmt in build.WRITERS:
            begin = time.perf_counter()
            built = build.build(dataset, fmt)
            print(
                f"  {built.download_name:<44} {time.perf_counter() - begin:10.1f} s"
                f"  {built.size:>12,}  {built.rows:>8,}  {peak_mb():.0f} MB"
            )


def serve_files(client):
    def whole(url):
        def request():
            response = client.get(url)
            return response, sum(len(chunk) for chunk in response.streaming_content)

        return request

    for url in ("/opendata/activities.csv", "/opendata/activities.xlsx",
                "/opendata/activities.full.json", "/opendata/agencies.csv"):  # fmt: skip
        response = timed(f"{url[10:]} (served, read to the end)", whole(url))
    again = timed(
        "agencies.csv again (If-None-Match)",
        lambda: (client.get("/opendata/agencies.csv", HTTP_IF_NONE_MATCH=response["ETag"]), 0),
    )
    print(f"{'  status':<46} {again.status_code}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--serve-only", action="store_true", help="use the files built before")
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1")
    posts = Activity.objects.public().count()
    print(f"{posts:,} published posts; load average {os.getloadavg()[0]:.1f}")
    print(f"{'  peak RSS at the start':<46} {peak_mb():.0f} MB")
    if not args.serve_only:
        build_files()
    serve_files(client)
    deep = Activity.objects.public().order_by("pk").values_list("pk", flat=True)[posts - 1000]
    for label, url in [
        ("activities.json (first 100)", "/opendata/activities.json"),
        ("activities.json (1,000 near end)", f"/opendata/activities.json?cursor={deep}&limit=1000"),
        ("agencies.json", "/opendata/agencies.json?limit=1000"),
        ("catalog.jsonld", "/opendata/catalog.jsonld"),
    ]:
        timed(label, lambda url=url: (r := client.get(url), len(r.content)))


if __name__ == "__main__":
    main()
