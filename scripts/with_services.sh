#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL (and Redis, when installed) on loopback.
#
#   scripts/with_services.sh make test
#
# PostgreSQL comes from Debian's `postgresql` package: a new cluster in a
# temporary folder, on a free 127.0.0.1 port, with a random password, is
# started, handed to the command as DATABASE_URL, and removed afterwards.
# Redis (`redis-server`, 256 MB at most, least recently used keys evicted)
# likewise as REDIS_URL; set NEED_REDIS=1 to fail without it (CI does). Run as
# root, the servers run as the `postgres` user.
set -euo pipefail

PGBIN="${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    echo "with_services: no PostgreSQL server found; install Debian's postgresql package." >&2
    exit 1
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

WORKDIR="$(mktemp -d /tmp/partnerships-services.XXXXXX)"
RUN_AS=()
if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$WORKDIR"
    RUN_AS=(runuser -u postgres --)
fi
as_service_user() { "${RUN_AS[@]}" "$@"; }

REDIS_PID=""
cleanup() {
    as_service_user "$PGBIN/pg_ctl" -D "$WORKDIR/pgdata" -m immediate stop >/dev/null 2>&1 || true
    if [ -n "$REDIS_PID" ]; then kill "$REDIS_PID" 2>/dev/null || true; fi
    rm -rf "$WORKDIR"
}
trap cleanup EXIT

# --- PostgreSQL -------------------------------------------------------------------
PGPORT="$(free_port)"
PGPASSWORD="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
export PGPASSWORD
printf '%s\n' "$PGPASSWORD" > "$WORKDIR/pwfile"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$WORKDIR/pwfile"
as_service_user "$PGBIN/initdb" --pgdata="$WORKDIR/pgdata" --username=partnerships \
    --pwfile="$WORKDIR/pwfile" --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
rm -f "$WORKDIR/pwfile"
# Durability off: a throwaway test database, twice as fast.
as_service_user "$PGBIN/pg_ctl" --pgdata="$WORKDIR/pgdata" --log="$WORKDIR/postgres.log" \
    --wait --timeout=120 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $WORKDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
"$PGBIN/createdb" --host=127.0.0.1 --port="$PGPORT" --username=partnerships partnerships
export DATABASE_URL="postgres://partnerships:$PGPASSWORD@127.0.0.1:$PGPORT/partnerships"
echo "with_services: PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"

# --- Redis --------------------------------------------------------------------------
if command -v redis-server >/dev/null; then
    REDIS_PORT="$(free_port)"
    # Bounded, evicting the least recently used keys when full, as production
    # should (a lost key only causes a page-cache miss; see the README).
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
        --maxmemory 256mb --maxmemory-policy allkeys-lru \
        --dir "$WORKDIR" >"$WORKDIR/redis.log" 2>&1 &
    REDIS_PID=$!
    for _ in $(seq 1 100); do
        redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
        sleep 0.1
    done
    redis-cli -p "$REDIS_PORT" ping >/dev/null
    export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
    echo "with_services: Redis $(redis-server --version | awk '{print $3}') on 127.0.0.1:$REDIS_PORT" \
        "($(redis-cli -p "$REDIS_PORT" config get maxmemory-policy | tail -n 1)," \
        "maxmemory $(redis-cli -p "$REDIS_PORT" config get maxmemory | tail -n 1))"
elif [ "${NEED_REDIS:-0}" = 1 ]; then
    echo "with_services: redis-server not found; install Debian's redis-server package." >&2
    exit 1
else
    echo "with_services: redis-server not installed; running without Redis."
fi

"$@"
