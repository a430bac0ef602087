import pytest

from agencies.models import Agency

pytestmark = pytest.mark.django_db


def test_directory_lists_agencies_in_thai(client):
    response = client.get("/agencies/")
    assert response.status_code == 200
    assert "สำนักงานศึกษาธิการจังหวัดเชียงใหม่" in response.text
    assert '<html lang="th">' in response.text


def test_directory_in_english(client):
    response = client.get("/en/agencies/")
    assert "Chiang Mai Provincial Education Office" in response.text
    assert '<html lang="en">' in response.text


def test_directory_groups_offices_in_collapsible_sections(client):
    response = client.get("/agencies/")
    assert response.text.count("<details") == 2


def test_directory_filter_by_thai_name(client):
    response = client.get("/agencies/", {"q": "เชียง"})
    assert "ศึกษาธิการจังหวัดเชียงราย" in response.text
    assert "ศึกษาธิการจังหวัดลำพูน" not in response.text


def test_directory_filter_by_english_name(client):
    response = client.get("/en/agencies/", {"q": "lamphun"})
    assert "Lamphun Provincial Education Office" in response.text
    assert "Chiang Rai" not in response.text


def test_directory_filter_without_match_says_so(client):
    response = client.get("/agencies/", {"q": "ไม่มีหน่วยงานนี้"})
    assert response.status_code == 200
    assert "ไม่มีหน่วยงานนี้" in response.text
    assert 'class="alert alert-info"' in response.text


def test_agency_page_shows_parent_and_province(client):
    response = client.get("/agencies/peo-chiang-mai/")
    assert response.status_code == 200
    assert "สำนักงานศึกษาธิการภาค 15" in response.text
    assert "เชียงใหม่" in response.text


def test_regional_office_page_lists_its_provincial_offices(client):
    response = client.get("/en/agencies/reo-15/")
    assert "Lamphun Provincial Education Office" in response.text


def test_unknown_agency_is_404(client):
    assert client.get("/agencies/no-such-office/").status_code == 404


def test_deactivated_agency_is_hidden(client):
    Agency.objects.filter(slug="ipst").update(is_active=False)
    assert client.get("/agencies/ipst/").status_code == 404
    assert "สสวท." not in client.get("/agencies/").text


def test_agency_page_shows_its_former_name(client):
    response = client.get("/agencies/onie/")
    assert "กรมส่งเสริมการเรียนรู้" in response.text
    assert "สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัย (ใช้ถึง 18 พฤษภาคม 2566)" in response.text


def test_directory_search_by_a_former_abbreviation_finds_the_department(client):
    response = client.get("/agencies/", {"q": "กศน."})
    assert "กรมส่งเสริมการเรียนรู้" in response.text
