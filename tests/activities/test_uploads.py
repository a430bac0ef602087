"""A request carrying more files than a post may hold: the first 30 arrive whole, the rest
are skipped unread and counted."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from activities import uploads


def request_with(count):
    files = [SimpleUploadedFile(f"p{n}.jpg", f"photo {n} ".encode() * 40) for n in range(count)]
    return RequestFactory().post("/", {"title": "ข้อความ", "new_photos": files, "after": "ท้าย"})


@pytest.mark.parametrize("in_memory_up_to", [2_621_440, 100])  # memory, then temporary files
def test_the_first_thirty_files_arrive_whole_and_the_rest_are_counted(settings, in_memory_up_to):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = in_memory_up_to
    request = request_with(32)
    received = request.FILES.getlist("new_photos")
    assert [f.read() for f in received] == [f"photo {n} ".encode() * 40 for n in range(30)]
    assert request.POST["after"] == "ท้าย"
    assert uploads.refusals(request) == ["ไม่ได้เพิ่มไฟล์อีก 2 ไฟล์ เพราะโพสต์หนึ่งมีภาพได้ไม่เกิน 30 ภาพ"]


def test_thirty_files_are_all_received_without_a_message():
    request = request_with(30)
    assert len(request.FILES.getlist("new_photos")) == 30
    assert uploads.refusals(request) == []
