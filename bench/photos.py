"""How long and how much memory the photo pipeline needs for one phone photo.

    .venv/bin/python bench/photos.py [--runs 3]

Makes a 12-megapixel JPEG (4000x3000, with EXIF orientation and GPS like a phone's) and a
12-megapixel HEIC, then runs each through the whole pipeline (open_upload, normalize, the
2560-px original as JPEG, every WebP rendition and the 1200x630 share crop encoded), each
run in a fresh process as one upload request is, printing the wall time and that process's peak
resident size (ru_maxrss, Django included) and how much of it the pipeline added.
Aim: < 1 s, < 300 MB.
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--make", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        measure_alone(args.one)
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
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
