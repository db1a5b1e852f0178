#!/usr/bin/env bash
# `make serve`: the site with production settings under gunicorn, on loopback, over plain HTTP.
# Whatever you set yourself (DJANGO_SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, ...) wins.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT="${PORT:-8000}"

export DJANGO_SETTINGS_MODULE=config.settings.production
if [ -z "${DJANGO_SECRET_KEY:-}" ]; then
    DJANGO_SECRET_KEY="$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))')"
    export DJANGO_SECRET_KEY
    echo "make serve: generated a throwaway DJANGO_SECRET_KEY for this run (logins end when it stops; set your own to keep them)."
fi
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# Loopback has no TLS: no redirect to https://. Never do this on a real server.
export DJANGO_SECURE_SSL_REDIRECT="${DJANGO_SECURE_SSL_REDIRECT:-0}"
# No object storage or web server in front: Django serves uploaded media itself.
export DJANGO_SERVE_MEDIA="${DJANGO_SERVE_MEDIA:-1}"
echo "make serve: ALLOWED_HOSTS=$ALLOWED_HOSTS DJANGO_SECURE_SSL_REDIRECT=$DJANGO_SECURE_SSL_REDIRECT DJANGO_SERVE_MEDIA=$DJANGO_SERVE_MEDIA"

# The deploy steps, in order: schema (the task queue's too), cache tables, static files, stale pages out.
"$BIN/python" manage.py migrate --no-input
"$BIN/python" manage.py createcachetable
"$BIN/python" manage.py collectstatic --no-input --verbosity 0
"$BIN/python" manage.py clear_page_cache

# The background worker beside gunicorn, as on a server: it sends the enquiry
# notification e-mails queued in the database. Stopped when gunicorn stops.
"$BIN/python" manage.py db_worker --backend background &
WORKER_PID=$!
trap 'kill "$WORKER_PID" 2>/dev/null || true' EXIT
echo "make serve: background worker started (manage.py db_worker --backend background, pid $WORKER_PID)"

echo "make serve: http://127.0.0.1:$PORT/ (gunicorn, production settings; Ctrl-C stops it)"
"$BIN/gunicorn" -c config/gunicorn.conf.py --bind "127.0.0.1:$PORT"
