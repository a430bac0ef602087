"""Demo content for `make run` and large data sets for benchmarks (the `seed_demo` command).

Demo posts go through workflow.py as real ones do (submitted by their author, published or
returned by the coordinator), with the e-mails about these invented steps sent nowhere;
then their dates are moved back to the invented ones. Benchmark posts (`bulk_posts`) are
inserted in bulk as published posts without a history.
"""

import datetime
import io
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from PIL import Image, ImageDraw

from agencies.models import Agency, Membership, Province
from agencies.roles import COORDINATOR_GROUP, STAFF_GROUP
from jitarsa.text import slugify_thai

from . import cache, tallies, workflow
from .models import Activity, ActivityType, Photo
from .photos import add_photo
from .workflow import Action, Status

DEMO_PASSWORD = "jitarsa-demo"
RETURN_NOTE = "โปรดเพิ่มจำนวนชั่วโมงจิตอาสาและภาพกิจกรรม"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    agencies: tuple = ()
    superuser: bool = False


# A coordinator who is not a superuser, so the demo shows what coordinators really may do
# (README, "Who may do what"); the administrator may do everything.
DEMO_ACCOUNTS = [
    DemoAccount("admin", "ผู้ดูแล ระบบ", COORDINATOR_GROUP, superuser=True),
    DemoAccount("coordinator", "ผู้ประสานงาน ศูนย์จิตอาสา", COORDINATOR_GROUP),
    DemoAccount("staff-chiangmai", "สมศรี ใจดี", STAFF_GROUP, ("peo-chiang-mai",)),
]
BENCH_AUTHOR = "demo-seeder"

DEMO_AGENCIES = [
    "peo-chiang-mai",
    "ops",
    "obec",
    "ovec",
    "onie",
    "reo-01",
    "peo-khon-kaen",
    "peo-songkhla",
    "peo-ubon-ratchathani",
    "peo-phuket",
    "onec",
    "peo-nan",
]
CREDITS = [
    "อานนท์ วิชานนท์",
    "สมศรี ใจดี",
    "ประภาพร แสงทอง",
    "วีระพงษ์ คงมั่น",
    "กนกวรรณ ศรีสวัสดิ์",
    "ธนากร บุญมา",
    "ศิริพร พรหมมา",
    "ชยพล อินทร์แก้ว",
]


@dataclass(frozen=True)
class Story:
    type_slug: str
    title: str
    venue: str
    body: str
    tags: str
    captions: tuple


