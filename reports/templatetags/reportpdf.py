"""Figures in the PDF report: {{ n|figure:digits }} groups thousands and, when the
coordinator asks for them, writes Thai digits (๑๒๓); {{ text|digits:digits }} only swaps."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

register = template.Library()

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@register.filter
def digits(value, style="arabic"):
    text = str(value)
    return text.translate(THAI_DIGITS) if style == "thai" else text


@register.filter
def figure(value, style="arabic"):
    if value in (None, ""):
        value = 0
    if not isinstance(value, int):
        value = round(float(value))
    return digits(intcomma(value, use_l10n=False), style)
