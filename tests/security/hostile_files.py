"""Deterministic hostile uploads for the fuzz tests: `hostile_files()` -> [(category, name, bytes)].

Every file is made from a fixed seed, so a failure names a file that the next run makes again.
Most are tiny; the few big ones (21 MB, decompression bombs) are made from repeated bytes.
"""

import io
import random
import struct
import zlib

from PIL import Image
from pillow_heif import register_heif_opener

register_heif_opener()

SEED = 20260706
BIG = 21 * 1024 * 1024


def _encode(fmt, size=(48, 36), mode="RGB", color=(200, 80, 40), **save_args):
    buffer = io.BytesIO()
    Image.new(mode, size, color if mode == "RGB" else 128).save(buffer, fmt, **save_args)
    return buffer.getvalue()


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(width, height, idat, bit_depth=8, colour_type=2):
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def _zeros_compressed(raw_size):
    """zlib data inflating to raw_size zero bytes, made in 1 MB pieces (cheap)."""
    packer = zlib.compressobj(9)
    piece = bytes(1024 * 1024)
    out = []
    for _ in range(raw_size // len(piece)):
        out.append(packer.compress(piece))
    out.append(packer.compress(bytes(raw_size % len(piece))))
    out.append(packer.flush())
    return b"".join(out)


def _jpeg_with_sof(width, height):
    """A small real JPEG whose frame header claims another size."""
    data = bytearray(_encode("JPEG"))
    sof = data.find(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def _tiff(entries, byte_order=b"MM", next_ifd=0, extra=b""):
    """A TIFF/EXIF block: entries are (tag, type, count, value-or-offset as 4 bytes)."""
    fmt = ">" if byte_order == b"MM" else "<"
    body = struct.pack(fmt + "H", len(entries))
    for tag, kind, count, value in entries:
        body += struct.pack(fmt + "HHI", tag, kind, count) + value
    body += struct.pack(fmt + "I", next_ifd)
    return byte_order + struct.pack(fmt + "HI", 42, 8) + body + extra


def _jpeg_with_exif(exif_block):
    data = _encode("JPEG")
    payload = b"Exif\x00\x00" + exif_block
    app1 = b"\xff\xe1" + struct.pack(">H", min(len(payload) + 2, 0xFFFF)) + payload[:0xFFFD]
    return data[:2] + app1 + data[2:]


def _short(value):
    return struct.pack(">HH", value, 0)


def _exif_cases(rng):
    orientation = 0x0112
    cases = {}
    for value in (0, 1, 2, 5, 8, 9, 255, 65535):
        cases[f"orientation-{value}"] = _tiff([(orientation, 3, 1, _short(value))])
    cases["orientation-long-type"] = _tiff([(orientation, 4, 1, struct.pack(">I", 2**32 - 1))])
    cases["orientation-count-huge"] = _tiff([(orientation, 3, 0x7FFFFFFF, _short(6))])
    cases["offset-past-end"] = _tiff([(0x010F, 2, 400, struct.pack(">I", 0x7FFFFFF0))])
    cases["giant-count-ascii"] = _tiff([(0x010F, 2, 0xFFFFFFFF, struct.pack(">I", 26))])
    cases["giant-count-rational"] = _tiff([(0x011A, 5, 0x40000000, struct.pack(">I", 26))])
    cases["ifd-loop"] = _tiff([(orientation, 3, 1, _short(3))], next_ifd=8)
    cases["gps-ifd-loop"] = _tiff([(0x8825, 4, 1, struct.pack(">I", 8))])
    cases["exif-ifd-past-end"] = _tiff([(0x8769, 4, 1, struct.pack(">I", 0xFFFFFF00))])
    cases["unknown-type"] = _tiff([(orientation, 99, 1, _short(6))])
    cases["entry-count-lies"] = b"MM\x00*\x00\x00\x00\x08\xff\xff" + b"\x00" * 20
    cases["bad-byte-order"] = b"XX\x00*\x00\x00\x00\x08" + b"\x00" * 20
    cases["ifd-offset-negative"] = b"II*\x00\xff\xff\xff\xff"
    cases["empty"] = b""
    cases["gps-with-position"] = _tiff(
        [
            (0x8825, 4, 1, struct.pack(">I", 26)),
        ],
        extra=struct.pack(">H", 1)
        + struct.pack(">HHI", 1, 2, 2)
        + b"N\x00\x00\x00"
        + struct.pack(">I", 0),
    )
    for i in range(40):
        cases[f"random-{i}"] = b"MM\x00*\x00\x00\x00\x08" + rng.randbytes(rng.randint(0, 300))
    return {name: _jpeg_with_exif(block) for name, block in cases.items()}


def _valid_bases():
    """Small valid images in every accepted format and some refused ones."""
    bases = {
        "jpeg": _encode("JPEG"),
        "jpeg-progressive": _encode("JPEG", progressive=True),
        "jpeg-cmyk": _encode("JPEG", mode="CMYK"),
        "jpeg-gray": _encode("JPEG", mode="L"),
        "png": _encode("PNG"),
        "png-palette": _encode("PNG", mode="P"),
        "png-gray-alpha": _encode("PNG", mode="LA"),
        "png-16bit": _encode("PNG", mode="I;16"),
        "png-1bit": _encode("PNG", mode="1"),
        "webp": _encode("WEBP"),
        "webp-lossless": _encode("WEBP", lossless=True),
        "heic": _encode("HEIF"),
    }
    return bases


REFUSED_FORMATS = {
    "gif": "GIF",
    "bmp": "BMP",
    "tiff": "TIFF",
    "ico": "ICO",
    "tga": "TGA",
    "pcx": "PCX",
    "ppm": "PPM",
    "jpeg2000": "JPEG2000",
}


def _disguised_text():
    return {
        "svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "svg-xml-decl": b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
        "svg-bom-space": b"\xef\xbb\xbf  \n<svg onload=alert(1)></svg>",
        "html": b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>",
        "html-upper": b"\r\n\t<HTML><BODY ONLOAD=alert(1)>",
        "html-utf16": "\ufeff<html><script>alert(1)</script>".encode("utf-16-le"),
        "script-only": b"<script>alert(1)</script>",
        "php": b"<?php system($_GET['c']); ?>",
        "plain-text": "สวัสดีครับ นี่ไม่ใช่รูปภาพ".encode(),
        "javascript": b"alert(1)//",
        "pdf": b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
        "zip": b"PK\x03\x04" + bytes(26) + b"PK\x05\x06" + bytes(18),
        "elf": b"\x7fELF\x02\x01\x01" + bytes(57),
        "shell": b"#!/bin/sh\nrm -rf /\n",
        "json": b'{"a": "<img src=x onerror=alert(1)>"}',
        "xml-entity-bomb": b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><svg/>',
    }


def _polyglots(jpeg, png, gif):
    html = b"<html><script>alert(1)</script></html>"
    zip_tail = b"PK\x03\x04" + bytes(26) + b"evil.html" + html + b"PK\x05\x06" + bytes(18)
    return {
        "jpeg+html": jpeg + html,
        "html-in-jpeg-comment": jpeg[:2]
        + b"\xff\xfe"
        + struct.pack(">H", len(html) + 2)
        + html
        + jpeg[2:],
        "gif+js": b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=alert(1)//;",
        "gif-real+js": gif + b"*/=alert(1)//",
        "png+zip": png + zip_tail,
        "jpeg+zip": jpeg + zip_tail,
        "pdf-with-jpeg-magic": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
        + b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF",
        "jpeg-magic+html": b"\xff\xd8\xff\xe0" + html,
        "png-magic+html": b"\x89PNG\r\n\x1a\n" + html,
        "riff-webp-magic+html": b"RIFF\x20\x00\x00\x00WEBPVP8 " + html,
        "html+jpeg": html + jpeg,
        "png-text-chunk-script": png[:33] + _png_chunk(b"tEXt", b"Comment\x00" + html) + png[33:],
        "jpeg+php": jpeg + b"<?php system($_GET['c']); ?>",
    }


def _huge_dimensions(rng):
    files = {
        "png-100000x100000": _png(100000, 100000, zlib.compress(b"\x00" * 64)),
        "png-1x2147483647": _png(1, 2**31 - 1, zlib.compress(b"\x00" * 64)),
        "png-4294967295-wide": _png(2**32 - 1, 1, zlib.compress(b"\x00" * 64)),
        "png-0x0": _png(0, 0, zlib.compress(b"")),
        "png-7072x7072-just-over": _png(7072, 7072, zlib.compress(b"\x00" * 64), 8, 0),
        "jpeg-65000x65000": _jpeg_with_sof(65000, 65000),
        "jpeg-65535x1": _jpeg_with_sof(65535, 1),
        "jpeg-0x0": _jpeg_with_sof(0, 0),
        "jpeg-10000x5001": _jpeg_with_sof(10000, 5001),
        "gif-65535x65535": b"GIF89a\xff\xff\xff\xff\x00\x00\x00" + b"\x3b",
        "webp-vp8x-16384x16384": b"RIFF\x1e\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x00\x00\x00\x00"
        + (16383).to_bytes(3, "little") * 2,
    }
    for i in range(20):
        width, height = rng.randint(1, 2**31 - 1), rng.randint(1, 2**31 - 1)
        files[f"png-random-{i}-{width}x{height}"] = _png(width, height, rng.randbytes(20))
        files[f"jpeg-random-{i}"] = _jpeg_with_sof(rng.randint(0, 65535), rng.randint(0, 65535))
    return files


def _bombs():
    """Small files that inflate to more pixels than allowed (or close to the limit)."""
    over = _png(8000, 8000, _zeros_compressed((8000 + 1) * 8000), 8, 0)  # 64 MP gray
    return {
        "png-bomb-64mp-gray": over,
        "png-bomb-truncated-idat": _png(20000, 20000, _zeros_compressed(4 * 1024 * 1024), 8, 2),
        "png-bomb-1bit-100000": _png(100000, 100000, _zeros_compressed(1024 * 1024), 1, 0),
        "png-near-limit-7000x7000-gray": _png(7000, 7000, _zeros_compressed(7001 * 7000), 8, 0),
        "png-idat-inflates-forever": _png(64, 64, _zeros_compressed(64 * 1024 * 1024)),
    }


def _big_files():
    return {
        "21mb-jpeg-magic": b"\xff\xd8\xff\xe0" + bytes(BIG),
        "21mb-png-magic": b"\x89PNG\r\n\x1a\n" + bytes(BIG),
        "21mb-text": b"A" * BIG,
    }


def _truncations(rng, bases):
    files = {}
    for name, data in bases.items():
        for cut in sorted({1, 2, 4, 8, 12, 16, 32, len(data) // 2, len(data) - 2, len(data) - 1}):
            if 0 < cut < len(data):
                files[f"{name}-cut-{cut}"] = data[:cut]
        for i in range(8):
            cut = rng.randint(1, len(data) - 1)
            files[f"{name}-cut-random-{i}-{cut}"] = data[:cut]
    return files


def _corruptions(rng, bases):
    files = {}
    for name, data in bases.items():
        for i in range(10):
            damaged = bytearray(data)
            area = min(len(damaged), 64 if i < 5 else len(damaged))  # headers, then anywhere
            for _ in range(rng.randint(1, 8)):
                damaged[rng.randrange(area)] = rng.randrange(256)
            files[f"{name}-flip-{i}"] = bytes(damaged)
        files[f"{name}-zeroed-header"] = bytes(32) + data[32:]
        files[f"{name}-doubled"] = data + data
        files[f"{name}-shuffled-tail"] = data[:16] + bytes(rng.sample(data[16:], len(data) - 16))
    return files


def hostile_files():
    """[(category, file name, content)] — more than 500 files, always the same ones."""
    rng = random.Random(SEED)
    bases = _valid_bases()
    refused = {
        name: _encode(fmt, mode="RGB" if fmt not in ("GIF",) else "P")
        for name, fmt in REFUSED_FORMATS.items()
    }
    ext = [".jpg", ".jpeg", ".png", ".webp", ".heic", ".JPG"]
    groups = {
        "valid": bases,
        "other-format": refused,
        "truncated": _truncations(rng, bases),
        "corrupted": _corruptions(rng, bases),
        "exif": _exif_cases(rng),
        "disguised": _disguised_text(),
        "polyglot": _polyglots(bases["jpeg"], bases["png"], refused["gif"]),
        "huge-dimensions": _huge_dimensions(rng),
        "bomb": _bombs(),
        "empty": {"zero-bytes": b"", "one-byte": b"\xff", "nul-kilobyte": bytes(1024)},
        "too-big": _big_files(),
        "noise": {f"noise-{i}": rng.randbytes(rng.randint(1, 4096)) for i in range(30)},
    }
    files = []
    for category, members in groups.items():
        for index, (name, content) in enumerate(members.items()):
            files.append((category, f"{name}{ext[index % len(ext)]}", content))
    return files
