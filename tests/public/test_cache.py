"""Anonymous pages come from the cache, and a change the public can see retires them."""

import pytest
from django.core.cache import cache

from activities import workflow
from pages.models import Page
from tests.factories import make_activity, make_coordinator, make_user

PAGES = ["/", "/activities/", "/agencies/peo-chiang-mai/", "/feed/"]


@pytest.fixture
def coordinator(db):
    return make_coordinator()


def test_a_page_asked_for_again_is_a_cache_hit(client, publish):
    publish()
    assert [client.get("/activities/")["X-Cache"] for _ in range(3)] == ["miss", "miss", "hit"]


def test_an_address_asked_for_once_leaves_no_page_in_the_cache(client, publish):
    publish()
    client.get("/activities/?q=ต้นไม้&n=1")
    stored = [key for key in cache._cache if ":public:page:" in key and not key.endswith(":asked")]
    assert stored == []


def test_signed_in_visitors_are_not_served_from_the_cache(client, publish):
    publish()
    client.get("/activities/")
    client.force_login(make_user())
    assert "X-Cache" not in client.get("/activities/")


@pytest.mark.parametrize("url", PAGES)
def test_publishing_shows_the_new_post(client, publish, coordinator, url):
    client.get(url)
    post = make_activity(status="submitted", title="เพิ่งเผยแพร่")
    workflow.publish(post, by=coordinator)
    assert "เพิ่งเผยแพร่" in client.get(url).content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_unpublishing_removes_the_post(client, publish, coordinator, url):
    post = publish(title="จะถูกถอน")
    assert "จะถูกถอน" in client.get(url).content.decode()
    workflow.unpublish(post, by=coordinator)
    assert "จะถูกถอน" not in client.get(url).content.decode()


def test_publishing_updates_the_stats(client, publish, coordinator):
    client.get("/stats/?year=2569")
    workflow.publish(make_activity(status="submitted", participants=4321), by=coordinator)
    assert "4,321" in client.get("/stats/?year=2569").content.decode()


def test_publishing_updates_an_agency_pages_totals(client, publish, coordinator, settings):
    settings.PUBLIC_PAGE_CACHE = False  # the totals are kept on their own
    publish(participants=1000)
    client.get("/agencies/peo-chiang-mai/")
    workflow.publish(make_activity(status="submitted", participants=3321), by=coordinator)
    assert "4,321" in client.get("/agencies/peo-chiang-mai/").content.decode()


def test_publishing_updates_the_home_pages_totals(client, publish, coordinator, settings):
    settings.PUBLIC_PAGE_CACHE = False  # this year's totals are kept on their own
    publish(participants=1000)
    client.get("/")
    workflow.publish(make_activity(status="submitted", participants=3321), by=coordinator)
    assert "4,321" in client.get("/").content.decode()


def test_editing_a_published_post_shows_the_change(client, publish):
    post = publish(title="ชื่อเดิม")
    client.get(post.get_absolute_url())
    post.title = "ชื่อใหม่"
    post.save()
    assert "ชื่อใหม่" in client.get(post.get_absolute_url(), follow=True).content.decode()


def test_a_new_footer_page_shows_on_cached_pages(client, publish):
    publish()
    client.get("/activities/")
    client.get("/activities/")
    Page.objects.create(slug="volunteer-guide", title="คู่มืออาสา", body="อ่านก่อนลงพื้นที่")
    assert "คู่มืออาสา" in client.get("/activities/").content.decode()


def test_a_change_to_a_draft_keeps_the_cache(client, publish):
    publish()
    client.get("/activities/")
    client.get("/activities/")
    make_activity(title="ร่าง")
    assert client.get("/activities/")["X-Cache"] == "hit"


def test_thai_and_english_are_cached_apart(client, publish):
    publish()
    client.get("/activities/")
    assert 'lang="en"' in client.get("/en/activities/").content.decode()


SECURITY_HEADERS = [
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
    "Permissions-Policy",
    "Content-Language",
]


def served_three_times(client, url):
    return [client.get(url) for _ in range(3)]


@pytest.mark.parametrize("url", ["/", "/activities/", "/feed/", "/en/activities/"])
def test_a_cache_hit_carries_the_same_security_headers(client, publish, url):
    publish()
    miss, _, hit = served_three_times(client, url)
    assert hit["X-Cache"] == "hit"
    for header in SECURITY_HEADERS:
        assert hit.get(header) == miss.get(header), header
        assert hit.get(header), header