STORIES = [
    Story(
        "development",
        "ปลูกต้นไม้เฉลิมพระเกียรติ",
        "โรงเรียนบ้านหนองบัว",
        "บุคลากรและนักเรียนร่วมกันปลูกต้นไม้ยืนต้นกว่า 500 ต้น รอบบริเวณโรงเรียน"
        "\n\nกิจกรรมนี้จัดขึ้นเพื่อเพิ่มพื้นที่สีเขียวและปลูกฝังจิตสำนึกรักษ์สิ่งแวดล้อม"
        "ให้แก่เยาวชน โดยได้รับความร่วมมือจากชุมชนและองค์การบริหารส่วนตำบล",
        "ปลูกต้นไม้, สิ่งแวดล้อม",
        ("จิตอาสาร่วมปลูกต้นไม้", "นักเรียนช่วยกันรดน้ำต้นกล้า", "ภาพหมู่ผู้ร่วมกิจกรรม"),
    ),
    Story(
        "development",
        "ทำความสะอาดวัดและชุมชน",
        "วัดศรีสุพรรณ",
        "จิตอาสาร่วมกันทำความสะอาดลานวัด ตัดแต่งกิ่งไม้ และเก็บขยะในชุมชนโดยรอบ"
        "\n\nหลังเสร็จกิจกรรมมีการคัดแยกขยะเพื่อนำไปรีไซเคิล และมอบต้นไม้ให้แก่วัด",
        "ทำความสะอาด, ชุมชน",
        ("กวาดลานวัด", "คัดแยกขยะรีไซเคิล"),
    ),
    Story(
        "disaster",
        "ช่วยเหลือผู้ประสบอุทกภัย",
        "ศาลาอเนกประสงค์หมู่ 4",
        "เจ้าหน้าที่และจิตอาสาร่วมกันบรรจุถุงยังชีพกว่า 1,200 ชุด "
        "และนำไปมอบให้แก่ครอบครัวที่ได้รับผลกระทบจากน้ำท่วม"
        "\n\nนอกจากนี้ยังช่วยขนย้ายโต๊ะเรียนและอุปกรณ์การเรียนขึ้นที่สูง",
        "อุทกภัย, ถุงยังชีพ",
        ("บรรจุถุงยังชีพ", "ส่งมอบสิ่งของแก่ผู้ประสบภัย", "ขนย้ายอุปกรณ์การเรียน"),
    ),
    Story(
        "disaster",
        "ฟื้นฟูโรงเรียนหลังน้ำลด",
        "โรงเรียนบ้านท่าช้าง",
        "จิตอาสาช่วยกันล้างทำความสะอาดห้องเรียน ขนโคลน และซ่อมแซมโต๊ะเก้าอี้ เพื่อให้นักเรียนกลับมาเรียนได้โดยเร็ว",
        "ฟื้นฟู, โรงเรียน",
        ("ล้างโคลนในห้องเรียน", "ซ่อมแซมโต๊ะเก้าอี้"),
    ),
    Story(
        "special",
        "จิตอาสาบริการประชาชนในงานพระราชพิธี",
        "ท้องสนามหลวง",
        "บุคลากรร่วมเป็นจิตอาสาเฉพาะกิจ ให้บริการน้ำดื่ม อาหาร และอำนวยความสะดวก"
        "แก่ประชาชนที่มาร่วมงาน\n\nมีผู้ร่วมปฏิบัติงานหมุนเวียนตลอดทั้งวัน",
        "งานพระราชพิธี, บริการประชาชน",
        ("จุดบริการน้ำดื่ม", "จิตอาสาอำนวยความสะดวก"),
    ),
    Story(
        "development",
        "ซ่อมแซมห้องสมุดโรงเรียน",
        "โรงเรียนชุมชนบ้านป่าแดด",
        "ครูและจิตอาสาทาสีผนัง จัดชั้นหนังสือใหม่ และบริจาคหนังสือกว่า 300 เล่ม"
        "\n\nห้องสมุดที่ปรับปรุงแล้วเปิดให้นักเรียนและชุมชนใช้ได้ทุกวัน",
        "ห้องสมุด, การอ่าน",
        ("ทาสีผนังห้องสมุด", "จัดชั้นหนังสือ", "นักเรียนในห้องสมุดใหม่"),
    ),
    Story(
        "development",
        "ขุดลอกคูคลองและกำจัดผักตบชวา",
        "คลองบ้านใหม่",
        "จิตอาสากว่าร้อยคนร่วมกันกำจัดผักตบชวาและขุดลอกคูคลอง เพื่อให้น้ำไหลสะดวกก่อนฤดูฝน",
        "แหล่งน้ำ, ผักตบชวา",
        ("กำจัดผักตบชวา", "คลองหลังการขุดลอก"),
    ),
    Story(
        "special",
        "ตรวจสุขภาพและตัดผมให้ผู้สูงอายุ",
        "โรงพยาบาลส่งเสริมสุขภาพตำบล",
        "นักศึกษาอาชีวศึกษาให้บริการตัดผม ซ่อมเครื่องใช้ไฟฟ้า และร่วมกับเจ้าหน้าที่"
        "สาธารณสุขตรวจวัดความดันให้ผู้สูงอายุในชุมชน",
        "ผู้สูงอายุ, บริการชุมชน",
        ("ตัดผมให้ผู้สูงอายุ", "ซ่อมเครื่องใช้ไฟฟ้า"),
    ),
    Story(
        "disaster",
        "ดับไฟป่าและทำแนวกันไฟ",
        "อุทยานแห่งชาติดอยสุเทพ-ปุย",
        "เจ้าหน้าที่และจิตอาสาร่วมกันทำแนวกันไฟระยะทาง 3 กิโลเมตร เพื่อป้องกันไฟป่าและลดปัญหาหมอกควันในฤดูแล้ง",
        "ไฟป่า, หมอกควัน",
        ("ทำแนวกันไฟ", "จิตอาสาพักเหนื่อย"),
    ),
    Story(
        "development",
        "สอนหนังสือเด็กในชุมชนช่วงปิดภาคเรียน",
        "ศูนย์การเรียนชุมชน",
        "ครูอาสาจัดกิจกรรมสอนอ่านเขียนภาษาไทยและคณิตศาสตร์ให้เด็กในชุมชน ตลอดช่วงปิดภาคเรียน รวม 10 วัน",
        "การศึกษา, เด็กและเยาวชน",
        ("ห้องเรียนชุมชน", "กิจกรรมการอ่าน"),
    ),
    Story(
        "special",
        "ร่วมกิจกรรมวันจิตอาสาแห่งชาติ",
        "ศาลากลางจังหวัด",
        "หน่วยงานร่วมกับส่วนราชการในจังหวัดจัดกิจกรรมบำเพ็ญสาธารณประโยชน์ "
        "เนื่องในวันจิตอาสาแห่งชาติ มีผู้ร่วมกิจกรรมจำนวนมาก",
        "วันจิตอาสา",
        ("พิธีเปิดกิจกรรม", "จิตอาสาพร้อมปฏิบัติงาน", "ภาพหมู่"),
    ),
    Story(
        "development",
        "ปรับภูมิทัศน์ถนนและทาสีทางม้าลาย",
        "ถนนหน้าโรงเรียน",
        "จิตอาสาทาสีทางม้าลายและขอบทางเท้าหน้าโรงเรียน ตัดหญ้าริมทาง เพื่อความปลอดภัยของนักเรียนในการเดินทาง",
        "ความปลอดภัย, ภูมิทัศน์",
        ("ทาสีทางม้าลาย", "ตัดหญ้าริมถนน"),
    ),
]

