"""Load with faults: mixed traffic while an editor publishes and Redis goes away and back.

    .venv/bin/python bench/soak.py                       # SQLite
    scripts/with_services.sh .venv/bin/python bench/soak.py   # PostgreSQL

For --duration seconds (60), --connections clients (16) on loopback ask, in
turn, for pages from the page cache, the same pages from a second server with
the page cache off, searches, and the enquiry page. Every --publish-every
seconds (5) an editor's process publishes a new title on the first English
partner page ("… · soak 0007"). Redis is stopped at a third of the run and
started again at a half: it saves what it holds when it stops and loads it
when it starts, so it comes back with the pages it cached before the outage,
the case a lost invalidation would serve stale.

It prints requests, non-2xx and 5xx answers and connection errors per kind of
request, how long each publish took, and every answer that served an old
title after the publish that replaced it had returned: an answer to a request
sent after publish N returned must show no title older than N, and the
partner page itself must show title N or newer. It exits 1 if there was a
5xx, a connection error or a stale answer.

Needs `redis-server` (Debian's redis-server package). Like bench/run.py it
builds a fresh database in a temporary folder and removes everything it
started at the end.
"""

import argparse
import http.client
import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

from harness import (
    PROJECT_DIR,
    PYTHON,
    free_port,
    get,
    machine,
    prepare_database,
    production_env,
    redis_command,
    run,
    say,
    start,
    start_gunicorn,
    stop,
)

MARKER = re.compile(r"· soak (\d{4})")

FIND_PATHS = """
import json
import django
django.setup()
from partner_pages.models import EnquiryFormPage, PartnerPage, ProgrammePage
from wagtail.models import Locale

def first(model, language):
    return model.objects.live().filter(locale__language_code=language).order_by("path").first()

partner = first(PartnerPage, "en")
print("SOAK-PATHS " + json.dumps({
    "partner": partner.url,
    "partner_zh_hant": partner.get_translation(Locale.objects.get(language_code="zh-hant")).url,
    "programme": first(ProgrammePage, "en").url,
    "enquiry": first(EnquiryFormPage, "en").url,
}))
"""

# The editor: publishes a new title for each number read from standard input and
# answers "published N" once the publish (and its transaction) has returned. Its
# answers are marked: production settings log to standard output too.
EDITOR = """
import sys
import django
django.setup()
from partner_pages.models import PartnerPage

page = PartnerPage.objects.live().filter(locale__language_code="en").order_by("path").first()
original = page.title
print("SOAK-EDITOR ready", flush=True)
for line in sys.stdin:
    number = int(line)
    page = page.specific_class.objects.get(pk=page.pk)
    page.title = f"{original} · soak {number:04d}"
    page.save_revision().publish()
    print(f"SOAK-EDITOR published {number}", flush=True)
"""


@dataclass
class Answer:
    kind: str
    path: str
    sent: float
    received: float
    status: int | None  # None: no answer (connection error or timeout)
    error: str = ""
    cache: str = ""  # the X-Page-Cache header
    markers: list[int] = field(default_factory=list)


def editor_says(editor, log):
    """The editor's next answer; the log lines before it go to its log file."""
    with log.open("a") as lines:
        for line in editor.stdout:
            if line.startswith("SOAK-EDITOR "):
                return line.removeprefix("SOAK-EDITOR ").strip()
            lines.write(line)
    return None


def traffic(paths):
    """(kind, server, path) in the order the clients ask for them."""
    search_en = "/en/search/?query=cloud"
    search_zh = "/zh-hant/search/?query=" + quote("大數據")
    return [
        ("cached page", "cached", paths["partner"]),
        ("cached page", "cached", "/en/"),
        ("cached page", "cached", paths["programme"]),
        ("cached page", "cached", paths["partner_zh_hant"]),
        ("uncached page", "uncached", paths["partner"]),
        ("uncached page", "uncached", "/en/"),
        ("search", "cached", search_en),
        ("search", "cached", search_zh),
        ("enquiry page", "cached", paths["enquiry"]),
        ("cached page", "cached", paths["partner"]),
    ]


