import pytest
from django.core.exceptions import PermissionDenied

from activities import workflow
from activities.models import Activity
from activities.workflow import Status, TransitionNotAllowed
from tests.factories import agency, make_activity, make_coordinator, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return make_coordinator("coord")


def test_staff_submits_own_draft():
    post = make_activity()
    workflow.submit(post, by=post.created_by)
    post.refresh_from_db()
    assert post.status == Status.SUBMITTED
    assert post.submitted_at is not None


def test_submit_records_history_entry():
    post = make_activity()
    workflow.submit(post, by=post.created_by)
    entry = post.transitions.get()
    assert (entry.actor, entry.from_status, entry.to_status) == (
        post.created_by,
        Status.DRAFT,
        Status.SUBMITTED,
    )


def test_staff_of_other_agency_cannot_submit():
    post = make_activity()
    outsider = make_staff(agency("peo-lamphun"))
    with pytest.raises(PermissionDenied):
        workflow.submit(post, by=outsider)
    assert Activity.objects.get(pk=post.pk).status == Status.DRAFT


def test_coordinator_publishes_submitted_post(coordinator):
    post = make_activity(status="submitted")
    workflow.publish(post, by=coordinator)
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED
    assert post.published_at is not None


def test_staff_cannot_publish_own_post():
    post = make_activity(status="submitted")
    with pytest.raises(PermissionDenied):
        workflow.publish(post, by=post.created_by)
    assert Activity.objects.get(pk=post.pk).status == Status.SUBMITTED


def test_return_keeps_coordinators_note(coordinator):
    post = make_activity(status="submitted")
    workflow.return_to_author(post, by=coordinator, note="เพิ่มจำนวนผู้เข้าร่วม")
    post.refresh_from_db()
    assert post.status == Status.RETURNED
    assert post.review_note == "เพิ่มจำนวนผู้เข้าร่วม"
    assert post.transitions.last().note == "เพิ่มจำนวนผู้เข้าร่วม"


def test_return_without_note_is_refused(coordinator):
    post = make_activity(status="submitted")
    with pytest.raises(TransitionNotAllowed):
        workflow.return_to_author(post, by=coordinator, note="  ")


def test_returned_post_can_be_submitted_again():
    post = make_activity(status="returned")
    workflow.submit(post, by=post.created_by)
    post.refresh_from_db()
    assert post.status == Status.SUBMITTED


def test_coordinator_unpublishes_published_post(coordinator):
    post = make_activity(status="published")
    workflow.unpublish(post, by=coordinator)
    post.refresh_from_db()
    assert post.status == Status.UNPUBLISHED


@pytest.mark.parametrize(
    ("status", "step"),
    [
        ("draft", "publish"),
        ("draft", "return"),
        ("draft", "unpublish"),
        ("submitted", "submit"),
        ("submitted", "unpublish"),
        ("returned", "publish"),
        ("returned", "return"),
        ("returned", "unpublish"),
        ("published", "submit"),
        ("published", "publish"),
        ("published", "return"),
        ("unpublished", "submit"),
        ("unpublished", "return"),
        ("unpublished", "unpublish"),
    ],
)
def test_invalid_transition_is_refused_and_changes_nothing(coordinator, status, step):
    post = make_activity(status=status)
    history = post.transitions.count()
    actions = {
        "submit": lambda: workflow.submit(post, by=coordinator),
        "publish": lambda: workflow.publish(post, by=coordinator),
        "return": lambda: workflow.return_to_author(post, by=coordinator, note="แก้ไข"),
        "unpublish": lambda: workflow.unpublish(post, by=coordinator),
    }
    with pytest.raises(TransitionNotAllowed):
        actions[step]()
    post.refresh_from_db()
    assert post.status == status
    assert post.transitions.count() == history


def test_only_published_post_can_be_featured(coordinator):
    post = make_activity(status="submitted")
    with pytest.raises(TransitionNotAllowed):
        workflow.set_featured(post, by=coordinator)


def test_archived_post_leaves_every_public_list(coordinator):
    post = make_activity(status="published")
    workflow.archive(post, by=coordinator)
    assert not Activity.objects.public().filter(pk=post.pk).exists()


def test_archived_post_can_be_restored(coordinator):
    post = make_activity(status="published")
    workflow.archive(post, by=coordinator)
    workflow.restore(post, by=coordinator)
    assert Activity.objects.public().filter(pk=post.pk).exists()


def test_step_from_a_stale_instance_keeps_someone_elses_edit(coordinator):
    post = make_activity(status="submitted", title="ชื่อเดิม")
    stale = Activity.objects.get(pk=post.pk)
    fresh = Activity.objects.get(pk=post.pk)
    fresh.title = "ชื่อที่แก้แล้ว"  # another request edits the post meanwhile
    fresh.save()
    workflow.publish(stale, by=coordinator)
    post.refresh_from_db()
    assert (post.title, post.status) == ("ชื่อที่แก้แล้ว", Status.PUBLISHED)
