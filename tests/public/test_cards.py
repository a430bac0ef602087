"""Activity cards are made once and reused by every list, and never outlive what they show."""

from tests.factories import agency, make_photo

CARD = "activities/_card.html"


def cards_rendered(response):
    return sum(1 for t in response.templates if t.name == CARD)


def test_a_card_is_rendered_once_and_reused_by_other_lists(client, publish):
    for n in range(3):
        publish(title=f"กิจกรรม {n}")
    assert cards_rendered(client.get("/activities/")) == 3
    assert cards_rendered(client.get("/activities/?type=development")) == 0


def test_renaming_an_agency_shows_on_its_cards(client, publish):
    publish(title="กิจกรรมเชียงใหม่")
    client.get("/activities/")
    office = agency("peo-chiang-mai")
    office.abbreviation = "ชื่อย่อใหม่"
    office.save()
    assert "ชื่อย่อใหม่" in client.get("/activities/?n=1").content.decode()


def test_a_new_cover_photo_shows_on_the_card(client, publish):
    post = publish(title="มีภาพ")
    client.get("/activities/")
    photo = make_photo(post, is_cover=True, alt_text="ภาพปกใหม่")
    assert photo.image.url in client.get("/activities/?n=1").content.decode()


def test_thai_and_english_cards_are_kept_apart(client, publish):
    publish(title="กิจกรรม", province=agency("peo-chiang-mai").province)
    client.get("/activities/")
    english = client.get("/en/activities/").content.decode()
    assert "Chiang Mai" in english


def test_publishing_a_post_keeps_the_other_cards(client, publish):
    for n in range(4):
        publish(title=f"กิจกรรม {n}")
    client.get("/activities/")
    publish(title="กิจกรรมใหม่")
    # The new card, and the one that was first, whose picture no longer loads eagerly.
    assert cards_rendered(client.get("/activities/")) == 2


def test_renaming_an_activity_type_shows_on_its_cards(client, publish):
    post = publish(title="กิจกรรม")
    client.get("/activities/")
    kind = post.activity_type
    kind.name = "ประเภทชื่อใหม่"
    kind.save()
    assert "ประเภทชื่อใหม่" in client.get("/activities/").content.decode()


def test_hiding_the_cover_photo_takes_it_off_the_card(client, publish):
    post = publish(title="มีภาพ")
    photo = make_photo(post, is_cover=True)
    client.get("/activities/")
    photo.is_hidden = True
    photo.save()
    assert photo.image.url not in client.get("/activities/").content.decode()
