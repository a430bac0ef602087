"""What a photo says about itself, kept at upload before its metadata is stripped: when it
was taken (EXIF) and its fingerprint (dHash)."""

import datetime
import re
import warnings

from django.utils import timezone
from PIL import ExifTags, Image

from core import thaidate

_EXIF_TIME = re.compile(r"(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
_EXIF_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")
_BE_OFFSET = thaidate.BE_OFFSET


def examine(photo, uploaded_file, image):
    """Fill `photo.taken_at` and `photo.phash` from the upload and its cleaned picture."""
    photo.taken_at = capture_time(uploaded_file)
    photo.phash = fingerprint(image)


def capture_time(file):
    """When the camera took the photo (aware datetime), or None when it does not say."""
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exif = Image.open(file).getexif()
        details = exif.get_ifd(ExifTags.IFD.Exif)
    except Exception:  # no or broken EXIF: the date is simply unknown
        return None
    for taken, offset in (
        (ExifTags.Base.DateTimeOriginal, ExifTags.Base.OffsetTimeOriginal),
        (ExifTags.Base.DateTimeDigitized, ExifTags.Base.OffsetTimeDigitized),
    ):
        value = parse_exif_time(details.get(taken), details.get(offset))
        if value:
            return value
    return None


def _text(value):
    if isinstance(value, bytes):
        value = value.decode("ascii", "ignore")
    return str(value or "").strip("\x00 ")


def parse_exif_time(value, offset=None):
    """ "2023:03:03 10:15:00" (+ "+07:00") as an aware datetime; None when blank or absurd."""
    match = _EXIF_TIME.match(_text(value))
    if not match:
        return None
    year, month, day, hour, minute, second = (int(part) for part in match.groups())
    if year > timezone.now().year + _BE_OFFSET // 2:
        year -= _BE_OFFSET  # a phone set to the Buddhist calendar wrote the Thai year
    if year < 1990:  # a camera whose clock was never set (1970, 0000, …)
        return None
    try:
        naive = datetime.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    zone = _zone(offset)
    return naive.replace(tzinfo=zone) if zone else timezone.make_aware(naive)


def _zone(offset):
    match = _EXIF_OFFSET.fullmatch(_text(offset))
    if not match:
        return None
    sign, hours, minutes = match.groups()
    delta = datetime.timedelta(hours=int(hours), minutes=int(minutes))
    if delta > datetime.timedelta(hours=14):
        return None
    return datetime.timezone(-delta if sign == "-" else delta)


def fingerprint(image):
    """dHash: is each of 8x8 cells of a 9x8 grey thumbnail brighter than its right neighbour?

    "" for a picture of one flat colour, whose hash would match every other flat picture.
    """
    small = image.resize((9, 8), Image.Resampling.BOX).convert("L").tobytes()
    bits = 0
    for row in range(8):
        for col in range(8):
            bits = bits << 1 | (small[row * 9 + col] > small[row * 9 + col + 1])
    return "" if bits in (0, 2**64 - 1) else f"{bits:016x}"
