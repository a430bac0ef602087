"""How long and how much memory a phone photo takes: the pipeline alone, and whole requests.

    .venv/bin/python bench/photos.py [--runs 3] [--form 30]

Makes a 12-megapixel JPEG (4000x3000, with EXIF orientation and GPS like a phone's), a
12-megapixel HEIC, and the 2560-px JPEG a browser sends after shrinking either (upload.js
does it for JPEG everywhere and for HEIC where the browser decodes it: Safari).

1. The pipeline (open_upload, normalize, the 2560-px original as JPEG, every WebP rendition,
   the 1200x630 share crop), each run in a fresh process as one upload request is: wall
   time and that process's peak resident size (ru_maxrss, Django included).
2. Per request, as the phone sends them (one photo each, POST /staff/<id>/photos/ through
   Django's test client on a throwaway SQLite database): the browser-shrunk JPEG, a 12-MP
   JPEG and a 12-MP HEIC sent as they are (the server converts; Chrome on Android cannot).
   Aim: JPEG < 1 s, every request < 10 s.
3. With --form N: the form without JavaScript, N HEIC photos in one request, against the
   time budget (PHOTO_REQUEST_BUDGET): how long it took and how many photos it kept.

Figures depend on the machine and its load: measure on a quiet one.
"""

import argparse
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jitarsa.settings")

import django  # noqa: E402

django.setup()

from PIL import Image  # noqa: E402

from activities import photos  # noqa: E402

SIZE = (4000, 3000)


def phone_photo():
    """A noisy gradient (compresses like a real photo, unlike a flat colour)."""
    gradient = Image.linear_gradient("L").resize(SIZE)
    noise = Image.effect_noise(SIZE, 40)
    return Image.merge("RGB", (gradient, noise, gradient.transpose(Image.Transpose.ROTATE_180)))


def jpeg_bytes(image):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated, as phones write it
    exif.get_ifd(0x8825)[2] = (13.0, 45.0, 30.0)  # GPS latitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif)
    return buffer.getvalue()


def heic_bytes(image):
    buffer = io.BytesIO()
    image.save(buffer, "HEIF", quality=80)
    return buffer.getvalue()


def browser_jpeg(image):
    """What upload.js sends after shrinking: upright, 2560 px, JPEG quality 0.85, no EXIF."""
    upright = image.transpose(Image.Transpose.ROTATE_270)
    small = upright.resize((1920, 2560), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


class Upload(io.BytesIO):
    def __init__(self, data, name):
        super().__init__(data)
        self.name, self.size = name, len(data)


def run_pipeline(data, name):
    image = photos.normalize(photos.open_upload(Upload(data, name)))
    outputs = [photos.encode_jpeg(image)]
    outputs += [photos.encode_webp(r) for r in photos.renditions(image)]
    outputs.append(photos.encode_jpeg(photos.share_rendition(image)))
    return image.size, sum(len(o) for o in outputs)


def measure_alone(path):
    """Run the pipeline once in this process and report (seconds, peak MiB, added MiB)."""
    data = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    started, cpu = time.perf_counter(), time.process_time()
    size, stored = run_pipeline(data, Path(path).name)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps([elapsed, peak, peak - before, size, stored, cpu]))