def client(number, servers, mix, deadline, answers, lock):
    connections = {}

    def connection(server):
        if server not in connections:
            address = urlsplit(servers[server])
            connections[server] = http.client.HTTPConnection(
                address.hostname, address.port, timeout=30
            )
        return connections[server]

    turn = number
    while time.monotonic() < deadline:
        kind, server, path = mix[turn % len(mix)]
        turn += 1
        sent = time.monotonic()
        body, status, error, cache = "", None, "", ""
        # A browser sends a request again, once, when the server had closed the
        # kept-alive connection it went out on (a worker restarting).
        for attempt in (1, 2):
            reused = server in connections
            try:
                conn = connection(server)
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read().decode("utf-8", "replace")
                status, cache = response.status, response.getheader("X-Page-Cache", "")
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    del connections[server]
                break
            except (OSError, http.client.HTTPException) as failure:
                connections.pop(server, None)
                error = type(failure).__name__
                closed = isinstance(failure, (http.client.RemoteDisconnected, BrokenPipeError))
                if not (reused and closed and attempt == 1):
                    break
        answer = Answer(kind, path, sent, time.monotonic(), status, error, cache)
        answer.markers = [int(found) for found in MARKER.findall(body)]
        with lock:
            answers.append(answer)


def stale_answers(answers, published, partner_path):
    """Answers sent after publish N had returned that show an older title."""
    stale = []
    for answer in answers:
        if answer.status != 200:
            continue
        newest = max((n for n, at in published if at <= answer.sent), default=None)
        if newest is None:
            continue
        older = [marker for marker in answer.markers if marker < newest]
        missing = answer.path == partner_path and not answer.markers
        if older or missing:
            stale.append((answer, newest))
    return stale


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of traffic")
    parser.add_argument("--connections", type=int, default=16, help="concurrent clients")
    parser.add_argument("--publish-every", type=float, default=5.0, help="seconds")
    args = parser.parse_args()
    if not shutil.which("redis-server"):
        raise SystemExit("bench: redis-server not found; install it (Debian: redis-server).")

    with ExitStack() as cleanup:
        workdir = Path(tempfile.mkdtemp(prefix="partnerships-soak-"))
        cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
        env = production_env(workdir)
        redis_port = free_port()
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        redis_log = workdir / "redis.log"
        redis = [start(redis_command(redis_port, workdir, persistent=True), env, redis_log)]
        cleanup.callback(lambda: stop(*redis[0]))
        database = env["DATABASE_URL"].split(":", 1)[0]
        prepare_database(env)
        paths = json.loads(run([PYTHON, "-c", FIND_PATHS], env).split("SOAK-PATHS ", 1)[1])

        servers = {
            name: start_gunicorn(
                {**env, "PAGE_CACHE": page_cache}, workdir / f"gunicorn-{name}.log", cleanup
            )
            for name, page_cache in (("cached", "1"), ("uncached", "0"))
        }
        editor_log = workdir / "editor.log"
        editor = subprocess.Popen(  # noqa: S603
            [PYTHON, "-u", "-c", EDITOR],
            cwd=PROJECT_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=editor_log.open("w"),
            text=True,
        )
        cleanup.callback(editor.kill)
        if editor_says(editor, editor_log) != "ready":
            raise SystemExit(f"bench: the editor did not start:\n{editor_log.read_text()}")

        mix = traffic(paths)
        for _kind, server, path in mix:  # warm up: first renders fill the caches
            get(servers[server] + path, timeout=120)
        answers, lock = [], threading.Lock()
        began = time.monotonic()
        deadline = began + args.duration
        say(
            f"{args.duration} s of traffic at {args.connections} connections; "
            f"Redis stops at {args.duration / 3:.0f} s and starts at {args.duration / 2:.0f} s"
        )
        clients = [
            threading.Thread(target=client, args=(n, servers, mix, deadline, answers, lock))
            for n in range(args.connections)
        ]
        for thread in clients:
            thread.start()

        published, publish_seconds, events = [], [], []
        redis_down_at, redis_up_at = began + args.duration / 3, began + args.duration / 2
        next_publish, number = began + args.publish_every, 0
        while time.monotonic() < deadline:
            now = time.monotonic()
            if redis_down_at and now >= redis_down_at:
                stop(*redis[0], sig=signal.SIGTERM)  # saves its data first
                events.append((now - began, "Redis stopped (its data saved)"))
                redis_down_at = None
            elif redis_up_at and redis_down_at is None and now >= redis_up_at:
                redis[0] = start(
                    redis_command(redis_port, workdir, persistent=True), env, redis_log
                )
                events.append((now - began, "Redis started (with the data it saved)"))
                redis_up_at = None
            elif now >= next_publish:
                number += 1
                editor.stdin.write(f"{number}\n")
                editor.stdin.flush()
                answer = editor_says(editor, editor_log)
                returned = time.monotonic()
                if answer != f"published {number}":
                    raise SystemExit(f"bench: publish {number} failed:\n{editor_log.read_text()}")
                published.append((number, returned))
                publish_seconds.append(returned - now)
                redis_state = "down" if redis_down_at is None and redis_up_at else "up"
                events.append(
                    (returned - began, f"publish {number} returned (Redis {redis_state})")
                )
                next_publish += args.publish_every
            time.sleep(0.01)
        for thread in clients:
            thread.join()
        about = machine()

    report(args, about, database, answers, published, publish_seconds, events, paths, began)


