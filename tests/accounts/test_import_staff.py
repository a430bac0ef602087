from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from agencies.models import Membership
from agencies.roles import COORDINATOR_GROUP, STAFF_GROUP
from tests.factories import agency, make_staff

pytestmark = pytest.mark.django_db
User = get_user_model()

HEADER = "username,full name,email,agencies,role\n"


def run(tmp_path, text, *args, encoding="utf-8"):
    path = tmp_path / "staff.csv"
    path.write_bytes(text.encode(encoding))
    out, err = StringIO(), StringIO()
    call_command("import_staff", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def agencies_of(username):
    return set(
        Membership.objects.filter(user__username=username).values_list("agency__slug", flat=True)
    )


def roles_of(username):
    return set(User.objects.get(username=username).groups.values_list("name", flat=True))


def test_creates_a_staff_account_with_thai_name(tmp_path):
    run(tmp_path, HEADER + "somchai,สมชาย ใจดี,somchai@moe.go.th,peo-chiang-mai,staff\n")
    user = User.objects.get(username="somchai")
    assert (user.first_name, user.last_name, user.email) == ("สมชาย", "ใจดี", "somchai@moe.go.th")
    assert roles_of("somchai") == {STAFF_GROUP}
    assert agencies_of("somchai") == {"peo-chiang-mai"}
    assert not user.is_staff


def test_new_account_has_no_usable_password(tmp_path):
    run(tmp_path, "somchai,สมชาย ใจดี,somchai@moe.go.th,peo-chiang-mai,staff\n")
    assert not User.objects.get(username="somchai").has_usable_password()


def test_several_agencies_split_by_semicolon_or_bar(tmp_path):
    run(tmp_path, "somchai,สมชาย ใจดี,s@moe.go.th,peo-chiang-mai; reo-15 | peo-lamphun,staff\n")
    assert agencies_of("somchai") == {"peo-chiang-mai", "reo-15", "peo-lamphun"}


def test_coordinator_gets_the_group_and_admin_access(tmp_path):
    run(tmp_path, "malee,มาลี ศรีสุข,malee@moe.go.th,,coordinator\n")
    assert roles_of("malee") == {COORDINATOR_GROUP}
    assert User.objects.get(username="malee").is_staff


def test_accepts_a_utf8_bom(tmp_path):
    run(tmp_path, "\ufeff" + HEADER + "somchai,สมชาย ใจดี,s@moe.go.th,peo-chiang-mai,staff\n")
    assert User.objects.filter(username="somchai").exists()


def test_accepts_thai_windows_encoding(tmp_path):
    text = "somchai,สมชาย ใจดี,s@moe.go.th,peo-chiang-mai,staff\n"
    run(tmp_path, text, encoding="cp874")
    assert User.objects.get(username="somchai").first_name == "สมชาย"


def test_update_keeps_the_password(tmp_path):
    user = make_staff(agency("peo-lamphun"), "somchai")
    run(tmp_path, "somchai,สมชาย ใจดี,new@moe.go.th,peo-chiang-mai,staff\n")
    user.refresh_from_db()
    assert user.check_password("pass-1234-word")
    assert user.email == "new@moe.go.th"


def test_update_replaces_memberships_with_the_file(tmp_path):
    make_staff(agency("peo-lamphun"), "somchai")
    run(tmp_path, "somchai,สมชาย ใจดี,s@moe.go.th,peo-chiang-mai,staff\n")
    assert agencies_of("somchai") == {"peo-chiang-mai"}


def test_update_changes_role(tmp_path):
    make_staff(agency("peo-lamphun"), "somchai")
    run(tmp_path, "somchai,สมชาย ใจดี,s@moe.go.th,,coordinator\n")
    assert roles_of("somchai") == {COORDINATOR_GROUP}


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("somchai,สมชาย,s@moe.go.th,peo-nowhere,staff", "ไม่รู้จักหน่วยงาน: peo-nowhere"),
        ("somchai,สมชาย,not-an-email,peo-chiang-mai,staff", "ไม่ใช่อีเมลที่ถูกต้อง"),
        ("somchai,สมชาย,,peo-chiang-mai,staff", "ไม่มีอีเมล"),
        (",สมชาย,s@moe.go.th,peo-chiang-mai,staff", "ไม่มีชื่อผู้ใช้"),
        ("somchai,สมชาย,s@moe.go.th,peo-chiang-mai,admin", "ไม่รู้จักบทบาท “admin”"),
        ("somchai,สมชาย,s@moe.go.th,,staff", "ต้องสังกัดอย่างน้อยหนึ่งหน่วยงาน"),
        ("som chai,สมชาย,s@moe.go.th,peo-chiang-mai,staff", "ไม่ใช่ชื่อผู้ใช้ที่ใช้ได้"),
        ("somchai,สมชาย", "ไม่มีอีเมล"),
    ],
)
def test_bad_row_is_rejected_with_its_reason(tmp_path, row, reason):
    out, err = run(tmp_path, HEADER + row + "\n")
    assert err.startswith("ไม่นำเข้าแถวที่ 2: ")
    assert reason in err
    assert not User.objects.filter(first_name="สมชาย").exists()


