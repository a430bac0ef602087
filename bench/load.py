"""Two gunicorn processes, one PostgreSQL, one Redis: readers and uploading staff at once.

    .venv/bin/python bench/load.py [--seconds 120] [--uploaders 4] [--uploader form|direct]

Makes a fresh database jitarsa_load on the machine's PostgreSQL (seeded with the demo
posts), empties Redis db 5 (CACHE_URL redis://127.0.0.1:6379/5), starts gunicorn on
127.0.0.1:8151 and :8152 sharing both and one media folder, then for --seconds:

* readers: one `wrk` per port (--readers connections each) on the public feed
  (/activities/) and the RSS feed (/feed/);
* staff: --uploaders threads, each logged in as its own agency's staff member, creating
  posts with two phone-sized photos each. The uploader is pluggable: `form` (default)
  goes through the real staff form (/staff/new/, login, CSRF, multipart) alternating the
  two ports; `direct` calls activities.photos.add_photo in this process (for a branch
  without the staff pages).

Prints throughput, latency and errors (must be zero), then checks that every upload is in
the database with both photos and every stored file (photo and renditions) on disk.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORTS = (8151, 8152)
PG = "postgres://postgres@127.0.0.1:5432"
DB = "jitarsa_load"
MEDIA = Path(tempfile.mkdtemp(prefix="jitarsa-load-media-"))
ENV = {
    "DATABASE_URL": f"{PG}/{DB}",
    "CACHE_URL": "redis://127.0.0.1:6379/5",
    "MEDIA_ROOT": str(MEDIA),
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "load-bench-only",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_STATIC_MANIFEST": "0",
    "DJANGO_SECURE_COOKIES": "0",
    "DJANGO_HSTS_SECONDS": "0",
    "LOG_LEVEL": "WARNING",
    "ANONYMOUS_RENDERS_PER_MINUTE": "0",  # every reader here is one address, 127.0.0.1
}
os.environ.update(ENV)
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jitarsa.settings")

from bench.uploaders import (  # noqa: E402
    PASSWORD,
    DirectUploader,
    FormUploader,
    phone_photo,
    staff_loop,
)

WRK_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  if counter % 2 == 0 then return wrk.format("GET", "/feed/") end
  return wrk.format("GET", "/activities/")
end
"""


def run(*command, **kwargs):
    return subprocess.run([str(part) for part in command], check=True, cwd=ROOT, **kwargs)


def prepare(uploaders):
    run(
        "psql",
        f"{PG}/postgres",
        "-qc",
        f"DROP DATABASE IF EXISTS {DB}",
        "-c",
        f"CREATE DATABASE {DB}",
        capture_output=True,
    )
    run("redis-cli", "-n", "5", "flushdb", capture_output=True)
    manage = (ROOT / ".venv/bin/python", ROOT / "manage.py")
    run(*manage, "migrate", "-v", "0")
    run(*manage, "seed_demo", capture_output=True)
    import django

    django.setup()
    from agencies.models import Agency
    from tests.factories import make_staff

    agencies = list(Agency.objects.active().order_by("pk")[:uploaders])
    return [make_staff(agencies[i], f"loadstaff{i}", password=PASSWORD) for i in range(uploaders)]


def gunicorn_timeout():
    """As the container sets it (docker/entrypoint.sh): the photo time budget + 25 s."""
    return int(os.environ.get("PHOTO_REQUEST_BUDGET", "20")) + 25


def start_gunicorn(port):
    command = [
        ROOT / ".venv/bin/gunicorn",
        "jitarsa.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--threads",
        "4",
        "--timeout",
        str(gunicorn_timeout()),
    ]
    return subprocess.Popen(
        [str(c) for c in command],
        cwd=ROOT,
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_healthy(port, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"gunicorn on {port} never became healthy")


def start_wrk(port, seconds, script, connections):
    return subprocess.Popen(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",  # a phone's browser waits that long too
            "--latency",
            "-s",
            script,
            f"http://127.0.0.1:{port}",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )


def wrk_figures(output):
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    p50 = re.search(r"50%\s+(\S+)", output).group(1)
    p99 = re.search(r"99%\s+(\S+)", output).group(1)
    return requests, rate, int(non2xx.group(1)) if non2xx else 0, errors, p50, p99


def verify(results):
    from django.core.files.storage import default_storage

    from activities.models import Activity

    missing = []
    for title, ok, _detail, _took in results:
        if not ok:
            continue
        activity = Activity.objects.filter(title=title).first()
        photos = list(activity.photos.all()) if activity else []
        names = [n for p in photos for n in p.stored_names()]
        if len(photos) != 2 or not all(default_storage.exists(n) for n in names):
            missing.append(title)
    return missing


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--uploaders", type=int, default=4)
    parser.add_argument("--readers", type=int, default=2, help="wrk connections per port")
    parser.add_argument("--uploader", choices=("form", "direct"), default="form")
    args = parser.parse_args()

    users = prepare(args.uploaders)
    servers = [start_gunicorn(port) for port in PORTS]
    script = MEDIA / "feed.lua"
    script.write_text(WRK_SCRIPT)
    try:
        for port in PORTS:
            wait_healthy(port)
        photos = [phone_photo(1), phone_photo(2)]
        print(
            f"{len(photos)} photos per post, {sum(map(len, photos)) // 1024} KB together; "
            f"{args.uploaders} staff ({args.uploader}), "
            f"{args.readers} wrk connections per port, {args.seconds} s"
        )
        until = time.time() + args.seconds
        readers = [start_wrk(port, args.seconds, script, args.readers) for port in PORTS]
        results = []
        uploader_class = FormUploader if args.uploader == "form" else DirectUploader
        threads = [
            threading.Thread(
                target=staff_loop, args=(uploader_class, user, PORTS[i % 2], until, photos, results)
            )
            for i, user in enumerate(users)
        ]
        for thread in threads:
            thread.start()
        outputs = [reader.communicate()[0] for reader in readers]
        for thread in threads:
            thread.join()

        total_requests = total_errors = 0
        for port, output in zip(PORTS, outputs, strict=True):
            requests, rate, non2xx, socket_errors, p50, p99 = wrk_figures(output)
            total_requests += requests
            total_errors += non2xx + (1 if socket_errors else 0)
            print(
                f"readers :{port}  {requests} requests, {rate:.1f} req/s, p50 {p50}, "
                f"p99 {p99}, non-2xx {non2xx}, socket errors "
                f"{socket_errors.group(1) if socket_errors else 'none'}"
            )
        print(f"readers total {total_requests / args.seconds:.1f} req/s")
        good = [r for r in results if r[1]]
        failed = [r for r in results if not r[1]]
        times = sorted(r[3] for r in good) or [0]
        print(
            f"uploads {len(good)} posts ({2 * len(good)} photos) in {args.seconds} s, "
            f"{len(good) / args.seconds * 60:.1f} posts/min, median {times[len(times) // 2]:.2f} s,"
            f" slowest {times[-1]:.2f} s, failed {len(failed)}"
        )
        for title, _ok, detail, _took in failed[:5]:
            print(f"   FAILED {title}: {detail}")
        missing = verify(results)
        print(
            f"every upload present afterwards (rows, 2 photos each, all files): "
            f"{'yes' if not missing else 'NO, missing ' + ', '.join(missing[:5])}"
        )
        for server in servers:
            if server.poll() is not None:
                print("a gunicorn process died:", server.stderr.read()[-2000:])
        ok = not failed and not missing and total_errors == 0 and good
        print("RESULT:", "ok" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(15)
        shutil.rmtree(MEDIA, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
