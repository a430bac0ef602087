"""Time the open-data files at 100,000 posts: the whole CSV streamed (and the peak RSS, which
must not grow with it), JSON pages at the start and deep in the set, and a 304.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jitarsa_bench_reports \\
        .venv/bin/python bench/opendata.py

Uses the posts bench/reports.py seeded (run that first).
"""

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


def timed(label, request):
    begin = time.perf_counter()
    response, size = request()
    print(f"{label:<34} {(time.perf_counter() - begin) * 1000:9.1f} ms  {size:>12,} bytes")
    return response


def main():
    client = Client(HTTP_HOST="127.0.0.1")
    posts = Activity.objects.public().count()
    print(f"{posts:,} published posts")

    def whole_csv():
        response = client.get("/opendata/activities.csv")
        return response, sum(len(chunk) for chunk in response.streaming_content)

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    timed("activities.csv (all, streamed)", whole_csv)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{'  peak RSS before / after the CSV':<34} {before / 1024:6.0f} / {after / 1024:.0f} MB")
    deep = Activity.objects.public().order_by("pk").values_list("pk", flat=True)[posts - 1000]
    for label, url in [
        ("activities.json (first 100)", "/opendata/activities.json"),
        ("activities.json (1,000 near end)", f"/opendata/activities.json?cursor={deep}&limit=1000"),
        ("agencies.json", "/opendata/agencies.json?limit=1000"),
        ("catalog.jsonld", "/opendata/catalog.jsonld"),
    ]:
        response = timed(label, lambda url=url: (r := client.get(url), len(r.content)))
    etag = response["ETag"]
    again = timed(
        "catalog.jsonld again",
        lambda: (client.get("/opendata/catalog.jsonld", HTTP_IF_NONE_MATCH=etag), 0),
    )
    print(f"{'  status':<34} {again.status_code}")


if __name__ == "__main__":
    main()
