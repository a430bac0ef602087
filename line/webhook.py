"""The LINE webhook: tells people and groups the ID to give the portal.

LINE shows nobody their user ID or a group's ID. When someone adds the Official Account as a
friend, or adds it to a group, LINE calls this address; the account answers in the chat with
the ID (and does the same when anyone writes "id" there). Only requests signed with the
channel secret (X-Line-Signature) are read; the answer is sent by the worker, so LINE gets
its 200 at once.
"""

import logging

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_q.tasks import async_task
from linebot.v3 import WebhookParser
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.webhooks import FollowEvent, JoinEvent, MessageEvent, TextMessageContent

logger = logging.getLogger(__name__)

ASKING_FOR_THE_ID = {"id", "ไอดี", "รหัส"}


def _source_id(source):
    """The user, group or room an event came from."""
    field = {"user": "user_id", "group": "group_id", "room": "room_id"}.get(source.type)
    return getattr(source, field, None) if field else None


def answer(event):
    """The text to reply to one event, or None."""
    source_id = _source_id(event.source)
    if not source_id:
        return None
    asked = isinstance(event, MessageEvent) and isinstance(event.message, TextMessageContent)
    if asked and event.message.text.strip().lower() not in ASKING_FOR_THE_ID:
        return None
    if not (asked or isinstance(event, FollowEvent | JoinEvent)):
        return None
    with translation.override("th"):
        if event.source.type == "user":
            return _(
                "This is the Jitarsa account of the Ministry of Education. Your LINE user ID "
                "is:\n%(id)s\nEnter it on your account page to hear here when your posts are "
                "published or returned: %(url)s"
            ) % {"id": source_id, "url": settings.SITE_URL + reverse("account")}
        return _(
            "The ID of this chat is:\n%(id)s\nSend it to the Jitarsa coordination centre so "
            "that your agency's reminders arrive here."
        ) % {"id": source_id}


@csrf_exempt
@require_POST
def webhook(request):
    if not settings.LINE_CHANNEL_SECRET:
        raise Http404
    body = request.body.decode("utf-8", "replace")
    try:
        events = WebhookParser(settings.LINE_CHANNEL_SECRET).parse(
            body, request.headers.get("X-Line-Signature", "")
        )
    except InvalidSignatureError:
        logger.warning("LINE webhook: refused a request with a bad signature")
        return HttpResponseBadRequest("bad signature")
    except Exception:  # not LINE's JSON
        return HttpResponseBadRequest("bad request")
    for event in events:
        text = answer(event)
        if text and getattr(event, "reply_token", None):
            async_task("line.client.reply", event.reply_token, text)
    return HttpResponse("ok")
