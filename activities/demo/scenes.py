"""Invented photos: landscapes drawn with Pillow, so the demo needs no image files."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

PALETTES = [
    ((255, 183, 77), (120, 190, 240)),
    ((250, 140, 110), (70, 110, 190)),
    ((180, 220, 250), (60, 140, 200)),
    ((255, 220, 150), (240, 120, 80)),
    ((200, 230, 255), (110, 170, 220)),
    ((170, 200, 170), (60, 120, 160)),
]


def draw_scene(seed, size=(1200, 800)):
    """A landscape of gradients and shapes: sky, sun, hills, trees and people."""
    rng = random.Random(seed)
    width, height = size
    top, bottom = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    sun_x, sun_y, sun_r = rng.randint(100, width - 100), rng.randint(60, 220), rng.randint(40, 80)
    draw.ellipse([sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r], fill=(255, 236, 150))
    for layer in range(3):
        base = int(height * (0.55 + 0.1 * layer))
        green = (40 + 30 * layer, 120 + 25 * layer, 60 + 10 * layer)
        points = (
            [(0, height)]
            + [(x, base - rng.randint(0, 120 - 30 * layer)) for x in range(0, width + 150, 150)]
            + [(width, height)]
        )
        draw.polygon(points, fill=green)
    for _tree in range(rng.randint(4, 9)):
        x, y = rng.randint(0, width), rng.randint(int(height * 0.65), height - 40)
        draw.rectangle([x - 6, y, x + 6, y + 40], fill=(100, 70, 40))
        draw.polygon([(x - 35, y + 5), (x, y - 80), (x + 35, y + 5)], fill=(30, 110, 50))
    for _person in range(rng.randint(3, 8)):
        x, y = rng.randint(40, width - 40), rng.randint(int(height * 0.72), height - 70)
        shirt = rng.choice([(250, 210, 60), (240, 240, 240), (60, 90, 170), (220, 80, 60)])
        draw.ellipse([x - 12, y - 24, x + 12, y], fill=(200, 150, 110))
        draw.rounded_rectangle([x - 18, y, x + 18, y + 55], radius=8, fill=shirt)
    return image


def scene_upload(seed):
    buffer = io.BytesIO()
    draw_scene(seed).save(buffer, "JPEG", quality=88)
    return SimpleUploadedFile(f"demo-{seed}.jpg", buffer.getvalue(), content_type="image/jpeg")
