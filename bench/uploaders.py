"""The staff side of bench/load.py: people on phones logging in and posting two photos
at a time, through the staff form (FormUploader) or straight to the photo pipeline
(DirectUploader), each in its own thread (staff_loop)."""

import http.cookiejar
import io
import re
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "load-bench-Password-9"


def phone_photo(seed):
    from PIL import Image

    size = (2000, 1500)
    image = Image.merge("RGB", [Image.effect_noise(size, 30 + seed % 20)] * 3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def multipart(fields, files):
    boundary = secrets.token_hex(16)
    out = io.BytesIO()
    for name, value in fields:
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, filename, data in files:
        out.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
        )
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


class FormUploader:
    """A staff member on a phone: logs in, opens the new-post form, sends it with photos."""

    def __init__(self, user, port):
        self.user, self.base = user, f"http://127.0.0.1:{port}"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )
        self.agency_id = user.memberships.first().agency_id

    def _csrf(self, path):
        with self.opener.open(self.base + path, timeout=60) as response:
            html = response.read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def _post(self, path, body, content_type):
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        request.add_header("Content-Type", content_type)
        request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.headers

    def login(self):
        token = self._csrf("/accounts/login/")
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": self.user.username, "password": PASSWORD}
        ).encode()
        status, _ = self._post("/accounts/login/", body, "application/x-www-form-urlencoded")
        assert status == 302, f"login answered {status}"

    def upload(self, title, photos):
        token = self._csrf("/staff/new/")
        fields = [
            ("csrfmiddlewaretoken", token),
            ("action", "draft"),
            ("agency", self.agency_id),
            ("title", title),
            ("activity_type", 1),
            ("start_date", "2026-07-21"),
            ("venue", "โรงเรียนบ้านหนองบัว"),
            ("participants", 40),
            ("body", "จิตอาสาร่วมกันทำความสะอาด"),
            ("news_credit", "อานนท์"),
            ("photo_credit", "สมศรี"),
            ("consent_confirmed", "on"),
        ]
        files = [("new_photos", f"IMG_{i}.jpg", data) for i, data in enumerate(photos)]
        status, headers = self._post("/staff/new/", *multipart(fields, files))
        location = headers.get("Location", "")
        return status == 302 and "/edit/" in location, f"{status} {location}"


class DirectUploader:
    """No staff pages: the same work through activities.photos.add_photo in this process."""

    def __init__(self, user, port):
        self.user = user

    def login(self):
        pass

    def upload(self, title, photos):
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.db import close_old_connections

        from activities.photos import add_photo
        from tests.factories import make_activity

        close_old_connections()
        agency = self.user.memberships.first().agency
        activity = make_activity(agency, by=self.user, title=title)
        for i, data in enumerate(photos):
            add_photo(activity, SimpleUploadedFile(f"IMG_{i}.jpg", data, "image/jpeg"))
        return True, "stored"


def staff_loop(uploader_class, user, port, until, photos, results):
    uploader = uploader_class(user, port)
    uploader.login()
    n = 0
    while time.time() < until:
        n += 1
        title = f"load {user.username} {n}"
        started = time.perf_counter()
        try:
            ok, detail = uploader.upload(title, photos)
        except Exception as error:  # counted and shown, never hidden
            ok, detail = False, repr(error)
        results.append((title, ok, detail, time.perf_counter() - started))
