"""Profile one page's render, cold (every cache emptied) and warm, with the demo content.

    .venv/bin/python scripts/profile_page.py [/en/partnerships/alibaba/] [--top 25]

Builds a throwaway SQLite database in a temporary folder, loads the demo
content, turns the page cache off and renders the page through Django's test
client under cProfile: once with every cache emptied, then warm (the median
of 20 renders is timed without the profiler). Prints queries, times and the
top of each profile by cumulative time.
"""

import argparse
import contextlib
import cProfile
import io
import itertools
import os
import pstats
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
write = sys.stdout.write


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default="/en/partnerships/alibaba/")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", help="pstats order, e.g. tottime")
    parser.add_argument("--queries", action="store_true", help="print each query's SQL")
    parser.add_argument(
        "--production",
        action="store_true",
        help="production settings with the database cache (as `make serve`), not the test settings",
    )
    parser.add_argument(
        "--vary-query",
        action="store_true",
        help="search pages: each render after the first asks the next of bench/queries.py's "
        "queries of the path's language (a miss every time); the warm profile covers 20",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="partnerships-profile-"))
    if args.production:
        from bench.harness import production_env

        os.environ.update(production_env(workdir))
        os.environ.pop("REDIS_URL", None)
    else:
        # Debug off, memory caches, no Redis: the test settings, on a database file.
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/db.sqlite3"
    os.environ["PAGE_CACHE"] = "0"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    settings.MEDIA_ROOT = workdir / "media"
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    client = Client(headers={"host": "127.0.0.1"})
    paths = itertools.repeat(args.path)
    if args.vary_query:
        from bench import queries as bench_queries

        language = args.path.strip("/").split("/")[0]
        terms = bench_queries.search_terms(bench_queries.site_texts(language), language)
        paths = itertools.cycle([bench_queries.search_path(language, term) for term in terms])

    def render():
        path = next(paths)
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return response

    render()  # renditions made once, as on any site after its first visitors

    def cold():
        for cache in caches.all():
            cache.clear()

    callers = []

    def record_caller(execute, sql, params, many, context):
        # The innermost frames outside Django's ORM: where the query was asked for.
        frames = [
            f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"
            for frame in traceback.extract_stack()[:-1]
            if "/django/db/" not in frame.filename and "/django/template/" not in frame.filename
        ]
        callers.append((sql, " < ".join(reversed(frames[-4:]))))
        return execute(sql, params, many, context)

    for label, before in (("cold (every cache emptied)", cold), ("warm", lambda: None)):
        before()
        callers.clear()
        # The caller of each query costs a traceback: recorded only when asked for.
        recording = (
            connection.execute_wrapper(record_caller) if args.queries else contextlib.nullcontext()
        )
        with CaptureQueriesContext(connection) as queries, recording:
            profiler = cProfile.Profile()
            started = time.perf_counter()
            renders = 20 if args.vary_query and before is not cold else 1
            for _ in range(renders):
                profiler.runcall(render)
            elapsed = time.perf_counter() - started
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats(args.sort)
        stats.print_stats(args.top)
        if renders > 1:
            label = f"{label}, {renders} renders"
        write(f"\n## {label}: {len(queries.captured_queries)} queries, ")
        write(f"{elapsed * 1000:.1f} ms under the profiler\n")
        write(out.getvalue().split("\n", 6)[-1][:6000] + "\n")
        if args.queries:
            for number, (sql, where) in enumerate(callers, 1):
                write(f"{number:3} {sql[:160]}\n      from {where}\n")

    timings = []
    for _ in range(20):
        started = time.perf_counter()
        render()
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings) * 1000
    write(f"warm render, median of 20 without the profiler: {median:.1f} ms\n")


if __name__ == "__main__":
    main()
