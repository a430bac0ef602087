# Jitarsa web image: gunicorn serving Django, static files by whitenoise.
#   docker build -t jitarsa .            (FROM python:3.13-slim, packages from PyPI)
#   make docker-check                    (offline: a local base image and host wheels)
# Migrations: RUN_MIGRATIONS=1 at start, or once per deploy: `docker run IMAGE migrate`.
ARG BASE_IMAGE=python:3.13-slim

FROM ${BASE_IMAGE} AS build
ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
# Offline builds set these two (pip reads them); real builds leave them unset.
ARG PIP_NO_INDEX
ARG PIP_FIND_LINKS
# Pango and HarfBuzz (with libthai for Thai line breaks) for the PDF report's WeasyPrint.
ARG PDF_PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PDF_PACKAGES} \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The lock `make install` and CI use too: every version pinned, every file's hash checked.
COPY requirements.lock ./
# XStatic-Bootstrap ships only an sdist whose setup.py needs pkg_resources (setuptools<81).
RUN python3 -m venv /opt/venv \
    && /opt/venv/bin/pip install "setuptools<81" wheel \
    && /opt/venv/bin/pip install --no-build-isolation --require-hashes -r requirements.lock \
    && /opt/venv/bin/pip uninstall -y wheel \
    && /opt/venv/bin/python -c "import weasyprint, fontpkg; fontpkg.path('Sarabun')"
COPY . .
ENV PATH=/opt/venv/bin:$PATH
RUN pybabel compile -d locale -D django --statistics \
    && pybabel compile -d locale -D djangojs --statistics \
    && DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=build.invalid \
       DATABASE_URL=sqlite:////tmp/build.sqlite3 DJANGO_STATIC_MANIFEST=1 \
       python manage.py collectstatic --noinput -v 0 \
    && rm -rf var

FROM ${BASE_IMAGE}
ARG PDF_PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${PDF_PACKAGES} \
    && rm -rf /var/lib/apt/lists/*
# XDG_CACHE_HOME: fontconfig (the PDF report) keeps its cache where the app user may write.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_STATIC_MANIFEST=1 \
    MEDIA_ROOT=/data/media \
    XDG_CACHE_HOME=/tmp/cache \
    PORT=8000
RUN groupadd --system --gid 10001 jitarsa \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin jitarsa \
    && mkdir -p /data/media /app/var \
    && chown -R 10001:10001 /data /app/var
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
USER 10001:10001
VOLUME ["/data/media"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"]
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]
