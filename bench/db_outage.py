"""PostgreSQL goes away and comes back: the site answers 503, then recovers by itself.

    .venv/bin/python bench/db_outage.py        (as root: runs PostgreSQL as user postgres)

Starts a throw-away PostgreSQL 15 cluster (initdb in /tmp, port 8155, never the machine's
shared one), migrates a database into it, runs gunicorn on 127.0.0.1:8156 against it, then:
stops PostgreSQL, checks /healthz and pages answer 503 (Thai page, Retry-After), starts
PostgreSQL again and checks the same gunicorn (no restart) answers 200 again, printing how
long recovery took. The cache is off (dummy://) so every page really asks the database;
with Redis, cached public pages keep answering 200 during the outage.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_PORT, WEB_PORT = 8155, 8156
PAGES = ("/healthz", "/", "/activities/", "/en/agencies/")


def as_postgres(*command):
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *map(str, command)],
        check=True,
        capture_output=True,
        text=True,
    )


def get(path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{WEB_PORT}{path}", timeout=15) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def report(label):
    print(f"-- {label}")
    statuses = {}
    for path in PAGES:
        started = time.perf_counter()
        status, headers, body = get(path)
        took = (time.perf_counter() - started) * 1000
        extra = ""
        if status == 503:
            friendly = ("เว็บไซต์ขอพักสักครู่", "The site is resting", '"unreachable"')
            thai = any(text in body for text in friendly)
            extra = f" Retry-After={headers.get('Retry-After')} friendly={thai}"
        print(f"   {status} {path:<16} {took:6.0f} ms{extra}")
        statuses[path] = status
    return statuses


def wait_for(predicate, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.25)
    return False


def main():
    work = Path(tempfile.mkdtemp(prefix="jitarsa-outage-"))
    data = work / "data"
    shutil.chown(work, "postgres")
    pg_ctl = [PG_BIN / "pg_ctl", "-D", data, "-l", work / "postgres.log", "-w"]
    options = f"-p {PG_PORT} -k {work} -c listen_addresses=127.0.0.1 -c fsync=off"
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/jitarsa_outage",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "db-outage-bench-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_MANIFEST": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "CACHE_URL": "dummy://",
        "LOG_LEVEL": "WARNING",
    }
    gunicorn = None
    try:
        as_postgres(PG_BIN / "initdb", "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8")
        as_postgres(*pg_ctl, "-o", options, "start")
        as_postgres(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", PG_PORT, "jitarsa_outage")
        python = ROOT / ".venv/bin/python"
        manage = [python, ROOT / "manage.py"]
        subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
        subprocess.run([*manage, "seed_demo"], env=env, check=True, cwd=ROOT, capture_output=True)
        gunicorn = subprocess.Popen(
            [
                ROOT / ".venv/bin/gunicorn",
                "jitarsa.wsgi:application",
                "--bind",
                f"127.0.0.1:{WEB_PORT}",
                "--workers",
                "2",
                "--threads",
                "2",
                "--timeout",
                "30",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_for(lambda: get("/healthz")[0] == 200, 60):
            sys.exit("gunicorn never became healthy")
        before = report("PostgreSQL up")

        as_postgres(*pg_ctl, "-m", "fast", "stop")
        down = report("PostgreSQL stopped")

        as_postgres(*pg_ctl, "-o", options, "start")
        restarted = time.perf_counter()
        recovered = wait_for(lambda: get("/healthz")[0] == 200, 60)
        print(
            f"-- PostgreSQL started again: /healthz 200 after "
            f"{time.perf_counter() - restarted:.1f} s, same gunicorn pid {gunicorn.pid}"
        )
        after = report("after recovery")

        ok = (
            all(s == 200 for s in before.values())
            and all(s == 503 for s in down.values())
            and recovered
            and all(s == 200 for s in after.values())
            and gunicorn.poll() is None
        )
        print("RESULT:", "ok (503 while down, 200 again without a restart)" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        if gunicorn:
            gunicorn.terminate()
            gunicorn.wait(10)
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *map(str, pg_ctl), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
