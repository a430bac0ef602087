#!/bin/sh
# Build the image offline and check it answers against the PostgreSQL on this machine.
#
#   make docker-check          (as root; needs apt: podman runc debootstrap)
#
# No registry is reachable here, so (see TESTING.md): a local Debian trixie base image
# made with debootstrap (built once, then reused), wheels downloaded on the host for
# Python 3.13 and installed with --no-index inside the build. The container runs with
# the host network against a fresh database jitarsa_docker and must answer /healthz,
# /, /feed/, /admin/login/ and /opendata/, and make a Thai PDF; a worker container from the
# same image must then beat (/healthz/worker). Everything it starts is removed again.
# DOCKER_CHECK_DIR, _PORT, _DB and _IMAGE let two checks run side by side.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${DOCKER_CHECK_DIR:-/var/tmp/jitarsa-docker}
BASE=${DOCKER_CHECK_BASE:-localhost/jitarsa-base:trixie}
IMAGE=${DOCKER_CHECK_IMAGE:-localhost/jitarsa:check}
NAME=jitarsa-check-$$
PORT=${DOCKER_CHECK_PORT:-8150}
PG=${DOCKER_CHECK_PG:-postgres://postgres@127.0.0.1:5432}
DB=${DOCKER_CHECK_DB:-jitarsa_docker}
PY=${PYTHON:-$ROOT/.venv/bin/python}
mkdir -p "$WORK"

for tool in podman runc; do
  command -v $tool >/dev/null || { echo "docker-check needs $tool: apt-get install -y podman runc debootstrap"; exit 2; }
done
# Limits below this machine's own: without CAP_SYS_RESOURCE runc cannot raise them.
printf '[containers]\ndefault_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]\n[engine]\nruntime = "runc"\n' \
  > "$WORK/containers.conf"
export CONTAINERS_CONF="$WORK/containers.conf"

cleanup() {
  podman rm -f "$NAME" "$NAME-worker" >/dev/null 2>&1 || true
  psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

step() { echo "== $(date +%T) $*"; }

if [ -n "${DOCKER_CHECK_PYTHON_IMAGE:-}" ]; then
  BASE=$DOCKER_CHECK_PYTHON_IMAGE
elif ! podman image exists "$BASE"; then
  command -v debootstrap >/dev/null || { echo "docker-check needs debootstrap to make a base image"; exit 2; }
  step "base image $BASE from debootstrap (once)"
  rm -rf "$WORK/rootfs"
  debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates trixie \
    "$WORK/rootfs" http://deb.debian.org/debian >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log"; exit 1; }
  rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
  tar -C "$WORK/rootfs" -c . | podman import - "$BASE" >/dev/null
  rm -rf "$WORK/rootfs"
fi

step "the locked files for Python 3.13, downloaded on the host"
mkdir -p "$WORK/wheels"
# The lock names every package, so --no-deps; its hashes are checked here and again in the
# build. XStatic-Bootstrap's only release is an sdist (built in the image, as from PyPI);
# preparing it here needs the venv's setuptools<81, hence --no-build-isolation.
# pip download judges the lock's markers (python_full_version >= '3.12') by the host's
# Python, not --python-version: keep the lines meant for the image's 3.13 first.
"$PY" - "$ROOT/requirements.lock" "$WORK/requirements-313.txt" <<'PYMARKERS'
import re, sys
from packaging.markers import Marker
image = {"python_version": "3.13", "python_full_version": "3.13.5", "sys_platform": "linux",
         "platform_system": "Linux", "implementation_name": "cpython",
         "platform_python_implementation": "CPython", "platform_machine": "x86_64"}
text = open(sys.argv[1]).read()
kept = []
for block in re.split(r"\n(?=\S)", text):
    head, _, rest = block.partition(" \\\n")
    name, _, marker = head.partition(" ; ")
    if name.startswith("#") or not marker or Marker(marker).evaluate(image):
        kept.append(name + (" \\\n" + rest if rest else ""))
open(sys.argv[2], "w").write("\n".join(kept) + "\n")
PYMARKERS
"$PY" -m pip download -q --no-deps --only-binary=:all: --no-binary=xstatic-bootstrap \
  --no-build-isolation --python-version 3.13 --implementation cp \
  --platform manylinux2014_x86_64 --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
  -d "$WORK/wheels" -r "$WORK/requirements-313.txt"
"$PY" -m pip download -q --only-binary=:all: --python-version 3.13 --implementation cp \
  --platform manylinux2014_x86_64 -d "$WORK/wheels" "setuptools<81" wheel

step "build $IMAGE from $BASE"
podman build -q --format docker --network host \
  --build-arg BASE_IMAGE="$BASE" --build-arg PIP_NO_INDEX=1 --build-arg PIP_FIND_LINKS=/wheels \
  --volume "$WORK/wheels:/wheels:ro" -t "$IMAGE" "$ROOT" >/dev/null

step "fresh database $DB"
psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null

step "run on 127.0.0.1:$PORT (migrations at start)"
# --no-healthcheck: podman schedules health checks with systemd timers, absent here; the
# image's HEALTHCHECK command is run by hand below instead.
podman run -d --name "$NAME" --network host --no-healthcheck \
  -e DJANGO_SECRET_KEY=docker-check-not-secret -e DJANGO_ALLOWED_HOSTS=127.0.0.1 \
  -e DATABASE_URL="$PG/$DB" -e RUN_MIGRATIONS=1 -e PORT="$PORT" -e GUNICORN_BIND="127.0.0.1:$PORT" \
  -e GUNICORN_WORKERS=2 -e DJANGO_SECURE_COOKIES=0 -e DJANGO_HSTS_SECONDS=0 \
  "$IMAGE" >/dev/null

"$PY" - "$PORT" "$NAME" "$IMAGE" <<'PYCHECK'
import json, subprocess, sys, time, urllib.error, urllib.request

port, name, image = sys.argv[1], sys.argv[2], sys.argv[3]
base = f"http://127.0.0.1:{port}"

def get(path):
    try:
        with urllib.request.urlopen(base + path, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()

deadline = time.time() + 120
while True:
    try:
        status, _, body = get("/healthz")
        if status == 200:
            break
    except OSError:
        pass
    if time.time() > deadline:
        print(subprocess.run(["podman", "logs", name], capture_output=True, text=True).stderr[-3000:])
        sys.exit("the container never answered /healthz")
    time.sleep(1)

checks = {
    "/healthz": lambda s, h, b: s == 200 and json.loads(b)["database"] == "ok",
    "/": lambda s, h, b: s == 200 and "text/html" in h["Content-Type"] and "จิตอาสา".encode() in b,
    "/feed/": lambda s, h, b: s == 200 and "xml" in h["Content-Type"] and b"<rss" in b,
    "/admin/login/": lambda s, h, b: s == 200 and b'name="password"' in b,
    "/static/css/site.css": lambda s, h, b: s == 200 and "text/css" in h["Content-Type"],
    "/opendata/agencies.json": lambda s, h, b: s == 200 and len(json.loads(b)["data"]) == 100,
}
failed = 0
for path, ok in checks.items():
    status, headers, body = get(path)
    good = ok(status, headers, body)
    failed += not good
    print(f"{'ok ' if good else 'BAD'} {status} {path} ({len(body)} bytes)")
probe = json.loads(subprocess.run(["podman", "image", "inspect", image],
    capture_output=True, text=True).stdout)[0]["Healthcheck"]["Test"]
health = subprocess.run(["podman", "exec", name, *probe[1:]], capture_output=True)
print(f"{'ok ' if health.returncode == 0 else 'BAD'} HEALTHCHECK {probe[1:3]}... exit {health.returncode}")
failed += health.returncode != 0
# The PDF report's engine: Pango/HarfBuzz from the image, Sarabun from the venv, Thai text.
typeset = subprocess.run(["podman", "exec", name, "python", "-c",
    "import fontpkg, weasyprint; f = fontpkg.path('Sarabun').as_uri(); "
    "html = '<style>@font-face{font-family:S;src:url(%s)} p{font-family:S}</style>' % f; "
    "pdf = weasyprint.HTML(string=html + '<p>ศูนย์ประสานงานจิตอาสา</p>').write_pdf(); "
    "assert pdf.startswith(b'%PDF')"], capture_output=True, text=True)
print(f"{'ok ' if typeset.returncode == 0 else 'BAD'} PDF engine with Sarabun {typeset.stderr[-300:]}")
failed += typeset.returncode != 0
user = subprocess.run(["podman", "exec", name, "id", "-u"], capture_output=True, text=True)
print(f"{'ok ' if user.stdout.strip() != '0' else 'BAD'} runs as uid {user.stdout.strip()}")
failed += user.stdout.strip() == "0"
log = subprocess.run(["podman", "logs", name], capture_output=True, text=True)
lines = [line for line in (log.stdout + log.stderr).splitlines() if "GET /feed/" in line]
print(f"{'ok ' if lines else 'BAD'} request log line: {lines[:1]}")
failed += not lines
sys.exit(1 if failed else 0)
PYCHECK

step "the worker (same image, command: worker) beats within 90 s"
podman run -d --name "$NAME-worker" --network host --no-healthcheck \
  -e DJANGO_SECRET_KEY=docker-check-not-secret -e DJANGO_ALLOWED_HOSTS=127.0.0.1 \
  -e DATABASE_URL="$PG/$DB" "$IMAGE" worker >/dev/null
"$PY" - "$PORT" "$NAME-worker" <<'PYCHECK'
import json, subprocess, sys, time, urllib.error, urllib.request

port, name = sys.argv[1], sys.argv[2]
deadline = time.time() + 90
while time.time() < deadline:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/worker", timeout=10)
        break
    except (urllib.error.HTTPError, OSError):
        time.sleep(3)
else:
    print(subprocess.run(["podman", "logs", name], capture_output=True, text=True).stdout[-3000:])
    sys.exit("BAD the worker never beat")
check = subprocess.run(["podman", "exec", name, "python", "manage.py", "check_worker"],
                       capture_output=True, text=True)
print(f"{'ok ' if check.returncode == 0 else 'BAD'} worker beats; check_worker: {check.stdout.strip()}")
sys.exit(check.returncode)
PYCHECK
step "docker-check passed"
