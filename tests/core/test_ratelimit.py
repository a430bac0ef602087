from django.core.cache import cache

from core.ratelimit import Limit


def test_events_beyond_the_allowed_number_are_refused():
    limit = Limit("test", 3, 60)
    assert [limit.hit("a") for _ in range(5)] == [True, True, True, False, False]
    assert limit.reached("a")


def test_each_key_counts_on_its_own():
    limit = Limit("test", 1, 60)
    assert limit.hit("a") and limit.hit("b")
    assert not limit.reached("c")


def test_the_window_ends_and_counting_starts_again():
    limit = Limit("test", 1, 60)
    limit.hit("a")
    cache.delete(limit._key("a"))  # what the cache does when the window's timeout passes
    assert limit.hit("a")


def test_no_address_is_written_into_the_cache_keys():
    key = Limit("reset", 3, 60)._key("somchai@example.com")
    assert "somchai" not in key and "example" not in key
