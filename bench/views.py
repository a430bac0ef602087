"""The yardstick for bench/pages.py: a fixed 20 KB page through the same Django stack."""

from django.http import HttpResponse

_HEAD = (
    b"<!doctype html><html lang='th'><head><meta charset='utf-8'><title>bare</title></head><body>"
)
_TAIL = b"</body></html>\n"
_LINE = "<p>จิตอาสา กระทรวงศึกษาธิการ</p>\n".encode()
_LINES = _LINE * ((20480 - len(_HEAD) - len(_TAIL)) // len(_LINE))
BARE_PAGE = (_HEAD + _LINES).ljust(20480 - len(_TAIL), b" ") + _TAIL


def bare_page(request):
    return HttpResponse(BARE_PAGE, content_type="text/html; charset=utf-8")
