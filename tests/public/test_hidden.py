"""Posts that are not published (drafts, in review, unpublished, archived) appear nowhere."""

import pytest

from activities import workflow
from tests.factories import make_activity


@pytest.fixture(params=["draft", "submitted", "returned", "unpublished", "archived"])
def hidden(request, publish):
    if request.param == "archived":
        post = publish(title="ลับเฉพาะ", participants=777)
        workflow.archive(post, by=post.transitions.last().actor)
    else:
        post = make_activity(status=request.param, title="ลับเฉพาะ", participants=777)
    return post


def test_detail_is_404(client, hidden):
    assert client.get(f"/activities/{hidden.pk}-{hidden.slug}/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/activities/",
        "/agencies/peo-chiang-mai/",
        "/feed/",
        "/feed/atom/",
        "/agencies/peo-chiang-mai/feed/",
        "/feed/types/development/",
        "/sitemap-activities.xml",
    ],
)
def test_not_listed(client, hidden, url):
    assert "ลับเฉพาะ" not in client.get(url).content.decode()


def test_not_found_by_search(client, hidden):
    assert client.get("/activities/", {"q": "ลับเฉพาะ"}).context["page_obj"].paginator.count == 0


def test_not_counted_in_stats(client, hidden):
    html = client.get("/stats/?year=2569").content.decode()
    assert "777" not in html
    assert "777" not in client.get("/stats/months.csv?year=2569").content.decode()


def test_not_counted_on_the_agency_page(client, hidden):
    assert "777" not in client.get("/agencies/peo-chiang-mai/").content.decode()
