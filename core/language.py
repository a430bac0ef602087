"""Which of the portal's two languages a page is in: Thai first, English at /en/."""

from django.utils.translation import get_language


def is_english(language=None):
    """Is `language` (by default the active one) English? With none active: Thai."""
    return (language or get_language() or "th").startswith("en")