PALETTES = [
    ((255, 183, 77), (120, 190, 240)),
    ((250, 140, 110), (70, 110, 190)),
    ((180, 220, 250), (60, 140, 200)),
    ((255, 220, 150), (240, 120, 80)),
    ((200, 230, 255), (110, 170, 220)),
    ((170, 200, 170), (60, 120, 160)),
]


def draw_scene(seed, size=(1200, 800)):
    """A landscape of gradients and shapes: sky, sun, hills, trees and people."""
    rng = random.Random(seed)
    width, height = size
    top, bottom = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    sun_x, sun_y, sun_r = rng.randint(100, width - 100), rng.randint(60, 220), rng.randint(40, 80)
    draw.ellipse([sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r], fill=(255, 236, 150))
    for layer in range(3):
        base = int(height * (0.55 + 0.1 * layer))
        green = (40 + 30 * layer, 120 + 25 * layer, 60 + 10 * layer)
        points = (
            [(0, height)]
            + [(x, base - rng.randint(0, 120 - 30 * layer)) for x in range(0, width + 150, 150)]
            + [(width, height)]
        )
        draw.polygon(points, fill=green)
    for _tree in range(rng.randint(4, 9)):
        x, y = rng.randint(0, width), rng.randint(int(height * 0.65), height - 40)
        draw.rectangle([x - 6, y, x + 6, y + 40], fill=(100, 70, 40))
        draw.polygon([(x - 35, y + 5), (x, y - 80), (x + 35, y + 5)], fill=(30, 110, 50))
    for _person in range(rng.randint(3, 8)):
        x, y = rng.randint(40, width - 40), rng.randint(int(height * 0.72), height - 70)
        shirt = rng.choice([(250, 210, 60), (240, 240, 240), (60, 90, 170), (220, 80, 60)])
        draw.ellipse([x - 12, y - 24, x + 12, y], fill=(200, 150, 110))
        draw.rounded_rectangle([x - 18, y, x + 18, y + 55], radius=8, fill=shirt)
    return image


