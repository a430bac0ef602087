from django.db import migrations

PAGES = [
    {
        "slug": "privacy",
        "title": "นโยบายคุ้มครองข้อมูลส่วนบุคคล",
        "title_en": "Privacy policy",
        "body": """เว็บไซต์จิตอาสา กระทรวงศึกษาธิการ ดำเนินการโดยศูนย์ประสานงานจิตอาสา กระทรวงศึกษาธิการ (ผู้ควบคุมข้อมูลส่วนบุคคล) ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562

## ข้อมูลที่เราเก็บ
- บัญชีผู้ใช้ของเจ้าหน้าที่หน่วยงาน: ชื่อ-นามสกุล อีเมล หน่วยงานที่สังกัด และประวัติการเข้าสู่ระบบ
- ข่าวกิจกรรมที่เจ้าหน้าที่บันทึก: ชื่อผู้เขียนข่าวและผู้ถ่ายภาพ ภาพถ่ายกิจกรรม และประวัติการตรวจสอบ
- ภาพถ่ายที่อัปโหลดจะถูกลบข้อมูลแฝง (EXIF) รวมถึงพิกัด GPS ออกทุกไฟล์
- ผู้เข้าชมทั่วไป: เราไม่เก็บข้อมูลส่วนบุคคล ไม่ใช้คุกกี้ติดตาม และไม่ใช้บริการวิเคราะห์ของบุคคลภายนอก

## วัตถุประสงค์
เพื่อเผยแพร่กิจกรรมจิตอาสาของหน่วยงานในสังกัดกระทรวงศึกษาธิการ และรายงานผลการดำเนินงานต่อคณะกรรมการจิตอาสาระดับชาติ ตามภารกิจของรัฐ

## ภาพบุคคล
หน่วยงานผู้โพสต์ยืนยันว่าบุคคลในภาพยินยอมให้เผยแพร่ หากท่านปรากฏในภาพและประสงค์ให้นำออก โปรดติดต่อศูนย์ประสานงาน ภาพจะถูกซ่อนโดยเร็ว

## ระยะเวลาการเก็บรักษา
ข่าวกิจกรรมเก็บไว้เป็นบันทึกการดำเนินงานของราชการ บัญชีผู้ใช้ที่เลิกใช้งานจะถูกปิดการใช้งานแทนการลบ เพื่อให้ประวัติการทำงานตรวจสอบย้อนหลังได้ ข้อมูลการเข้าสู่ระบบเก็บไม่เกิน 1 ปี

## สิทธิของท่านและการติดต่อ
ท่านมีสิทธิขอเข้าถึง แก้ไข หรือคัดค้านการประมวลผลข้อมูลของท่าน โดยติดต่อเจ้าหน้าที่คุ้มครองข้อมูลส่วนบุคคล ศูนย์ประสานงานจิตอาสา กระทรวงศึกษาธิการ อีเมล jitarsa@moe.go.th""",
        "body_en": """The Jitarsa website of the Ministry of Education is run by the ministry's Volunteer Coordination Centre (the data controller) under the Personal Data Protection Act B.E. 2562 (2019).

## What we keep
- Staff accounts of agencies: name, e-mail, the agencies the person works for, and login history
- Activity posts written by staff: the names credited for the news and photos, the photos, and the review history
- Every uploaded photo is stripped of its hidden metadata (EXIF), GPS position included
- Visitors: we keep no personal data, set no tracking cookies and use no third-party analytics

## Why
To publish the volunteer activities of the ministry's agencies and report them to the national volunteer committee, as part of the state's mission.

## People in photos
The posting agency confirms that the people pictured agreed to publication. If you appear in a photo and want it removed, contact the coordination centre and it will be hidden promptly.

## How long
Activity posts are kept as a record of government work. Accounts no longer in use are deactivated rather than deleted so the history stays attributable. Login records are kept for at most one year.

## Your rights and whom to contact
You may ask to see, correct or object to the processing of your data: contact the data protection officer of the Volunteer Coordination Centre, Ministry of Education, at jitarsa@moe.go.th""",
    },
    {
        "slug": "contact",
        "title": "ติดต่อศูนย์ประสานงานจิตอาสา ศธ.",
        "title_en": "Contact the coordination centre",
        "body": """ศูนย์ประสานงานจิตอาสา กระทรวงศึกษาธิการ
สำนักงานปลัดกระทรวงศึกษาธิการ
319 วังจันทรเกษม ถนนราชดำเนินนอก แขวงดุสิต เขตดุสิต กรุงเทพมหานคร 10300

- โทรศัพท์ 0 2628 5646
- อีเมล jitarsa@moe.go.th
- เวลาทำการ วันจันทร์–วันศุกร์ 08.30–16.30 น. (เว้นวันหยุดราชการ)

## สำหรับเจ้าหน้าที่หน่วยงาน
ขอบัญชีผู้ใช้ แจ้งปัญหาการโพสต์ข่าว หรือขอแก้ไขข่าวที่เผยแพร่แล้ว โปรดแจ้งชื่อหน่วยงานและชื่อข่าวทางอีเมล""",
        "body_en": """Volunteer Coordination Centre, Ministry of Education
Office of the Permanent Secretary
319 Wang Chankasem, Ratchadamnoen Nok Road, Dusit, Bangkok 10300

- Telephone +66 2628 5646
- E-mail jitarsa@moe.go.th
- Office hours Monday–Friday 08:30–16:30 (except public holidays)

## For agency staff
To ask for an account, report a problem with posting, or correct a published post, e-mail us with your agency and the post's title.""",
    },
    {
        "slug": "accessibility",
        "title": "การเข้าถึงเว็บไซต์",
        "title_en": "Accessibility statement",
        "body": """เว็บไซต์นี้ออกแบบให้ทุกคนใช้งานได้ ตามแนวทาง WCAG 2.1 ระดับ AA และมาตรฐานเว็บไซต์ภาครัฐ

- ใช้งานได้ด้วยแป้นพิมพ์ทุกหน้า และมีลิงก์ข้ามไปยังเนื้อหาหลัก
- ภาพทุกภาพมีคำอธิบาย ข้อความมีความเปรียบต่างของสีเพียงพอ
- ขยายตัวอักษรได้ถึง 200% และแสดงผลได้ดีบนโทรศัพท์มือถือ
- ใช้งานได้แม้ไม่เปิด JavaScript

หากพบส่วนใดที่ใช้งานไม่ได้ โปรดแจ้งศูนย์ประสานงานทางอีเมล jitarsa@moe.go.th เราจะแก้ไขโดยเร็ว""",
        "body_en": """This site is built to be usable by everyone, following WCAG 2.1 level AA and the Thai government website standard.

- Every page works with a keyboard, with a link to skip to the main content
- Every image has a text alternative and text has enough colour contrast
- Text can be enlarged to 200% and pages work on phones
- Pages work without JavaScript

If something does not work for you, tell the coordination centre at jitarsa@moe.go.th and we will fix it.""",
    },
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("pages", "Page")
    for data in PAGES:
        Page.objects.get_or_create(slug=data["slug"], defaults=data)


class Migration(migrations.Migration):
    dependencies = [("pages", "0001_pages")]

    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
