"""One activity's page and an agency's page: content, gallery, credits, sharing tags."""

import json
import re

import pytest

from activities import photos
from tests.factories import agency, make_photo, uploaded_image


@pytest.fixture
def post(publish):
    post = publish(title="ปลูกป่าชายเลน", province=agency("peo-chiang-mai").province)
    photos.add_photo(post, uploaded_image(size=(1300, 867)), caption="ภาพที่ 1", is_cover=True)
    make_photo(post, caption="ภาพที่ 2", order=1)
    make_photo(post, caption="ภาพที่ 3", order=2)
    return post


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def meta(html, key):
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return found and found.group(1)


def test_activity_page_shows_the_story_facts_and_credits(client, post):
    html = page(client, post.get_absolute_url())
    assert "<h1>ปลูกป่าชายเลน</h1>" in html
    assert "21 กรกฎาคม 2569" in html
    assert "<p>จิตอาสาร่วมกันปลูกต้นไม้</p>" in html
    assert "120 คน" in html and "เชียงใหม่" in html
    assert "อานนท์ วิชานนท์ / ข่าว" in html and "สมศรี ใจดี / ภาพ" in html


def test_gallery_images_have_srcset_size_and_alt(client, post):
    html = page(client, post.get_absolute_url())
    images = re.findall(r"<img [^>]*srcset[^>]*>", html)
    assert len(images) == 3
    for img in images:
        assert re.search(r'width="\d+" height="\d+"', img) and 'alt="ภาพที่' in img
    assert 'loading="eager"' in images[0] and all('loading="lazy"' in i for i in images[1:])


def test_every_photo_links_to_its_full_size_file_without_javascript(client, post):
    html = page(client, post.get_absolute_url())
    for photo in post.photos.all():
        assert f'href="{photo.image.url}"' in html


def test_photo_without_caption_takes_the_title_as_alt(client, publish):
    post = publish(title="ทำความสะอาดวัด", photos=0)
    photos.add_photo(post, uploaded_image(), is_cover=True)
    assert 'alt="ทำความสะอาดวัด"' in page(client, post.get_absolute_url())


def test_share_links_for_line_facebook_and_x(client, post):
    html = page(client, post.get_absolute_url())
    for host in ("social-plugins.line.me", "www.facebook.com/sharer", "x.com/intent"):
        assert host in html
    assert "data-copy-link=" in html


def test_open_graph_and_twitter_tags(client, post):
    html = page(client, post.get_absolute_url())
    assert meta(html, "og:title") == "ปลูกป่าชายเลน"
    assert meta(html, "og:locale") == "th_TH"
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:image").endswith("-share.jpg")
    assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
    assert meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "og:description").startswith("จิตอาสาร่วมกันปลูกต้นไม้")


def test_canonical_link_is_absolute(client, post):
    html = page(client, post.get_absolute_url())
    assert f'<link rel="canonical" href="http://127.0.0.1:8000{post.get_absolute_url()}">' in html


def test_json_ld_describes_the_activity(client, post):
    html = page(client, post.get_absolute_url())
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle" and data["headline"] == "ปลูกป่าชายเลน"
    assert data["about"]["startDate"] == "2026-07-21"
    assert data["publisher"]["name"] == "สำนักงานศึกษาธิการจังหวัดเชียงใหม่"


def test_json_ld_cannot_be_broken_out_of(client, publish):
    post = publish(title="</script><script>alert(1)</script>")
    html = page(client, post.get_absolute_url())
    assert "<script>alert(1)" not in html


def test_wrong_slug_redirects_to_the_right_address(client, post):
    response = client.get(f"/activities/{post.pk}-wrong/")
    assert response.status_code == 301 and response["Location"] == post.get_absolute_url()


def test_page_links_to_the_agencys_other_activities(client, post, publish):
    other = publish(title="กิจกรรมอื่น")
    assert other.get_absolute_url() in page(client, post.get_absolute_url())


def test_english_page_says_en_us_locale(client, post):
    assert meta(page(client, "/en" + post.get_absolute_url()), "og:locale") == "en_US"


def test_agency_page_lists_its_activities_and_totals(client, post):
    html = page(client, "/agencies/peo-chiang-mai/")
    assert "ปลูกป่าชายเลน" in html
    assert '<span class="totals-number">120</span>' in html


def test_agency_page_has_sharing_tags_and_canonical(client, post):
    html = page(client, "/agencies/peo-chiang-mai/")
    assert meta(html, "og:title") == "สำนักงานศึกษาธิการจังหวัดเชียงใหม่"
    assert meta(html, "og:image").endswith("-share.jpg")
    assert '<link rel="canonical" href="http://127.0.0.1:8000/agencies/peo-chiang-mai/">' in html
    assert '<script type="application/ld+json">' in html