def report(args, about, database, answers, published, publish_seconds, events, paths, began):
    out = sys.stdout
    out.write(
        f"\nMachine: {about['nproc']} CPUs ({about['cpu']}), Python {about['python']}. "
        f"Two gunicorn servers (config/gunicorn.conf.py, production settings, {database}, "
        f"Redis; one with PAGE_CACHE=0), {args.connections} clients on the same machine, "
        f"{args.duration} s.\n\n"
    )
    for at, what in events:
        out.write(f"  {at:5.1f} s  {what}\n")
    out.write("\n| requests | count | non-2xx | 5xx | no answer | p50 | p95 |\n")
    out.write("|---|---:|---:|---:|---:|---:|---:|\n")
    kinds = ["cached page", "uncached page", "search", "enquiry page"]
    for kind in [*kinds, "all"]:
        rows = [a for a in answers if kind in ("all", a.kind)]
        times = [a.received - a.sent for a in rows]
        out.write(
            f"| {kind} | {len(rows)} "
            f"| {sum(1 for a in rows if a.status is not None and not 200 <= a.status < 300)} "
            f"| {sum(1 for a in rows if a.status is not None and a.status >= 500)} "
            f"| {sum(1 for a in rows if a.status is None)} "
            f"| {percentile(times, 0.5) * 1000:.1f} ms "
            f"| {percentile(times, 0.95) * 1000:.1f} ms |\n"
        )
    out.write(
        f"\nPublishes: {len(published)}, each took "
        f"{min(publish_seconds, default=0):.2f}–{max(publish_seconds, default=0):.2f} s.\n"
    )
    stale = stale_answers(answers, published, paths["partner"])
    checked = sum(1 for a in answers if a.status == 200 and published and a.sent >= published[0][1])
    out.write(f"Answers checked for an old title: {checked}; stale: {len(stale)}.\n")
    for answer, newest in stale[:10]:
        out.write(
            f"  STALE {answer.path} sent {answer.sent - began:.2f} s after the start, "
            f"after publish {newest} returned, showed {answer.markers or 'no soak title'} "
            f"(X-Page-Cache: {answer.cache or 'none'})\n"
        )
    errors = Counter(f"{a.kind}: {a.error}" for a in answers if a.status is None)
    for what, count in sorted(errors.items()):
        out.write(f"  no answer, {what}: {count}\n")
    failed = stale or any(a.status is None or a.status >= 500 for a in answers)
    out.write("FAIL\n" if failed else "PASS\n")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
