from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from core.siteurl import site_url


def site(request):
    """Contact details for the footer and the current page's address in each language."""
    path = request.get_full_path()
    current = get_language()
    languages = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "CONTACT_PHONE": settings.CONTACT_PHONE,
        "SITE_URL": site_url(request),
        "site_languages": languages,
    }
