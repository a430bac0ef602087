"""Jitarsa settings, read from the environment (see the README's configuration table).

Defaults are safe for development; with DEBUG off the site refuses to start without
the secrets and hosts production needs.

One file over 300 lines on purpose (the style guide's one settings.py, as healthchecks
keeps it): the settings and the environment variables behind them in one place (storage's
are read by core/storage.py, called from here), each beside the comment saying why its
default is what it is, so one search answers "what does X do?".
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.storage import media_storage, session_engine

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


class Env(environ.Env):
    # django-environ's own cache schemes, and the short locmem:// and dummy:// this project
    # has always documented.
    CACHE_SCHEMES = {
        **environ.Env.CACHE_SCHEMES,
        "locmem": environ.Env.CACHE_SCHEMES["locmemcache"],
        "dummy": environ.Env.CACHE_SCHEMES["dummycache"],
    }


env = Env()
# A developer's .env (written by `make`); real environment variables win over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(for development, `make run` writes a .env with DEBUG on)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off "
        "(comma-separated host names, e.g. jitarsa.moe.go.th)."
    )
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "jitarsa",
    "core",
    "agencies",
    "activities",
    "pages",
    "accounts",
    "reports",
    "line",
    "opendata",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "csp",
    "axes",
    "django_q",
]

MIDDLEWARE = [
    "jitarsa.health.HealthCheckMiddleware",  # first: /healthz skips everything below
    "jitarsa.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Right after the language is known: a cached public page skips everything below.
    "activities.cache.PublicPageMiddleware",
    "jitarsa.render_budget.RenderBudgetMiddleware",  # only what the cache did not answer
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "jitarsa.health.DatabaseOutageMiddleware",
    # Inside the outage middleware: see its docstring.
    "jitarsa.statement_timeout.StatementTimeoutMiddleware",
    "jitarsa.middleware.security_headers",
    "jitarsa.middleware.private_pages",
    # Last, so it sees the outcome of the login views (django-axes' own rule).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jitarsa.urls"
WSGI_APPLICATION = "jitarsa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jitarsa.context_processors.site",
                "pages.context_processors.footer_pages",
                "activities.context_processors.staff_area",
            ],
        },
    },
]

# Database: SQLite under var/ by default (WAL so readers never wait for a writer; its folder
# is made when Django starts, jitarsa.apps), PostgreSQL in production through DATABASE_URL.
if not DEBUG and not env.str("DATABASE_URL", default=""):
    raise ImproperlyConfigured(
        "DATABASE_URL must be set when DJANGO_DEBUG is off "
        "(e.g. postgres://user:password@host:5432/jitarsa; sqlite:///path for a single machine)."
    )
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'jitarsa.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory by default; redis://host:port/db through Django's built-in Redis backend.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmem://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "core.cache.TolerantRedisCache"  # a miss while Redis is away
    # A Redis that hangs must not hold a request: after a second it counts as away.
    CACHES["default"].setdefault("OPTIONS", {}).update(socket_connect_timeout=1, socket_timeout=1)
# The frame every page shares (the site's name, its menu, the footer), kept in each worker's
# memory by language, page and content version (templates/base.html): no trip to Redis.
CACHES["frame"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "frame"}
# Off renders every public page (activities/cache.py): for telling a cache fault from another.
PUBLIC_PAGE_CACHE = env.bool("PUBLIC_PAGE_CACHE", default=True)

# django-axes first: it refuses locked-out logins before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first, English second.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
try:  # Bootstrap's CSS/JS come from the XStatic-Bootstrap package, never a CDN.
    import xstatic.pkg.bootstrap as xstatic_bootstrap

    STATICFILES_DIRS.append(("bootstrap", xstatic_bootstrap.BASE_DIR))
except ImportError:  # pragma: no cover - reported by the `static_assets` system check
    pass

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))

STORAGES = {
    "default": media_storage(env),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("DJANGO_STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads: at most a post's worth of photos is read from one request, the rest skipped with
# a message (activities/uploads.py), so Django's own cut-off, a bare 400 that loses the
# typed text, is not needed.
FILE_UPLOAD_HANDLERS = [
    "activities.uploads.PhotoCountLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FILES = None

# Widgets render through the project's template settings, so our own (templates/widgets/)
# are found next to Django's.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions in the database (default) or the shared cache: never on one machine's disk.
SESSION_ENGINE = session_engine(env)

LOGIN_URL = "login"
# The staff area; a `?next=` address (the form a timed-out session came from) wins over it.
LOGIN_REDIRECT_URL = "/staff/"
LOGOUT_REDIRECT_URL = "pages:home"

# E-mail: printed to the console unless an SMTP host is configured.
EMAIL_HOST = env.str("EMAIL_HOST", default="")
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="จิตอาสา ศธ. <noreply@moe.go.th>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The coordination centre, shown in the footer and on the contact page.
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="jitarsa@moe.go.th")
CONTACT_PHONE = env.str("CONTACT_PHONE", default="0 2628 5646")

# Seconds one request may spend adding photos (the form without JavaScript sends them all at
# once): when it runs out the post is kept with the photos done so far and the rest are named
# to be added again. Keep it well under gunicorn's GUNICORN_TIMEOUT (the container derives
# that from this budget), so a worker is never killed with a post in hand.
PHOTO_REQUEST_BUDGET = env.int("PHOTO_REQUEST_BUDGET", default=20)

# The background worker (django-q2, `manage.py qcluster`): scheduled reminders and LINE
# messages. The ORM broker keeps the queue in the database, so SQLite and PostgreSQL work
# alike and no other server is needed. A task may run for TIMEOUT seconds (LINE back-off
# included) and is handed to another worker if not finished after RETRY seconds.
Q_CLUSTER = {
    "name": "jitarsa",
    "orm": "default",
    "workers": env.int("WORKER_PROCESSES", default=1),
    "timeout": 600,
    "retry": 900,
    "max_attempts": 3,
    # After a stop, run a missed schedule once, not once per missed slot: the reminder
    # job finds what is still due by itself (reports/reminders.py).
    "catch_up": False,
    "poll": 2,
    "save_limit": 500,
    "label": _("Background tasks"),
}
# /healthz calls the worker late when its heartbeat (every minute) is older than this.
WORKER_LATE_AFTER = timedelta(minutes=env.int("WORKER_LATE_MINUTES", default=5))

# LINE Official Account (Messaging API): without a channel access token nothing is sent by
# LINE and e-mail carries on alone. The secret checks the webhook's signatures.
LINE_CHANNEL_ACCESS_TOKEN = env.str("LINE_CHANNEL_ACCESS_TOKEN", default="")
LINE_CHANNEL_SECRET = env.str("LINE_CHANNEL_SECRET", default="")
LINE_API_URL = env.str("LINE_API_URL", default="https://api.line.me").rstrip("/")

# The longest any SQL statement of a visitor who is not signed in may run (PostgreSQL only;
# 0 turns it off): the last guard behind the public pages' own limits
# (jitarsa/statement_timeout.py).
ANONYMOUS_STATEMENT_TIMEOUT = env.int("ANONYMOUS_STATEMENT_TIMEOUT", default=500)
# Public pages the cache does not hold that one visitor who is not signed in may have
# rendered a minute (jitarsa/render_budget.py); 0 turns the limit off.
ANONYMOUS_RENDERS_PER_MINUTE = env.int("ANONYMOUS_RENDERS_PER_MINUTE", default=120)

# Photos on the local disk are served by the app itself unless a web server in front does it
# (SERVE_MEDIA=0); on object storage they come from the bucket or its CDN instead.
SERVE_MEDIA = env.bool(
    "SERVE_MEDIA", default=env.str("MEDIA_STORAGE", default="local").lower() == "local"
)

# Security: strict by default once DEBUG is off (docs/security.md explains each header).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_HTTPONLY = True  # no JavaScript reads it: forms carry the token
CSRF_FAILURE_VIEW = "jitarsa.errors.csrf_failure"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Proxies of our own in front of the app (the load balancer: 1). The visitor's address is
# then read from X-Forwarded-For (core.proxy) by login throttling, the password-reset
# limits and the request log, and X-Forwarded-Proto says whether the visitor used HTTPS.
# AXES_PROXY_COUNT is the name this setting had before.
PROXY_COUNT = env.int("PROXY_COUNT", default=env.int("AXES_PROXY_COUNT", default=0))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PROXY_COUNT else None
SECURE_SSL_REDIRECT = env.bool("DJANGO_SSL_REDIRECT", default=False)
# The container's HEALTHCHECK and the load balancer's probes ask /healthz over plain HTTP.
# (HealthCheckMiddleware answers before SecurityMiddleware anyway; this keeps it so.)
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SECURE_SSL_HOST = env.str("DJANGO_SSL_HOST", default="") or None  # when HTTPS is on another host
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
# The portal is one host name of its own, so its subdomains (none) are HTTPS-only too.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading puts the whole domain in the browsers' HTTPS-only list for a long time: a
# decision for the ministry's domain, not a default (docs/security.md).
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=False)
# `check --deploy` asks for preload (security.W021); leaving it off is that decision.
# The indexes that carry extra columns (INCLUDE) are for PostgreSQL; SQLite, the embedded
# default, keeps their key columns only, as intended, and need not warn of it at each start.
SILENCED_SYSTEM_CHECKS = ["security.W021", "models.W040"]

# Content-Security-Policy (django-csp 4): no inline script or style anywhere, so pages,
# the admin and uploaded content can only run our own files. Photos may come from an
# object-storage/CDN host when MEDIA_URL is absolute.
_MEDIA_ORIGIN = "/".join(MEDIA_URL.split("/")[:3]) if "://" in MEDIA_URL else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_MEDIA_ORIGIN] if _MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Set by jitarsa.middleware.security_headers: no page needs these browser features.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), "
    "browsing-topics=()"
)
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# Login throttling (django-axes): 5 failures for one username from one address lock that
# pair out for 15 minutes, on the staff and the admin login alike. Coordinators unlock
# in the admin (Access attempts). jitarsa.lockout.LoginHandler adds a ceiling per address
# (30 failures an hour, whatever the usernames).
AXES_HANDLER = "jitarsa.lockout.LoginHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "jitarsa.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
# No start-up banner on stdout (the log stream); failures still name username and address.
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "core.proxy.client_address"

# Plain lines on stdout (the container's log): one per request (jitarsa.request) and per
# workflow step (activities.workflow). No handler logs headers, cookies or bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Our request line already says it; django.request would repeat every 404 and 503.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        # WeasyPrint logs every layout step of a PDF report at INFO.
        "weasyprint": {"level": "WARNING"},
    },
}
