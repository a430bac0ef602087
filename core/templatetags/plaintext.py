from django import template

from core import text

register = template.Library()


@register.filter
def paragraphs(value):
    return text.paragraphs(value)
