"""Benchmark the production server on loopback: a static file, a page from the page cache,
the same page with the cache off, and a search in Chinese, at 1 and 16 connections.

    .venv/bin/python bench/run.py            # or: make bench

It builds a fresh database in a temporary folder (SQLite unless DATABASE_URL
is given), loads the demo content when the project has the command, starts a
throwaway Redis when `redis-server` is installed (else the database cache),
starts two gunicorn servers on 127.0.0.1 with production settings (one with
PAGE_CACHE=0), and measures each URL with `wrk` (Debian's package) for
--duration seconds after a one-second warm-up. Nothing leaves loopback;
everything it starts is stopped and removed at the end.
"""

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote

from harness import (
    GUNICORN,
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

REPORT_LUA = Path(__file__).resolve().parent / "report.lua"
SEARCH_PATH = "/zh-hant/search/?query=" + quote("大數據")
FIND_PAGE = """
import django
django.setup()
from django.apps import apps
from wagtail.models import Page
try:
    model = apps.get_model("partner_pages", "PartnerPage")
except LookupError:
    model = None
pages = (model.objects if model else Page.objects.filter(depth=2)).live().filter(
    locale__language_code="en").order_by("path")
page = pages.first()
print("BENCH-PAGE", page.url if page else "/en/")
"""


def wrk(url, connections, duration):
    threads = str(min(connections, 2))
    base = ["wrk", "--threads", threads, "--connections", str(connections), "--timeout", "10s"]
    # One-second warm-up, then the measured run.
    subprocess.run([*base, "--duration", "1s", url], capture_output=True, check=True)  # noqa: S603
    output = subprocess.run(  # noqa: S603
        [*base, "--duration", f"{duration}s", "--script", str(REPORT_LUA), url],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    ).stdout
    figures = json.loads(output.split("WRK-JSON ", 1)[1].splitlines()[0])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1_000_000)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", default="1,16", help="comma-separated, e.g. 1,16")
    parser.add_argument("--page", help="page to measure (default: the first English partner page)")
    parser.add_argument("--no-redis", action="store_true", help="use the database cache")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    connection_counts = [int(count) for count in args.connections.split(",")]

    if not shutil.which("wrk"):
        raise SystemExit("bench: wrk not found; install it with `apt-get install wrk`.")
    if not GUNICORN.exists():
        raise SystemExit("bench: no .venv; run `make test` or `make run` first.")

    with ExitStack() as cleanup:
        workdir = Path(tempfile.mkdtemp(prefix="partnerships-bench-"))
        cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
        env = production_env(workdir)
        if not args.no_redis and shutil.which("redis-server"):
            redis_port = free_port()
            redis = start(redis_command(redis_port, workdir), env, workdir / "redis.log")
            cleanup.callback(stop, *redis)
            env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
        cache = "Redis" if "REDIS_URL" in env else "database cache"
        database = env["DATABASE_URL"].split(":", 1)[0]
        demo_content = prepare_database(env)
        page = args.page or run([PYTHON, "-c", FIND_PAGE], env).split("BENCH-PAGE ", 1)[1].strip()

        servers = {
            name: start_gunicorn(
                {**env, "PAGE_CACHE": page_cache}, workdir / f"gunicorn-{name}.log", cleanup
            )
            for name, page_cache in (("cached", "1"), ("uncached", "0"))
        }

        _status, _headers, html = get(servers["cached"] + page)
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', html).group(1)
        if get(servers["cached"] + page)[1].get("X-Page-Cache") != "hit":
            raise SystemExit(f"bench: {page} is not served from the page cache")
        if "X-Page-Cache" in get(servers["uncached"] + page)[1]:
            raise SystemExit("bench: the page cache is not off on the second server")
        get(servers["cached"] + SEARCH_PATH)  # raises unless it answers 2xx

        targets = [
            ("a", "static CSS file (WhiteNoise)", servers["cached"] + stylesheet),
            ("b", f"page from the page cache: {page}", servers["cached"] + page),
            ("c", f"same page, page cache off: {page}", servers["uncached"] + page),
            ("d", "search: /zh-hant/search/?query=大數據", servers["cached"] + SEARCH_PATH),
        ]
        about = machine()
        results = []
        for connections in connection_counts:
            for key, label, url in targets:
                say(f"({key}) {connections} connection(s): {label}")
                figures = wrk(url, connections, args.duration)
                results.append({"key": key, "what": label, "connections": connections, **figures})

    report(results, about, args, cache, database, demo_content, connection_counts)


def report(results, about, args, cache, database, demo_content, connection_counts):
    by = {(row["key"], row["connections"]): row for row in results}
    out = sys.stdout
    out.write(
        f"\nMachine: {about['nproc']} CPUs ({about['cpu']}), Linux {about['kernel']}, "
        f"Python {about['python']}; load average before the run "
        f"{', '.join(f'{value:.2f}' for value in about['load_average'])}.\n"
        f"Server: gunicorn with config/gunicorn.conf.py, production settings, {database}, "
        f"{cache}; {'demo content' if demo_content else 'no demo content (home pages only)'}. "
        f"wrk on the same machine, {args.duration} s per row after a 1 s warm-up.\n\n"
    )
    out.write("| | what | connections | requests/s | p50 | p95 | p99 | errors |\n")
    out.write("|---|---|---:|---:|---:|---:|---:|---:|\n")
    for row in results:
        out.write(
            f"| ({row['key']}) | {row['what']} | {row['connections']} | {row['rps']:,.0f} | "
            f"{row['p50_us'] / 1000:.2f} ms | {row['p95_us'] / 1000:.2f} ms | "
            f"{row['p99_us'] / 1000:.2f} ms | {row['errors'] + row['non_2xx']} |\n"
        )
    out.write("\n")
    for connections in connection_counts:
        static = by[("a", connections)]["rps"]
        out.write(
            f"{connections} connection(s): (b)/(a) = {by[('b', connections)]['rps'] / static:.2f}, "
            f"(c)/(a) = {by[('c', connections)]['rps'] / static:.2f}\n"
        )
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": about, "results": results}, indent=2))


if __name__ == "__main__":
    main()
