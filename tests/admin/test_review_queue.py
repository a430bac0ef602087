import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities import workflow
from activities.models import Activity
from activities.workflow import Action, Status
from tests.factories import (
    agency,
    make_activity,
    make_coordinator,
    make_photo,
    make_staff,
    make_user,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:activities_activity_changelist")


@pytest.fixture
def coordinator(client):
    user = make_coordinator("coord")
    client.force_login(user)
    return user


@pytest.fixture
def staff_admin(client):
    """Agency staff who were also given admin access."""
    user = make_staff(agency("peo-chiang-mai"), "staffadmin", is_staff=True)
    client.force_login(user)
    return user


def act(client, action, *posts, **extra):
    data = {"action": action, "_selected_action": [p.pk for p in posts], **extra}
    return client.post(CHANGELIST + "?status=all", data, follow=True)


def status_of(post):
    return Activity.objects.get(pk=post.pk).status


def test_queue_opens_on_waiting_posts_oldest_first(client, coordinator):
    older = make_activity(status="submitted", title="โพสต์แรก")
    newer = make_activity(status="submitted", title="โพสต์หลัง")
    make_activity(status="published", title="เผยแพร่แล้ว")
    response = client.get(CHANGELIST)
    assert [a.pk for a in response.context["cl"].result_list] == [older.pk, newer.pk]


def test_all_filter_shows_every_post(client, coordinator):
    make_activity(status="submitted")
    make_activity(status="published")
    response = client.get(CHANGELIST + "?status=all")
    assert response.context["cl"].result_count == 2


def test_changelist_shows_thai_date_and_cover_thumbnail(client, coordinator):
    post = make_activity(status="submitted", start_date=datetime.date(2026, 7, 21))
    make_photo(post, is_cover=True)
    page = client.get(CHANGELIST).content.decode()
    assert "21 ก.ค. 2569" in page
    assert 'width="400" height="300"' in page


def test_changelist_query_count_does_not_grow_with_posts(client, coordinator):
    for _n in range(2):
        make_photo(make_activity(status="submitted"), is_cover=True)
    with CaptureQueriesContext(connection) as few:
        client.get(CHANGELIST)
    for _n in range(5):
        make_photo(make_activity(status="submitted"), is_cover=True)
    with CaptureQueriesContext(connection) as many:
        client.get(CHANGELIST)
    assert len(many) == len(few)


def test_search_finds_thai_word_inside_title(client, coordinator):
    make_activity(status="submitted", title="ปลูกป่าชายเลนที่บางปู")
    make_activity(status="submitted", title="ทาสีโรงเรียน")
    response = client.get(CHANGELIST, {"q": "ชายเลน"})
    assert [a.title for a in response.context["cl"].result_list] == ["ปลูกป่าชายเลนที่บางปู"]


def test_coordinator_publishes_in_bulk(client, coordinator):
    posts = [make_activity(status="submitted") for _n in range(3)]
    act(client, "publish", *posts)
    assert {status_of(p) for p in posts} == {Status.PUBLISHED}


def test_publish_is_recorded_in_history_and_admin_log(client, coordinator):
    post = make_activity(status="submitted")
    act(client, "publish", post)
    assert post.transitions.filter(action=Action.PUBLISH, actor=coordinator).exists()
    assert LogEntry.objects.filter(user=coordinator, object_id=str(post.pk)).exists()


def test_refused_step_is_a_message_not_an_error(client, coordinator):
    draft = make_activity()
    response = act(client, "publish", draft)
    assert response.status_code == 200
    assert draft.title in response.content.decode()
    assert status_of(draft) == Status.DRAFT


def test_mixed_bulk_moves_only_the_posts_that_can_move(client, coordinator):
    waiting, draft = make_activity(status="submitted"), make_activity()
    act(client, "publish", waiting, draft)
    assert (status_of(waiting), status_of(draft)) == (Status.PUBLISHED, Status.DRAFT)


def test_unpublish_feature_and_unfeature(client, coordinator):
    post = make_activity(status="published")
    act(client, "feature", post)
    assert Activity.objects.get(pk=post.pk).is_featured
    act(client, "unfeature", post)
    assert not Activity.objects.get(pk=post.pk).is_featured
    act(client, "unpublish", post)
    assert status_of(post) == Status.UNPUBLISHED


def test_archive_and_restore(client, coordinator):
    post = make_activity(status="published")
    act(client, "archive", post)
    assert Activity.objects.get(pk=post.pk).archived_at is not None
    act(client, "restore", post)
    assert Activity.objects.get(pk=post.pk).archived_at is None


def test_archived_filter_lists_archived_posts(client, coordinator):
    post = make_activity(status="published")
    act(client, "archive", post)
    response = client.get(CHANGELIST, {"status": "archived"})
    assert [a.pk for a in response.context["cl"].result_list] == [post.pk]


def test_no_delete_action_or_delete_page(client, coordinator):
    post = make_activity(status="submitted")
    response = client.get(CHANGELIST)
    assert "delete_selected" not in dict(response.context["action_form"].fields["action"].choices)
    url = reverse("admin:activities_activity_delete", args=[post.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Activity.objects.filter(pk=post.pk).exists()


def test_return_asks_for_a_note_first(client, coordinator):
    post = make_activity(status="submitted")
    response = act(client, "return_to_author", post)
    assert 'name="note"' in response.content.decode()
    assert status_of(post) == Status.SUBMITTED


def test_return_with_note_stores_it_for_the_author(client, coordinator):
    post = make_activity(status="submitted")
    act(client, "return_to_author", post, apply="1", note="โปรดเพิ่มภาพกิจกรรม")
    post.refresh_from_db()
    assert post.status == Status.RETURNED
    assert post.review_note == "โปรดเพิ่มภาพกิจกรรม"
    entry = post.transitions.get(action=Action.RETURN)
    assert (entry.actor, entry.note) == (coordinator, "โปรดเพิ่มภาพกิจกรรม")


def test_return_with_empty_note_keeps_asking(client, coordinator):
    post = make_activity(status="submitted")
    response = act(client, "return_to_author", post, apply="1", note="  ")
    assert 'name="note"' in response.content.decode()
    assert status_of(post) == Status.SUBMITTED


def test_return_with_a_note_of_control_characters_only_keeps_asking(client, coordinator):
    post = make_activity(status="submitted")
    response = act(client, "return_to_author", post, apply="1", note="\x01\x0b\u200b")
    assert 'name="note"' in response.content.decode()
    assert status_of(post) == Status.SUBMITTED


def test_bulk_return_sends_every_post_back(client, coordinator):
    posts = [make_activity(status="submitted") for _n in range(2)]
    act(client, "return_to_author", *posts, apply="1", note="แก้ไขชื่อเรื่อง")
    assert {status_of(p) for p in posts} == {Status.RETURNED}


def test_return_emails_the_author(
    client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    post = make_activity(status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        act(client, "return_to_author", post, apply="1", note="โปรดเพิ่มภาพกิจกรรม")
    assert [m.to for m in mailoutbox] == [[post.created_by.email]]
    assert "โปรดเพิ่มภาพกิจกรรม" in mailoutbox[0].body


def test_change_page_buttons_publish(client, coordinator):
    post = make_activity(status="submitted")
    page = client.get(reverse("admin:activities_activity_change", args=[post.pk]))
    assert (
        reverse("admin:activities_activity_step", args=[post.pk, "publish"])
        in page.content.decode()
    )
    client.post(reverse("admin:activities_activity_step", args=[post.pk, "publish"]))
    assert status_of(post) == Status.PUBLISHED


def test_change_page_links_published_post_to_public_page(client, coordinator):
    post = make_activity(status="published")
    page = client.get(reverse("admin:activities_activity_change", args=[post.pk]))
    assert post.get_absolute_url() in page.content.decode()


def test_change_page_links_waiting_post_to_staff_preview(client, coordinator):
    post = make_activity(status="submitted")
    page = client.get(reverse("admin:activities_activity_change", args=[post.pk]))
    assert reverse("staff:preview", args=[post.pk]) in page.content.decode()


def test_coordinator_hides_one_photo(client, coordinator):
    post = make_activity(status="published")
    cover, other = make_photo(post, is_cover=True), make_photo(post, order=1)
    url = reverse("admin:activities_activity_change", args=[post.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "partners"}
    data.update(
        {
            "agency": post.agency_id,
            "activity_type": post.activity_type_id,
            "start_date": "2026-07-21",
            "photos-TOTAL_FORMS": 2,
            "photos-INITIAL_FORMS": 2,
            "photos-0-id": cover.pk,
            "photos-0-activity": post.pk,
            "photos-0-order": 0,
            "photos-0-is_cover": "on",
            "photos-1-id": other.pk,
            "photos-1-activity": post.pk,
            "photos-1-order": 1,
            "photos-1-is_hidden": "on",
            "transitions-TOTAL_FORMS": 0,
            "transitions-INITIAL_FORMS": 0,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    other.refresh_from_db()
    assert other.is_hidden


# ---- staff with admin access, and users without it -------------------------------------


def test_staff_see_only_their_agencies_posts(client, staff_admin):
    mine = make_activity(agency("peo-chiang-mai"), status="submitted")
    make_activity(agency("peo-lamphun"), status="submitted")
    response = client.get(CHANGELIST)
    assert [a.pk for a in response.context["cl"].result_list] == [mine.pk]


def test_staff_cannot_open_another_agencys_post(client, staff_admin):
    theirs = make_activity(agency("peo-lamphun"), status="submitted")
    url = reverse("admin:activities_activity_change", args=[theirs.pk])
    assert client.get(url).status_code == 404


def test_staff_get_no_workflow_actions(client, staff_admin):
    make_activity(agency("peo-chiang-mai"), status="submitted")
    page = client.get(CHANGELIST).content.decode()
    assert 'value="publish"' not in page
    assert 'value="return_to_author"' not in page


def test_staff_cannot_publish_by_posting_the_action(client, staff_admin):
    mine = make_activity(agency("peo-chiang-mai"), status="submitted")
    act(client, "publish", mine)
    assert status_of(mine) == Status.SUBMITTED


def test_staff_cannot_use_change_page_buttons(client, staff_admin):
    mine = make_activity(agency("peo-chiang-mai"), status="submitted")
    response = client.post(reverse("admin:activities_activity_step", args=[mine.pk, "publish"]))
    assert response.status_code == 403
    assert status_of(mine) == Status.SUBMITTED


def test_user_without_admin_access_is_sent_to_login(client):
    post = make_activity(status="submitted")
    client.force_login(make_staff(agency("peo-chiang-mai")))
    response = client.post(CHANGELIST, {"action": "publish", "_selected_action": [post.pk]})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert status_of(post) == Status.SUBMITTED


def test_the_review_permission_alone_lets_a_user_publish_from_the_admin(client):
    reviewer = make_user("reviewer", role=None, is_staff=True)
    reviewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["review_activity", "view_activity"])
    )
    client.force_login(reviewer)
    post = make_activity(status="submitted")
    act(client, "publish", post)
    assert status_of(post) == Status.PUBLISHED


def test_staff_open_a_partner_agencys_post_read_only(client, staff_admin):
    theirs = make_activity(agency("peo-lamphun"), title="ร่วมจัด")
    theirs.partners.add(agency("peo-chiang-mai"))
    url = reverse("admin:activities_activity_change", args=[theirs.pk])
    assert client.get(url).context["has_change_permission"] is False
    assert client.post(url, {"title": "แอบแก้"}).status_code == 403
    assert Activity.objects.get(pk=theirs.pk).title == "ร่วมจัด"


def test_staff_do_not_see_their_agencys_archived_posts(client, staff_admin):
    archived = make_activity(agency("peo-chiang-mai"), status="published")
    workflow.archive(archived, by=make_coordinator("archiver"))
    response = client.get(CHANGELIST, {"status": "archived"})
    assert list(response.context["cl"].result_list) == []
    url = reverse("admin:activities_activity_change", args=[archived.pk])
    assert client.get(url).status_code == 404
