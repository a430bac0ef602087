"""Sending through the LINE Messaging API with the official SDK (line-bot-sdk, v3 API).

    push(to, text, key=...) -> Delivery      one text message to a person, group or room

Refusals LINE may lift by itself (401 while a token is being reissued, 429 with or without
Retry-After, 5xx, a lost connection) are tried again with exponential back-off; others
(400: a wrong ID, 403: a blocked account) are not. Every answer ends in a `Delivery` the
caller records: nothing is lost silently. The same `key` is sent as X-Line-Retry-Key on every
try, so LINE delivers a message once even when an answer was lost on the way back (409).

`sleep` is injectable: the tests run the back-off without waiting.
"""

import logging
import time
import uuid
from dataclasses import dataclass

import urllib3
from django.conf import settings
from linebot.v3.messaging import (
    ApiClient,
    ApiException,
    Configuration,
    MessagingApi,
    PushMessageRequest,
    ReplyMessageRequest,
    TextMessage,
)

logger = logging.getLogger(__name__)

RETRIED_STATUSES = {401, 429, 500, 502, 503, 504}
TRIES = 4
FIRST_WAIT = 1.0  # seconds; then 2, 4
LONGEST_WAIT = 30.0  # a longer Retry-After gives up for now: the next run tries again
TEXT_LIMIT = 5000  # LINE's limit for one text message
TIMEOUT = (5, 15)  # connect, read (seconds)
_KEYS = uuid.UUID("7d7c3f8e-3b0e-4c61-9a43-5c1e0f6a2b19")


@dataclass(frozen=True)
class Delivery:
    ok: bool
    tries: int
    status: int | None = None  # LINE's last HTTP status; None when nothing answered
    error: str = ""


def enabled():
    """LINE is used only when the channel access token is configured."""
    return bool(settings.LINE_CHANNEL_ACCESS_TOKEN)


def retry_key(*parts):
    """A stable X-Line-Retry-Key (a UUID) for one message, e.g. ("reminder", 12, to)."""
    return str(uuid.uuid5(_KEYS, ":".join(str(p) for p in parts)))


def _api(client):
    return MessagingApi(client)


def _client():
    config = Configuration(
        host=settings.LINE_API_URL, access_token=settings.LINE_CHANNEL_ACCESS_TOKEN
    )
    config.retries = 0  # urllib3's own retries off: the back-off below decides
    return ApiClient(config)


def _retry_after(error):
    value = (error.headers or {}).get("Retry-After", "")
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return None


def _describe(error):
    """LINE's own message ("The property, 'to', in the request body is invalid")."""
    body = error.body.decode("utf-8", "replace") if isinstance(error.body, bytes) else error.body
    reason = f"HTTP {error.status} {error.reason or ''}".strip()
    if error.status == 401:
        reason += " (check LINE_CHANNEL_ACCESS_TOKEN)"
    return f"{reason}: {(body or '')[:300]}"


def pause(seconds):
    time.sleep(seconds)


def push(to, text, *, key=None, sleep=None):
    """Send `text` to `to` (U…, C… or R…); back off and try again when LINE asks to."""
    sleep = sleep or pause
    if not enabled():
        return Delivery(ok=False, tries=0, error="LINE_CHANNEL_ACCESS_TOKEN is not set")
    request = PushMessageRequest(to=to, messages=[TextMessage(text=text[:TEXT_LIMIT])])
    key = key or str(uuid.uuid4())
    wait = FIRST_WAIT
    with _client() as client:
        api = _api(client)
        for attempt in range(1, TRIES + 1):
            try:
                api.push_message(request, x_line_retry_key=key, _request_timeout=TIMEOUT)
                return Delivery(ok=True, tries=attempt, status=200)
            except ApiException as error:
                if error.status == 409:  # this retry key was accepted before: delivered
                    return Delivery(ok=True, tries=attempt, status=409)
                outcome = Delivery(False, attempt, error.status, _describe(error))
                asked = _retry_after(error) if error.status == 429 else None
                if error.status not in RETRIED_STATUSES or (asked or 0) > LONGEST_WAIT:
                    break
                delay = wait if asked is None else asked
            except urllib3.exceptions.HTTPError as error:  # refused, timed out, cut off
                outcome = Delivery(False, attempt, None, f"no answer from LINE: {error}")
                delay = wait
            if attempt < TRIES:
                logger.info("LINE push to %s: %s; trying again in %ss", to, outcome.error, delay)
                sleep(delay)
                wait *= 2
    logger.warning("LINE push to %s failed after %d tries: %s", to, outcome.tries, outcome.error)
    return outcome


class NotDelivered(Exception):
    """A message LINE did not take after every try (the worker records the task as failed)."""


def push_task(to, text, key=None):
    """`push` for the worker queue: a refusal becomes a failed task in the admin."""
    delivery = push(to, text, key=key)
    if not delivery.ok:
        raise NotDelivered(f"{to}: {delivery.error}")
    return delivery.tries


def reply(token, text):
    """Answer a webhook event (once: reply tokens are short-lived and single-use)."""
    if not enabled():
        return
    request = ReplyMessageRequest(reply_token=token, messages=[TextMessage(text=text)])
    with _client() as client:
        try:
            _api(client).reply_message(request, _request_timeout=TIMEOUT)
        except (ApiException, urllib3.exceptions.HTTPError):
            logger.warning("Could not reply on LINE", exc_info=True)
