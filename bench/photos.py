"""How long and how much memory the photo pipeline needs for one phone photo.

    .venv/bin/python bench/photos.py [--runs 3]

Makes a 12-megapixel JPEG (4000x3000, with EXIF orientation and GPS like a phone's) and a
12-megapixel HEIC in memory, then runs each through the whole pipeline (open_upload,
normalize, the 2560-px original as JPEG and every WebP rendition encoded), printing the
wall time and the peak memory: Python allocations (tracemalloc, which also sees Pillow's
image buffers) and the process's peak resident size (ru_maxrss). Aim: < 1 s, < 300 MB.
"""

import argparse
import io
import os
import resource
import sys
import time
import tracemalloc
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
    return image.size, sum(len(o) for o in outputs)


def measure(data, name):
    tracemalloc.start()
    started = time.perf_counter()
    size, stored = run_pipeline(data, name)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, size, stored


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    source = phone_photo()
    samples = {
        "12 MP JPEG": (jpeg_bytes(source), "IMG_0001.JPG"),
        "12 MP HEIC": (heic_bytes(source), "IMG_0002.HEIC"),
    }
    del source
    print(f"Pillow {Image.__version__}, {os.cpu_count()} CPU(s), {args.runs} run(s) each")
    for label, (data, name) in samples.items():
        times, peaks = [], []
        for _ in range(args.runs):
            elapsed, peak, size, stored = measure(data, name)
            times.append(elapsed)
            peaks.append(peak)
        print(
            f"{label}: {len(data) / 1e6:.1f} MB in -> {size[0]}x{size[1]} + renditions "
            f"({stored / 1e6:.2f} MB stored); best {min(times):.3f} s, worst {max(times):.3f} s, "
            f"peak traced {max(peaks) / 2**20:.0f} MiB"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"Peak resident size of the whole process (incl. Django, test images): {rss:.0f} MiB")


if __name__ == "__main__":
    main()
