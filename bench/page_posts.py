"""The bench's database for bench/pages.py: published posts bulk-inserted across the 104
agencies by activities/demo/bulk.py (a cover photo each), and the words its searches look for."""

import datetime
import time

SERVER = "postgres://postgres@127.0.0.1:5432"
WORDS = [
    "ปลูกต้นไม้",
    "ป่าชายเลน",
    "ทำความสะอาด",
    "วัด",
    "โรงเรียน",
    "บริจาคโลหิต",
    "ซ่อมแซม",
    "อาคารเรียน",
    "ชุมชน",
    "ผู้สูงอายุ",
    "อุทกภัย",
    "ถุงยังชีพ",
    "คลอง",
    "ขยะ",
    "ห้องสมุด",
    "สนามเด็กเล่น",
    "เฉลิมพระเกียรติ",
    "จิตอาสา",
]
COMMON_WORD = "ชายเลน"  # inside ป่าชายเลน, which most seeded stories contain
RARE_WORD = "การังเทียม"  # inside ปะการังเทียม, in 1 post in 100 (a typical search)
OLD_WORD = "โควิด"  # only in posts published more than two years ago (old_campaign)
EIGHT_COMMON = "ป่า วัด ชุมชน คลอง ขยะ เรียน อาสา ต้นไม้"  # each in many posts, all 8 in 2 of 5
# 100 characters (the most a search takes), 8 words that all appear somewhere but never
# together. It was 109 until 2026-12-08: the form set it aside as too long, so the row
# measured the whole list with a note that the search was ignored.
LONG_QUERY = "ปลูกต้นไม้ป่าชายเลน ทำความสะอาดวัด โรงเรียน บริจาคโลหิต ซ่อมแซมอาคาร ถุงยังชีพ ห้องสมุด สนามเด็กเล่น"
assert len(LONG_QUERY) == 100


def create_database(name):
    import psycopg2

    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f"CREATE DATABASE {name}")
        cursor.execute(f"ALTER DATABASE {name} SET jit = off")  # as compose.yaml's server
    connection.close()


def seed(count):
    """Bulk-insert published posts (with a cover photo each) up to `count`."""
    from activities.demo.bulk import bulk_posts
    from activities.models import Activity

    have = Activity.objects.public().count()
    if have >= count:
        print(f"The database has {have:,} published posts already.")
        return False
    years = 3 if count <= 100_000 else 10  # ~90 posts a day now; a decade for a million
    started = time.perf_counter()
    bulk_posts(
        count - have,
        texts=bench_text,
        dates=lambda rng: bench_dates(rng, years),
        first=have,
        seed=have,
        batch_size=5000,
        progress=lambda made: print(
            f"  {have + made:,} posts ({time.perf_counter() - started:.0f} s)", end="\r"
        ),
    )
    print()
    return True


def bench_text(n, rng, agency):
    """Three of WORDS and the post's number; one post in 100 with the rarer word."""
    from activities.demo.bulk import Text

    title = f"{' '.join(rng.sample(WORDS, 3))} ครั้งที่ {n + 1}"
    if n % 100 == 99:
        title += " ปะการังเทียม"
    return Text(
        title=title,
        venue=f"โรงเรียนบ้าน{rng.choice(WORDS)}",
        body="\n\n".join(" ".join(rng.sample(WORDS, 8)) for _ in range(3)),
        news_credit="ฝ่ายประชาสัมพันธ์",
        photo_credit="ช่างภาพจิตอาสา",
    )


def bench_dates(rng, years):
    from django.utils import timezone

    start_date = datetime.date.today() - datetime.timedelta(days=rng.randrange(years * 365))
    return start_date, published_at(rng, start_date, timezone.now())


def published_at(rng, start_date, now):
    """A few days after the activity, as coordinators review; one post in 50 much later
    (a post about an old activity published today)."""
    late = rng.randrange(2, 20) if rng.random() > 0.02 else rng.randrange(30, 700)
    moment = datetime.datetime.combine(start_date, datetime.time(9), tzinfo=datetime.UTC)
    moment += datetime.timedelta(days=late, seconds=rng.randrange(36000))
    return min(moment, now - datetime.timedelta(seconds=rng.randrange(1, 86400)))


def old_campaign():
    """One post in 20 published more than two years ago gets a word no newer post has
    (an old campaign's name): the list that would walk every newer post."""
    from django.db import connection
    from django.utils import timezone

    from activities.search import encode

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE activities_activity SET title = %s || title, "
            "search_text = %s || search_text "
            "WHERE id %% 20 = 0 AND published_at < %s AND title NOT LIKE %s",
            [f"{OLD_WORD} ", f"{encode(OLD_WORD)} ", timezone.now() - datetime.timedelta(days=730),
             f"%{OLD_WORD}%"],
        )  # fmt: skip
        return cursor.rowcount


def vacuum():
    """So that counts and index-only scans see an up-to-date visibility map, as in a
    database that has been running a while."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
