import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import translation

from activities import workflow
from tests.factories import agency, make_activity, make_coordinator, make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinators():
    return [make_coordinator("coord-a"), make_coordinator("coord-b")]


@pytest.fixture
def post():
    author = make_staff(agency("peo-chiang-mai"), "somchai", first_name="สมชาย", last_name="ใจดี")
    return make_activity(by=author, title="ปลูกป่าชายเลน")


def submitted(post, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(post, by=post.created_by)


def test_submission_mails_every_coordinator(post, coordinators, django_capture_on_commit_callbacks):
    submitted(post, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["coord-a@example.com", "coord-b@example.com"]


def test_submission_mail_is_thai_and_links_to_the_admin(
    post, coordinators, django_capture_on_commit_callbacks
):
    submitted(post, django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    assert message.subject == "รอตรวจ: ปลูกป่าชายเลน"
    assert f"/admin/activities/activity/{post.pk}/change/" in message.body
    assert "สมชาย ใจดี" in message.body


def test_submission_mail_is_thai_even_from_an_english_page(
    post, coordinators, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        submitted(post, django_capture_on_commit_callbacks)
    assert mail.outbox[0].subject.startswith("รอตรวจ")


def test_inactive_or_addressless_coordinators_get_nothing(post, django_capture_on_commit_callbacks):
    make_coordinator("retired", is_active=False)
    no_address = make_coordinator("no-address")
    no_address.email = ""
    no_address.save()
    submitted(post, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_submission_does_not_mail_the_author_or_other_staff(
    post, coordinators, django_capture_on_commit_callbacks
):
    make_staff(agency("peo-chiang-mai"), "colleague")
    submitted(post, django_capture_on_commit_callbacks)
    recipients = {m.to[0] for m in mail.outbox}
    assert "somchai@example.com" not in recipients
    assert "colleague@example.com" not in recipients


def test_publishing_mails_only_the_author(post, coordinators, django_capture_on_commit_callbacks):
    workflow.submit(post, by=post.created_by)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(post, by=coordinators[0])
    assert [m.to for m in mail.outbox] == [["somchai@example.com"]]
    assert mail.outbox[0].subject == "เผยแพร่แล้ว: ปลูกป่าชายเลน"
    assert post.get_absolute_url() in mail.outbox[0].body


def test_returning_mails_the_author_with_the_note(
    post, coordinators, django_capture_on_commit_callbacks
):
    workflow.submit(post, by=post.created_by)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_to_author(post, by=coordinators[0], note="โปรดเพิ่มจำนวนผู้เข้าร่วม")
    message = mail.outbox[0]
    assert message.to == ["somchai@example.com"]
    assert message.subject == "โปรดแก้ไข: ปลูกป่าชายเลน"
    assert "โปรดเพิ่มจำนวนผู้เข้าร่วม" in message.body
    assert f"/staff/{post.pk}/edit/" in message.body


def test_note_is_not_html_escaped(post, coordinators, django_capture_on_commit_callbacks):
    workflow.submit(post, by=post.created_by)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.return_to_author(post, by=coordinators[0], note='ใส่ชื่อ "โรงเรียน" & วันที่')
    assert 'ใส่ชื่อ "โรงเรียน" & วันที่' in mail.outbox[0].body


def test_unpublishing_and_featuring_send_nothing(
    post, coordinators, django_capture_on_commit_callbacks
):
    workflow.submit(post, by=post.created_by)
    workflow.publish(post, by=coordinators[0])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.set_featured(post, by=coordinators[0])
        workflow.unpublish(post, by=coordinators[0])
    assert mail.outbox == []


def test_coordinator_is_not_told_of_own_submission(
    coordinators, django_capture_on_commit_callbacks
):
    own = make_activity(by=coordinators[0])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(own, by=coordinators[0])
    assert [m.to for m in mail.outbox] == [["coord-b@example.com"]]


def test_failing_mail_server_does_not_undo_the_step(
    post, coordinators, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    submitted(post, django_capture_on_commit_callbacks)
    post.refresh_from_db()
    assert post.status == "submitted"


def test_submission_mails_whoever_holds_the_review_permission(
    post, django_capture_on_commit_callbacks
):
    reviewer = make_user("reviewer", role=None)
    reviewer.user_permissions.add(Permission.objects.get(codename="review_activity"))
    make_user("root", role=None, is_superuser=True)
    submitted(post, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == ["reviewer@example.com", "root@example.com"]


def link_in(message, settings):
    """The path of the site's link in the e-mail (checked to be under SITE_URL)."""
    link = next(w for w in message.body.split() if w.startswith(("http://", "https://")))
    assert link.startswith(settings.SITE_URL + "/")
    return link.removeprefix(settings.SITE_URL)


def test_submission_mails_link_opens_the_review_page(
    client, post, coordinators, settings, django_capture_on_commit_callbacks
):
    with translation.override("en"):
        submitted(post, django_capture_on_commit_callbacks)
    client.force_login(coordinators[0])
    assert client.get(link_in(mail.outbox[0], settings)).status_code == 200


def test_return_mails_link_opens_the_edit_page_in_thai(
    client, post, coordinators, settings, django_capture_on_commit_callbacks
):
    workflow.submit(post, by=post.created_by)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        workflow.return_to_author(post, by=coordinators[0], note="โปรดเพิ่มภาพ")
    client.force_login(post.created_by)
    page = client.get(link_in(mail.outbox[0], settings))
    assert page.status_code == 200 and 'lang="th"' in page.text