def test_a_cache_hit_is_in_the_language_of_its_address(client, publish):
    publish()
    served_three_times(client, "/activities/")
    served_three_times(client, "/en/activities/")
    thai, english = client.get("/activities/"), client.get("/en/activities/")
    assert (thai["X-Cache"], english["X-Cache"]) == ("hit", "hit")
    assert '<html lang="th">' in thai.content.decode() and thai["Content-Language"] == "th"
    assert '<html lang="en">' in english.content.decode() and english["Content-Language"] == "en"


def test_a_cache_hit_skips_the_database(client, publish, django_assert_num_queries):
    publish()
    served_three_times(client, "/activities/")
    with django_assert_num_queries(0):
        assert client.get("/activities/")["X-Cache"] == "hit"


def test_a_visitor_holding_the_page_gets_304(client, publish):
    publish()
    tag = client.get("/activities/")["ETag"]
    assert client.get("/activities/", headers={"if-none-match": tag}).status_code == 304


def test_publishing_changes_the_etag(client, publish, coordinator):
    publish()
    tag = client.get("/activities/")["ETag"]
    workflow.publish(make_activity(status="submitted"), by=coordinator)
    response = client.get("/activities/", headers={"if-none-match": tag})
    assert response.status_code == 200 and response["ETag"] != tag


def test_public_pages_are_revalidated_by_browsers(client, publish):
    publish()
    response = client.get("/activities/")
    assert "no-cache" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_with_a_shared_cache_a_worker_sees_another_workers_change_within_a_second(
    client, publish, monkeypatch
):
    from activities import cache as public_cache

    monkeypatch.setattr(public_cache, "_shared", lambda: True)
    public_cache.recent.forget()
    clock = [1000.0]
    monkeypatch.setattr(public_cache.time, "monotonic", lambda: clock[0])
    publish()
    served_three_times(client, "/activities/")
    cache.set(public_cache.VERSION_KEY, 2e9, timeout=None)  # a publish in another worker
    assert client.get("/activities/")["X-Cache"] == "hit"
    clock[0] += public_cache.LOCAL_SECONDS
    assert client.get("/activities/")["X-Cache"] == "miss"
    public_cache.recent.forget()


def test_a_link_shared_on_facebook_is_answered_from_the_cache(client, publish):
    """Facebook gives every click its own ?fbclid=: without this each visitor from a share
    would cost a whole render."""
    post = publish()
    url = post.get_absolute_url()
    hits = [client.get(f"{url}?fbclid=click-{n}")["X-Cache"] for n in range(3)]
    assert hits == ["miss", "miss", "hit"]


def test_a_made_up_parameter_is_answered_from_the_cache(client, publish):
    """A random ?n= on every request is the cheapest way to make a cached site render."""
    publish()
    client.get("/activities/?q=ต้นไม้")
    client.get("/activities/?q=ต้นไม้")
    assert client.get("/activities/?q=ต้นไม้&n=8231")["X-Cache"] == "hit"


def test_a_parameter_the_page_reads_is_kept(client, publish):
    for n in range(25):
        publish(title=f"กิจกรรมที่ {n}")
    client.get("/activities/")
    client.get("/activities/")
    response = client.get("/activities/?page=2")
    assert response["X-Cache"] == "miss" and response.context["page_obj"].number == 2


def test_with_the_page_cache_off_every_page_is_rendered(client, publish, settings):
    settings.PUBLIC_PAGE_CACHE = False
    publish()
    responses = [client.get("/activities/?fbclid=x") for _ in range(3)]
    assert [r.has_header("X-Cache") for r in responses] == [False, False, False]
    assert "fbclid" not in responses[-1].content.decode()


def test_a_tracking_parameter_is_not_written_into_the_page(client, publish):
    publish()
    page = client.get("/activities/?q=ต้นไม้&utm_source=line&fbclid=IwAR0abc").content.decode()
    assert "IwAR0abc" not in page and "utm_source" not in page


def test_the_same_filters_in_another_order_are_one_cached_page(client, publish):
    publish()
    client.get("/activities/?type=cleaning&year=2569")
    client.get("/activities/?type=cleaning&year=2569")
    assert client.get("/activities/?year=2569&type=cleaning")["X-Cache"] == "hit"


def test_different_searches_are_never_served_one_page(client, publish):
    publish(title="ปลูกต้นไม้ชายเลน")
    for _ in range(2):
        client.get("/activities/?q=ต้นไม้")
    assert "ปลูกต้นไม้ชายเลน" not in client.get("/activities/?q=ไม่มีคำนี้").content.decode()
