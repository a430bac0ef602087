#!/bin/sh
# web (default): optional migrations (RUN_MIGRATIONS=1), then gunicorn. Its worker timeout
# follows the app's photo time budget (PHOTO_REQUEST_BUDGET, 20 s): the budget stops a request
# adding photos in time, 25 s more cover the photo in hand and the save, so a worker is never
# killed with a post half-saved.
# worker: the background worker (django-q: scheduled reminders, LINE messages).
# migrate: apply migrations and exit (run once per deploy, as a one-off job).
# Anything else: a manage.py command, e.g. `backup --output /data/backups`.
set -e
cd /app
case "${1:-web}" in
  web)
    if [ "${RUN_MIGRATIONS:-0}" = "1" ]; then
      python manage.py migrate --noinput
    fi
    exec gunicorn jitarsa.wsgi:application \
      --bind "${GUNICORN_BIND:-0.0.0.0:${PORT:-8000}}" \
      --workers "${GUNICORN_WORKERS:-3}" \
      --threads "${GUNICORN_THREADS:-2}" \
      --timeout "${GUNICORN_TIMEOUT:-$((${PHOTO_REQUEST_BUDGET:-20} + 25))}" \
      --graceful-timeout "${GUNICORN_GRACEFUL_TIMEOUT:-30}" \
      --keep-alive "${GUNICORN_KEEPALIVE:-5}" \
      --max-requests "${GUNICORN_MAX_REQUESTS:-2000}" \
      --max-requests-jitter "${GUNICORN_MAX_REQUESTS_JITTER:-200}" \
      --worker-tmp-dir /dev/shm \
      --forwarded-allow-ips "${GUNICORN_FORWARDED_ALLOW_IPS:-127.0.0.1}" \
      --error-logfile -
    ;;
  worker)
    exec python manage.py qcluster
    ;;
  migrate)
    exec python manage.py migrate --noinput
    ;;
  *)
    exec python manage.py "$@"
    ;;
esac