def test_duplicate_row_is_rejected_and_the_first_kept(tmp_path):
    out, err = run(
        tmp_path,
        "somchai,สมชาย ใจดี,a@moe.go.th,peo-chiang-mai,staff\n"
        "SomChai,สมชาย ใจดี,b@moe.go.th,peo-lamphun,staff\n",
    )
    assert "ไม่นำเข้าแถวที่ 2: ชื่อผู้ใช้ซ้ำกับแถวที่ 1" in err
    assert User.objects.get(username="somchai").email == "a@moe.go.th"


def test_good_rows_are_saved_when_others_are_rejected(tmp_path):
    out, err = run(
        tmp_path,
        "somchai,สมชาย ใจดี,a@moe.go.th,peo-chiang-mai,staff\nmalee,มาลี,broken,peo-lamphun,staff\n",
    )
    assert User.objects.filter(username="somchai").exists()
    assert "สร้างใหม่ 1 บัญชี ปรับปรุง 0 บัญชี ไม่เปลี่ยนแปลง 0 บัญชี ไม่นำเข้า 1 แถว" in out


def test_summary_counts_created_and_updated(tmp_path):
    make_staff(agency("peo-lamphun"), "malee")
    out, _err = run(
        tmp_path,
        "somchai,สมชาย ใจดี,a@moe.go.th,peo-chiang-mai,staff\n"
        "malee,มาลี ศรีสุข,m@moe.go.th,peo-lamphun,staff\n",
    )
    assert "สร้างใหม่ 1 บัญชี ปรับปรุง 1 บัญชี ไม่เปลี่ยนแปลง 0 บัญชี ไม่นำเข้า 0 แถว ส่งอีเมลเชิญ 0 ฉบับ" in out


def test_dry_run_saves_nothing(tmp_path):
    out, _err = run(
        tmp_path,
        "somchai,สมชาย ใจดี,a@moe.go.th,peo-chiang-mai,staff\n",
        "--dry-run",
        "--send-invites",
    )
    assert not User.objects.filter(username="somchai").exists()
    assert "สร้างใหม่ 1 บัญชี" in out
    assert mail.outbox == []


def test_invites_go_only_to_new_accounts(tmp_path):
    make_staff(agency("peo-lamphun"), "malee")
    run(
        tmp_path,
        "somchai,สมชาย ใจดี,somchai@moe.go.th,peo-chiang-mai,staff\n"
        "malee,มาลี ศรีสุข,malee@moe.go.th,peo-lamphun,staff\n",
        "--send-invites",
    )
    assert [m.to for m in mail.outbox] == [["somchai@moe.go.th"]]
    assert "บัญชีผู้ใช้" in mail.outbox[0].subject
    assert "เรียน คุณสมชาย ใจดี" in mail.outbox[0].body


def test_invitation_link_lets_the_new_user_choose_a_password(tmp_path, client):
    run(tmp_path, "somchai,สมชาย ใจดี,s@moe.go.th,peo-chiang-mai,staff\n", "--send-invites")
    link = next(w for w in mail.outbox[0].body.split() if "/accounts/reset/" in w)
    page = client.get(urlsplit(link).path, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "ช้าง-เผือก-1234", "new_password2": "ช้าง-เผือก-1234"},
    )
    assert User.objects.get(username="somchai").check_password("ช้าง-เผือก-1234")


def test_no_invites_without_the_option(tmp_path):
    run(tmp_path, "somchai,สมชาย ใจดี,s@moe.go.th,peo-chiang-mai,staff\n")
    assert mail.outbox == []


def test_missing_file_is_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="อ่านไฟล์"):
        call_command("import_staff", str(tmp_path / "missing.csv"))
