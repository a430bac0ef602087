"""Credits as the ministry writes them: the name typed with or without its role, shown once."""

import json
import re

import feedparser
import pytest

from activities import credits
from tests.factories import make_activity


@pytest.mark.parametrize(
    "typed, names",
    [
        ("วรัญญา / ข่าว", ["วรัญญา"]),
        ("วรัญญา/ข่าว", ["วรัญญา"]),
        ("ข่าว: วรัญญา", ["วรัญญา"]),
        ("ข่าวโดย วรัญญา", ["วรัญญา"]),
        ("วรัญญา (ข่าว)", ["วรัญญา"]),
        ("วรัญญา / ข่าว / ข่าว", ["วรัญญา"]),
        ("ก, ข / ข่าว", ["ก", "ข"]),
        ("อานนท์ วิชานนท์", ["อานนท์ วิชานนท์"]),
        ("ข่าวสด ใจดี", ["ข่าวสด ใจดี"]),  # a name that starts like the role word
        ("ข่าว", []),
        ("", []),
    ],
)
def test_news_credit_is_read_as_the_names(typed, names):
    assert credits.names(typed, credits.NEWS) == names


@pytest.mark.parametrize("typed", ["ธัญญา / ภาพ", "ธัญญา/ภาพ", "ภาพ: ธัญญา", "ภาพถ่าย : ธัญญา"])
def test_photo_credit_is_read_as_the_name(typed):
    assert credits.names(typed, credits.PHOTOS) == ["ธัญญา"]


def test_a_hyphen_inside_a_name_is_not_a_separator():
    assert credits.names("news-credit", credits.NEWS) == ["news-credit"]


@pytest.mark.django_db
def test_saving_stores_the_names_alone():
    post = make_activity(news_credit="วรัญญา / ข่าว", photo_credit="ภาพ: ธัญญา")
    post.refresh_from_db()
    assert (post.news_credit, post.photo_credit) == ("วรัญญา", "ธัญญา")


@pytest.fixture
def credited(publish):
    return publish(news_credit="วรัญญา / ข่าว", photo_credit="ก, ข / ภาพ")


def test_detail_page_shows_each_credit_once(client, credited):
    html = client.get(credited.get_absolute_url()).content.decode()
    assert "<span>วรัญญา / ข่าว</span> · <span>ก, ข / ภาพ</span>" in html
    assert "ข่าว / ข่าว" not in html


def test_json_ld_author_is_the_name(client, credited):
    html = client.get(credited.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(raw)["author"] == {"@type": "Person", "name": "วรัญญา"}


def test_json_ld_has_one_author_per_name(client, publish):
    post = publish(news_credit="ก, ข")
    html = client.get(post.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert [a["name"] for a in json.loads(raw)["author"]] == ["ก", "ข"]


def test_feed_author_is_the_name(client, credited):
    entry = feedparser.parse(client.get("/feed/atom/").content).entries[0]
    assert entry.author == "วรัญญา"
