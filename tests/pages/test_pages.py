import re

import pytest

from pages.models import Page

pytestmark = pytest.mark.django_db


def test_home_page_is_thai(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="th">' in response.text


def test_home_page_links_to_english_version(client):
    response = client.get("/")
    assert 'href="/en/"' in response.text


@pytest.mark.parametrize("slug", ["privacy", "contact", "accessibility"])
def test_shipped_pages_render_in_thai(client, slug):
    response = client.get(f"/pages/{slug}/")
    assert response.status_code == 200
    assert Page.objects.get(slug=slug).title in response.text


def test_privacy_page_names_whom_to_contact(client):
    response = client.get("/pages/privacy/")
    assert "jitarsa@moe.go.th" in response.text
    assert "พ.ศ. 2562" in response.text


def test_page_in_english_uses_english_text(client):
    response = client.get("/en/pages/privacy/")
    assert "Privacy policy" in response.text


def test_page_edited_in_admin_shows_new_text(client):
    Page.objects.filter(slug="contact").update(body="โทร 1579")
    assert "โทร 1579" in client.get("/pages/contact/").text


def test_page_body_html_is_escaped(client):
    Page.objects.filter(slug="contact").update(body="<script>alert(1)</script>")
    response = client.get("/pages/contact/")
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_footer_links_privacy_policy_and_site_map(client):
    response = client.get("/")
    assert 'href="/pages/privacy/"' in response.text
    assert 'href="/site-map/"' in response.text


def test_footer_leads_readers_to_the_open_data(client):
    response = client.get("/")
    assert '<a href="/opendata/">ข้อมูลเปิด</a>' in response.text


def current_menu_item(response):
    menu = response.text.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)" aria-current="page"', menu)


def test_the_menu_marks_the_page_the_reader_is_on(client):
    """The menu is kept in each worker, per page and language: each page marks its own."""
    assert current_menu_item(client.get("/activities/")) == ["/activities/"]
    assert current_menu_item(client.get("/stats/")) == ["/stats/"]
    assert current_menu_item(client.get("/agencies/")) == ["/agencies/"]
    assert current_menu_item(client.get("/en/stats/")) == ["/en/stats/"]
    assert current_menu_item(client.get("/pages/privacy/")) == []


def test_the_footer_follows_the_language(client):
    assert "ข้อมูลเปิด" in client.get("/").text
    english = client.get("/en/").text
    assert '<a href="/en/opendata/">Open data</a>' in english and "ข้อมูลเปิด" not in english


def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def test_sitemap_index_leads_to_the_agencies(client):
    index = client.get("/sitemap.xml")
    assert "http://testserver/sitemap-agencies.xml" in index.text
    section = client.get("/sitemap-agencies.xml")
    assert "/agencies/peo-chiang-mai/" in section.text


def test_unknown_page_is_404(client):
    assert client.get("/pages/nope/").status_code == 404


def test_base_layout_has_skip_link_and_landmarks(client):
    text = client.get("/").text
    assert 'href="#main"' in text
    for landmark in ("<header", "<main", "<footer", "<nav"):
        assert landmark in text


def test_static_assets_are_local(client):
    text = client.get("/").text
    assert "/static/bootstrap/css/bootstrap.min.css" in text
    assert "cdn" not in text.lower()
