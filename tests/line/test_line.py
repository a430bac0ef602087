"""LINE: people and agencies' IDs, the webhook that tells them, the author's messages."""

import base64
import hashlib
import hmac
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities import workflow
from line import client
from line.models import AgencyChat, UserLink
from tests.factories import agency, make_activity, make_coordinator, make_staff

pytestmark = pytest.mark.django_db

USER_ID = "U" + "0123456789abcdef" * 2
GROUP_ID = "C" + "fedcba9876543210" * 2
SECRET = "test-channel-secret"


# ---- IDs -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    ["@jitarsa", "U123", "X" + "0" * 32, "U" + "0" * 31 + "g", "U" + "A" * 32],
    ids=["a LINE ID", "too short", "wrong letter", "not hex", "upper case"],
)
def test_agency_chat_refuses_anything_but_a_messaging_api_id(value):
    chat = AgencyChat(agency=agency("ops"), chat_id=value)
    with pytest.raises(ValidationError):
        chat.full_clean()


def test_agency_admin_page_lists_the_agencys_chats(client):
    ops = agency("ops")
    AgencyChat.objects.create(agency=ops, chat_id=GROUP_ID, label="กลุ่มผู้ประสานงาน")
    client.force_login(make_coordinator())
    page = client.get(reverse("admin:agencies_agency_change", args=[ops.pk])).content.decode()
    assert GROUP_ID in page and "กลุ่มผู้ประสานงาน" in page


def test_account_page_saves_a_pasted_line_user_id(client):
    staff = make_staff(agency("ops"))
    client.force_login(staff)
    pasted = f"  {USER_ID[:10]}\u200b{USER_ID[10:]}\n"
    response = client.post(reverse("account"), {"line_user_id": pasted}, follow=True)
    assert "บันทึกรหัสผู้ใช้ LINE แล้ว" in response.content.decode()
    assert UserLink.objects.get(user=staff).line_user_id == USER_ID


def test_account_page_refuses_a_bad_id_in_thai(client):
    client.force_login(make_staff(agency("ops")))
    response = client.post(reverse("account"), {"line_user_id": "@somchai"})
    assert "รหัสผู้ใช้ที่บัญชีทางการ LINE ส่งให้" in response.content.decode()
    assert not UserLink.objects.exists()


def test_my_data_includes_the_line_user_id(client):
    staff = make_staff(agency("ops"))
    UserLink.objects.create(user=staff, line_user_id=USER_ID)
    client.force_login(staff)
    assert json.loads(client.get(reverse("my_data")).content)["profile"]["line_user_id"] == USER_ID


