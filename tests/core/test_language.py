from django.utils import translation

from core.language import is_english


def test_english_pages_are_english():
    with translation.override("en"):
        assert is_english()


def test_thai_is_the_language_when_none_is_active():
    with translation.override(None):
        assert not is_english()


def test_a_language_can_be_asked_about_by_code():
    assert is_english("en-us") and not is_english("th")