def measure(path):
    """A fresh process per run, as one upload request is: its peak memory is the figure."""
    result = subprocess.run(
        [sys.executable, __file__, "--one", str(path)], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


REQUEST_SAMPLES = [
    # label, file, content type
    ("shrunk in the browser: 2560-px JPEG (any JPEG; HEIC in Safari)", "browser.jpg", "image/jpeg"),
    ("12 MP JPEG sent as it is", "IMG_0001.JPG", "image/jpeg"),
    ("12 MP HEIC sent as it is (Chrome: the server converts)", "IMG_0002.HEIC", "image/heic"),
]


def staff_client():
    """A throwaway database's staff member, signed in to Django's test client."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client

    from agencies.models import Agency, Membership
    from agencies.roles import STAFF_GROUP

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench-staff", password="bench-Password-1")
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    agency = Agency.objects.get(slug="peo-chiang-mai")
    Membership.objects.create(user=user, agency=agency)
    client = Client()
    client.force_login(user)
    return client, user, agency


def time_request(client, url, data):
    started = time.perf_counter()
    response = client.post(url, data)
    return time.perf_counter() - started, response


def measure_requests(folder, runs, form_count):
    """In this (child) process, on a throwaway database: one upload request of each kind."""
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from activities.models import Activity, ActivityType

    client, user, agency = staff_client()

    def upload(name, content_type):
        data = (folder / name).read_bytes()
        return SimpleUploadedFile(name, data, content_type=content_type)

    def draft_url():  # a fresh draft each time, as the first photo of a post makes one
        post = Activity.objects.create(agency=agency, created_by=user)
        return reverse("staff:add_photo", args=[post.pk])

    time_request(client, draft_url(), {"photo": upload("browser.jpg", "image/jpeg")})  # warm up
    results = {}
    for label, name, content_type in REQUEST_SAMPLES:
        results[label] = []
        for _ in range(runs):
            seconds, response = time_request(
                client, draft_url(), {"photo": upload(name, content_type), "order": "0"}
            )
            assert response.status_code == 201, response.content
            results[label].append(seconds)
    if form_count:
        data = {
            "agency": agency.pk,
            "title": "bench",
            "activity_type": ActivityType.objects.first().pk,
            "start_date": "2026-07-21",
            "venue": "bench",
            "participants": "1",
            "body": "bench",
            "action": "draft",
            "new_photos": [upload("IMG_0002.HEIC", "image/heic") for _ in range(form_count)],
        }
        seconds, response = time_request(client, reverse("staff:create"), data)
        assert response.status_code == 302, response.status_code
        kept = Activity.objects.latest("pk").photos.count()
        results["form"] = [seconds, kept, form_count, settings.PHOTO_REQUEST_BUDGET]
    print(json.dumps(results))


def requests_in_child(folder, runs, form_count):
    scratch = Path(tempfile.mkdtemp(prefix="jitarsa-bench-db-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{scratch / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(scratch / "media"),
        "DJANGO_DEBUG": "1",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, __file__, "--requests", str(folder), "--runs", str(runs)]
    command += ["--form", str(form_count)]
    result = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
    shutil.rmtree(scratch)
    return json.loads(result.stdout.strip().splitlines()[-1])


def report_requests(results):
    print("Per request (one photo each, as upload.js sends them):")
    slowest = 0.0
    for label, _name, _type in REQUEST_SAMPLES:
        times = results[label]
        slowest = max(slowest, *times)
        print(f"  {label}: best {min(times):.2f} s, worst {max(times):.2f} s")
    verdict = "yes" if slowest < 10 else "NO"
    print(f"  every request under 10 s: {verdict} (slowest {slowest:.2f} s)")
    if "form" in results:
        seconds, kept, sent, budget = results["form"]
        print(
            f"Without JavaScript, {sent} HEIC in one request: {seconds:.1f} s, {kept} kept within "
            f"the {budget} s budget, {sent - kept} named to add again"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--make", help=argparse.SUPPRESS)
    parser.add_argument("--requests", help=argparse.SUPPRESS)
    parser.add_argument("--form", type=int, default=0, help="also N HEIC in one form request")
    args = parser.parse_args()
    if args.one:
        measure_alone(args.one)
        return
    if args.requests:
        measure_requests(Path(args.requests), args.runs, args.form)
        return
    folder = Path(args.make or tempfile.mkdtemp(prefix="jitarsa-bench-"))
    samples = {
        "12 MP JPEG": folder / "IMG_0001.JPG",
        "12 MP HEIC": folder / "IMG_0002.HEIC",
    }
    if args.make:
        source = phone_photo()
        samples["12 MP JPEG"].write_bytes(jpeg_bytes(source))
        samples["12 MP HEIC"].write_bytes(heic_bytes(source))
        (folder / "browser.jpg").write_bytes(browser_jpeg(source))
        return
    # Made in a child: Linux hands a process's peak size on to the processes it starts.
    subprocess.run([sys.executable, __file__, "--make", str(folder)], check=True)
    print(f"Pillow {Image.__version__}, {os.cpu_count()} CPU(s), {args.runs} run(s) each")
    for label, path in samples.items():
        runs = [measure(path) for _ in range(args.runs)]
        times = [r[0] for r in runs]
        size, stored = runs[0][3], runs[0][4]
        print(
            f"{label}: {path.stat().st_size / 1e6:.1f} MB in -> {size[0]}x{size[1]} + renditions "
            f"({stored / 1e6:.2f} MB stored); best {min(times):.3f} s, worst {max(times):.3f} s "
            f"(CPU {min(r[5] for r in runs):.3f}-{max(r[5] for r in runs):.3f} s: on a busy "
            "machine the wall time grows, the CPU time much less); "
            f"process peak {max(r[1] for r in runs):.0f} MiB "
            f"(of which the pipeline {max(r[2] for r in runs):.0f} MiB)"
        )
    report_requests(requests_in_child(folder, args.runs, args.form))
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