# ---- the webhook -------------------------------------------------------------------------------
def signed(body):
    digest = hmac.new(SECRET.encode(), body.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def event(kind, source, **extra):
    return {
        "type": kind,
        "mode": "active",
        "timestamp": 1700000000000,
        "source": source,
        "webhookEventId": "01H000000000000000000000",
        "deliveryContext": {"isRedelivery": False},
        "replyToken": "reply-token-1",
        **extra,
    }


def post_webhook(client, *events, signature=None):
    body = json.dumps({"destination": "U" + "9" * 32, "events": list(events)})
    return client.post(
        reverse("line:webhook"),
        body,
        content_type="application/json",
        headers={"X-Line-Signature": signature or signed(body)},
    )


@pytest.fixture
def webhook_on(settings, line_api):
    settings.LINE_CHANNEL_SECRET = SECRET
    return line_api


def replies(fake):
    return [r["body"]["messages"][0]["text"] for r in fake.requests if r["path"].endswith("reply")]


def test_bot_added_to_a_group_answers_with_the_group_id(client, webhook_on):
    response = post_webhook(client, event("join", {"type": "group", "groupId": GROUP_ID}))
    assert response.status_code == 200
    (text,) = replies(webhook_on)
    assert GROUP_ID in text and "ศูนย์ประสานงาน" in text


def test_new_friend_is_told_their_user_id(client, webhook_on):
    post_webhook(
        client, event("follow", {"type": "user", "userId": USER_ID}, follow={"isUnblocked": False})
    )
    (text,) = replies(webhook_on)
    assert USER_ID in text and "/accounts/" in text


def test_writing_id_in_a_group_gets_the_id_again(client, webhook_on):
    message = {"type": "text", "id": "1", "text": "ID", "quoteToken": "q"}
    post_webhook(
        client,
        event(
            "message", {"type": "group", "groupId": GROUP_ID, "userId": USER_ID}, message=message
        ),
    )
    assert GROUP_ID in replies(webhook_on)[0]


def test_other_chatter_gets_no_answer(client, webhook_on):
    message = {"type": "text", "id": "1", "text": "สวัสดีครับ", "quoteToken": "q"}
    post_webhook(client, event("message", {"type": "user", "userId": USER_ID}, message=message))
    assert replies(webhook_on) == []


def test_webhook_refuses_a_bad_signature(client, webhook_on):
    response = post_webhook(
        client, event("join", {"type": "group", "groupId": GROUP_ID}), signature="Zm9v"
    )
    assert response.status_code == 400
    assert webhook_on.requests == []


def test_webhook_is_absent_without_a_channel_secret(client):
    assert (
        post_webhook(client, event("join", {"type": "group", "groupId": GROUP_ID})).status_code
        == 404
    )


# ---- the author hears on LINE -----------------------------------------------------------------
@pytest.fixture
def linked_post():
    author = make_staff(agency("peo-chiang-mai"), "somchai")
    UserLink.objects.create(user=author, line_user_id=USER_ID)
    return make_activity(by=author, status="submitted", title="ปลูกป่าชายเลน")


def test_author_hears_on_line_when_the_post_is_published(
    linked_post, line_api, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(linked_post, by=make_coordinator())
    ((to, text),) = line_api.pushed
    assert to == USER_ID
    assert "ปลูกป่าชายเลน" in text and "เผยแพร่แล้ว" in text and linked_post.get_absolute_url() in text


def test_author_hears_the_note_when_the_post_is_returned(
    linked_post, line_api, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_to_author(linked_post, by=make_coordinator(), note="โปรดเพิ่มภาพ")
    ((_to, text),) = line_api.pushed
    assert "โปรดเพิ่มภาพ" in text and f"/staff/{linked_post.pk}/edit/" in text


def test_author_without_a_linked_id_gets_only_the_email(
    line_api, django_capture_on_commit_callbacks, mailoutbox
):
    post = make_activity(status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(post, by=make_coordinator())
    assert line_api.requests == [] and len(mailoutbox) == 1


def test_line_refusing_never_undoes_the_publication(
    linked_post, line_api, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("line.client.pause", lambda seconds: None)
    line_api.answer(500, times=4)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(linked_post, by=make_coordinator())
    linked_post.refresh_from_db()
    assert linked_post.status == "published"
    assert len(line_api.pushed) == 4


def test_a_message_line_refused_fails_its_task_with_the_reason(line_api):
    # The worker records a task that raises as failed (the admin's "Failed tasks").
    line_api.answer(400)
    with pytest.raises(client.NotDelivered, match="HTTP 400"):
        client.push_task(USER_ID, "สวัสดี")


def test_coordinator_keeps_an_agencys_line_chats_on_its_admin_page(client):
    client.force_login(make_coordinator())
    url = reverse("admin:agencies_agency_change", args=[agency("ops").pk])
    assert 'name="line_chats-TOTAL_FORMS"' in client.get(url).content.decode()


def test_coordinator_corrects_a_persons_line_user_id(client):
    client.force_login(make_coordinator())
    staff = make_staff(agency("ops"), "somsri")
    url = reverse("admin:auth_user_change", args=[staff.pk])
    data = {
        "username": staff.username,
        "email": staff.email,
        "is_active": "on",
        "groups": [g.pk for g in staff.groups.all()],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "memberships-TOTAL_FORMS": 1,
        "memberships-INITIAL_FORMS": 1,
        "memberships-0-id": staff.memberships.get().pk,
        "memberships-0-user": staff.pk,
        "memberships-0-agency": agency("ops").pk,
        "line_link-TOTAL_FORMS": 1,
        "line_link-INITIAL_FORMS": 0,
        "line_link-0-line_user_id": USER_ID,
        "line_link-0-user": staff.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert UserLink.objects.get(user=staff).line_user_id == USER_ID