def scene_upload(seed):
    buffer = io.BytesIO()
    draw_scene(seed).save(buffer, "JPEG", quality=88)
    return SimpleUploadedFile(f"demo-{seed}.jpg", buffer.getvalue(), content_type="image/jpeg")


def ensure_accounts():
    """The demo logins; an existing account (and its password) is left as it is."""
    User = get_user_model()
    users = {}
    for account in DEMO_ACCOUNTS:
        first, _space, last = account.full_name.partition(" ")
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{account.username}@example.com",
                "is_staff": account.role == COORDINATOR_GROUP,
                "is_superuser": account.superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=account.role))
            for slug in account.agencies:
                Membership.objects.create(user=user, agency=Agency.objects.get(slug=slug))
        users[account.username] = user
    return users


def _plan_status(index):
    """Mostly published, with some in review, drafts and one returned post."""
    if index in (3, 17, 25, 33):
        return Status.SUBMITTED
    if index in (8, 20, 34):
        return Status.DRAFT
    if index == 12:
        return Status.RETURNED
    return Status.PUBLISHED


def _moment(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


def _review(activity, status, author, coordinator, *, featured):
    """Take a draft through the workflow to `status`, as its author and the coordinator would."""
    if status == Status.DRAFT:
        return
    workflow.submit(activity, by=author)
    if status == Status.RETURNED:
        workflow.return_to_author(activity, by=coordinator, note=RETURN_NOTE)
    elif status == Status.PUBLISHED:
        workflow.publish(activity, by=coordinator)
        if featured:
            workflow.set_featured(activity, by=coordinator)


def _backdate(activity, submitted, published):
    """The workflow dated each step now; move the steps back to the invented days."""
    moments = {
        Action.CREATE: submitted - datetime.timedelta(hours=1),
        Action.SUBMIT: submitted,
        Action.RETURN: submitted + datetime.timedelta(hours=20),
        Action.PUBLISH: published,
        Action.FEATURE: published,
    }
    for action, moment in moments.items():
        activity.transitions.filter(action=action).update(created_at=moment)
    Activity.objects.filter(pk=activity.pk).update(
        submitted_at=submitted if activity.submitted_at else None,
        published_at=published if activity.published_at else None,
    )


def demo_dates(count, today):
    """Spread over the previous and the current year (Buddhist era) up to today."""
    first = datetime.date(today.year - 1, 1, 10)
    span = (today - first).days - 3
    return [first + datetime.timedelta(days=span * i // max(1, count - 1)) for i in range(count)]


def seed_demo_posts(users, count=36):
    """About three dozen posts with photos; the Chiang Mai office's by its staff login."""
    rng = random.Random(2568)
    coordinator, staff = users["coordinator"], users["staff-chiangmai"]
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in=DEMO_AGENCIES)}
    types = {t.slug: t for t in ActivityType.objects.all()}
    provinces = list(Province.objects.all())
    now = timezone.now()
    posts = []
    for index, day in enumerate(demo_dates(count, timezone.localdate())):
        story = STORIES[index % len(STORIES)]
        agency = agencies[DEMO_AGENCIES[index % len(DEMO_AGENCIES)]]
        author = staff if agency.slug == "peo-chiang-mai" else coordinator
        status = _plan_status(index)
        with _unannounced(), transaction.atomic():
            activity = Activity.objects.create(
                agency=agency,
                title=f"{story.title} {agency.short_name}",
                activity_type=types[story.type_slug],
                start_date=day,
                end_date=day + datetime.timedelta(days=1) if index % 7 == 0 else None,
                venue=story.venue,
                province=agency.province or rng.choice(provinces),
                participants=rng.randint(15, 400),
                volunteer_hours=rng.choice([None, 3, 4, 6, 8, 12]),
                body=story.body,
                news_credit=rng.choice(CREDITS),
                photo_credit=rng.choice(CREDITS),
                tags=story.tags,
                consent_confirmed=status != Status.DRAFT,
                created_by=author,
            )
            workflow.record_creation(activity, by=author)
            if index == 5:
                activity.partners.add(agencies["obec"], agencies["onie"])
            for order, caption in enumerate(story.captions[: 1 + (index % 3 == 0) * 2]):
                add_photo(
                    activity,
                    scene_upload(index * 3 + order),
                    caption=caption,
                    order=order,
                    is_cover=order == 0,
                )
            _review(activity, status, author, coordinator, featured=index in (35, 31, 27))
            _backdate(
                activity,
                submitted=min(_moment(day + datetime.timedelta(days=2), 9), now),
                published=min(_moment(day + datetime.timedelta(days=3), 14), now),
            )
        posts.append(activity)
    cache.bump()
    return posts


def _unannounced():
    """The e-mails about invented steps go nowhere (they leave when the transaction inside
    this block commits)."""
    return override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")


def bench_author():
    """The author of benchmark posts: an account that cannot sign in."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=BENCH_AUTHOR, defaults={"first_name": "ข้อมูลทดสอบ", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _cover_templates(author, agency, activity_type, count=4):
    """A few real photos through the pipeline, whose files every benchmark post reuses."""
    holder = Activity.objects.create(
        agency=agency,
        title="ภาพตัวอย่างสำหรับข้อมูลทดสอบ",
        activity_type=activity_type,
        start_date=timezone.localdate(),
        venue="-",
        participants=0,
        body="-",
        created_by=author,
    )
    return [add_photo(holder, scene_upload(90 + i), order=i) for i in range(count)]


def bulk_posts(count, batch_size=2000):
    """`count` published posts over all agencies, types, provinces and the last 24 months,
    each with a cover photo row pointing at shared files (so no image is processed N times)."""
    rng = random.Random(count)
    author = bench_author()
    agencies = list(Agency.objects.active().select_related("province"))
    types = list(ActivityType.objects.active())
    provinces = list(Province.objects.all())
    covers = _cover_templates(author, agencies[0], types[0])
    today, now = timezone.localdate(), timezone.now()
    slugs = {}
    made = 0
    while made < count:
        size = min(batch_size, count - made)
        batch = []
        for i in range(size):
            story = STORIES[(made + i) % len(STORIES)]
            agency = agencies[(made + i) % len(agencies)]
            day = today - datetime.timedelta(days=rng.randint(0, 730))
            title = f"{story.title} {agency.short_name}"
            if title not in slugs:
                slugs[title] = slugify_thai(title) or "activity"
            published = min(_moment(day + datetime.timedelta(days=rng.randint(1, 5)), 10), now)
            batch.append(
                Activity(
                    agency=agency,
                    title=title,
                    slug=slugs[title],
                    activity_type=types[(made + i) % len(types)],
                    start_date=day,
                    venue=story.venue,
                    province=agency.province or rng.choice(provinces),
                    participants=rng.randint(10, 500),
                    volunteer_hours=rng.choice([None, 2, 4, 6, 8]),
                    body=story.body,
                    news_credit=rng.choice(CREDITS),
                    photo_credit=rng.choice(CREDITS),
                    tags=story.tags,
                    consent_confirmed=True,
                    status=Status.PUBLISHED,
                    created_by=author,
                    submitted_at=published - datetime.timedelta(hours=20),
                    published_at=published,
                )
            )
        for activity in batch:
            activity.fill_search_text()  # bulk_create skips save()
        with transaction.atomic():
            created = Activity.objects.bulk_create(batch, batch_size=batch_size)
            Photo.objects.bulk_create(
                [_cover_copy(a, covers[a.pk % len(covers)]) for a in created],
                batch_size=batch_size,
            )
        made += size
    tallies.rebuild_all()
    cache.bump()
    return made


def _cover_copy(activity, template):
    return Photo(
        activity=activity,
        image=template.image.name,
        width=template.width,
        height=template.height,
        renditions=template.renditions,
        caption=template.caption,
        order=0,
        is_cover=True,
    )
