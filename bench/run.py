"""Benchmark the production server on loopback, with Redis and with the database cache
side by side: a static file, a page from the page cache, the same page with the cache
off, search with a different query each request, the time to render every page once
after the page cache is emptied (with the demo content and ten times as much), and the
memory of each gunicorn worker.

    .venv/bin/python bench/run.py            # or: make bench
    .venv/bin/python bench/run.py --duration 5 --json /tmp/bench.json

It builds a fresh database in a temporary folder (SQLite unless DATABASE_URL
is given) with the demo content, starts a throwaway Redis (when `redis-server`
is installed; --no-redis: the database cache only) and, for each cache, two
gunicorn servers on 127.0.0.1 with production settings, one with PAGE_CACHE=0.
Media files go to the temporary folder too (bench/bench_settings.py).

(a)-(d) are measured with `wrk` (Debian's package) for --duration seconds after
a one-second warm-up, at each --connections count, each row on both caches one
after the other. (d) rotates through the search queries bench/queries.py reads
from the site's content (at least 200, in English, Traditional and Simplified
Chinese) with a wrk Lua script, so that no cache can serve a request.

(e) fetches every live page of the three locales once, one request at a time:
first from the server with the page cache off (a warm-up that also makes the
images' renditions), then from the cached server right after
`manage.py clear_page_cache` (every page a miss: the figure), then once more
(every page a hit). Then the content grows tenfold (bench/site.py grow, as the
query-budget tests grow it), the servers restart with every cache empty, and (e)
is measured again. Each worker's memory (/proc/<pid>/status) is read after the
load of (a)-(e) and again at the end.

It prints Markdown tables and the ratios, and writes everything to --json
(bench/results/latest.json, not committed). Nothing leaves loopback; everything
it starts is stopped and removed at the end.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote, urlsplit

import queries
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
    start_gunicorn_process,
    stop,
    worker_memory,
)

BENCH_DIR = Path(__file__).resolve().parent
REPORT_LUA = BENCH_DIR / "report.lua"
SITE = BENCH_DIR / "site.py"
DEFAULT_JSON = BENCH_DIR / "results" / "latest.json"
CACHE_NAMES = {"redis": "Redis", "database": "database cache"}
MINIMUM_QUERIES = 200


def site(command, env, timeout=900):
    """Run bench/site.py `command` with the benchmark's environment: its JSON answer."""
    output = run([PYTHON, SITE, command], env, timeout=timeout)
    return json.loads(output.split("BENCH-JSON ", 1)[1].splitlines()[0])


def wrk(url, connections, duration, script=REPORT_LUA, args=(), warm_up_args=None):
    threads = str(min(connections, 2))
    base = ["wrk", "--threads", threads, "--connections", str(connections), "--timeout", "10s"]
    warm_up = [url] if warm_up_args is None else ["--script", str(script), url, "--", *warm_up_args]
    # One-second warm-up, then the measured run.
    subprocess.run([*base, "--duration", "1s", *warm_up], capture_output=True, check=True)  # noqa: S603
    output = subprocess.run(  # noqa: S603
        [*base, "--duration", f"{duration}s", "--script", str(script), url, "--", *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    ).stdout
    figures = json.loads(output.split("WRK-JSON ", 1)[1].splitlines()[0])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1_000_000)
    return figures


def fetch(base_url, path):
    """One GET on a new connection: status, X-Page-Cache, seconds."""
    address = urlsplit(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    started = time.perf_counter()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    seconds = time.perf_counter() - started
    return response.status, response.getheader("X-Page-Cache", "none"), seconds


def crawl(base_url, paths):
    """Every path once, one request at a time."""
    times, statuses, page_cache = [], Counter(), Counter()
    started = time.perf_counter()
    for path in paths:
        status, cache_state, seconds = fetch(base_url, path)
        times.append(seconds)
        statuses[str(status)] += 1
        page_cache[cache_state] += 1
    total = time.perf_counter() - started
    times.sort()
    return {
        "pages": len(paths),
        "seconds": total,
        "mean_ms": 1000 * sum(times) / len(times),
        "p50_ms": 1000 * times[len(times) // 2],
        "p95_ms": 1000 * times[min(len(times) - 1, int(len(times) * 0.95))],
        "max_ms": 1000 * times[-1],
        "statuses": dict(statuses),
        "page_cache": dict(page_cache),
    }


def render_every_page(servers, envs, paths, content):
    """(e) on each cache: warm-up with the page cache off, then misses, then hits."""
    figures = {}
    for cache, server in servers.items():
        say(f"(e) {content}, {CACHE_NAMES[cache]}: {len(paths)} pages, page cache off")
        warm_up = crawl(server["uncached"]["url"], paths)
        run([PYTHON, "manage.py", "clear_page_cache"], envs[cache])
        say(f"(e) {content}, {CACHE_NAMES[cache]}: every page after clear_page_cache")
        misses = crawl(server["cached"]["url"], paths)
        hits = crawl(server["cached"]["url"], paths)
        if misses["page_cache"].get("hit"):
            raise SystemExit("bench: a page was served from the page cache after clearing it")
        figures[cache] = {"page_cache_off": warm_up, "after_clear_page_cache": misses, "hits": hits}
    return figures


def start_servers(caches, envs, workdir, cleanup, round_name):
    servers = {}
    for cache in caches:
        servers[cache] = {}
        for name, page_cache in (("cached", "1"), ("uncached", "0")):
            log = workdir / f"gunicorn-{cache}-{name}-{round_name}.log"
            server_env = {**envs[cache], "PAGE_CACHE": page_cache}
            url, (process, log_file) = start_gunicorn_process(server_env, log, cleanup)
            servers[cache][name] = {"url": url, "process": process, "log": log_file}
    return servers


def stop_servers(servers):
    for server in servers.values():
        for one in server.values():
            stop(one["process"], one["log"])


def memory_of(servers):
    return {
        cache: {name: worker_memory(one["process"].pid) for name, one in server.items()}
        for cache, server in servers.items()
    }


def check_servers(servers, page, search_path):
    stylesheet = None
    for cache, server in servers.items():
        cached, uncached = server["cached"]["url"], server["uncached"]["url"]
        _status, _headers, html = get(cached + page)
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', html).group(1)
        if get(cached + page)[1].get("X-Page-Cache") != "hit":
            raise SystemExit(f"bench: {page} is not served from the page cache ({cache})")
        if "X-Page-Cache" in get(uncached + page)[1]:
            raise SystemExit(f"bench: the page cache is not off on the second server ({cache})")
        get(cached + search_path)  # raises unless it answers 2xx
    return stylesheet


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", default="1,16", help="comma-separated, e.g. 1,16")
    parser.add_argument("--page", help="page to measure (default: the first English partner page)")
    parser.add_argument("--no-redis", action="store_true", help="the database cache only")
    parser.add_argument("--no-tenfold", action="store_true", help="skip (e) with 10× content")
    parser.add_argument("--json", default=str(DEFAULT_JSON), help=f"default: {DEFAULT_JSON}")
    args = parser.parse_args()
    connection_counts = [int(count) for count in args.connections.split(",")]

    if not shutil.which("wrk"):
        raise SystemExit("bench: wrk not found; install it with `apt-get install wrk`.")
    if not GUNICORN.exists():
        raise SystemExit("bench: no .venv; run `make test` or `make run` first.")
    caches = ["database"] if args.no_redis else ["redis", "database"]
    if "redis" in caches and not shutil.which("redis-server"):
        say("redis-server not found (apt-get install redis-server): the database cache only")
        caches = ["database"]

    with ExitStack() as cleanup:
        workdir = Path(tempfile.mkdtemp(prefix="partnerships-bench-"))
        cleanup.callback(shutil.rmtree, workdir, ignore_errors=True)
        env = production_env(workdir)
        (workdir / "media").mkdir()
        env.update(
            DJANGO_SETTINGS_MODULE="bench_settings",
            BENCH_MEDIA_ROOT=str(workdir / "media"),
            PYTHONPATH=os.pathsep.join([str(BENCH_DIR.parent), str(BENCH_DIR)]),
        )
        envs = {"database": env}
        if "redis" in caches:
            redis_port = free_port()
            redis = start(redis_command(redis_port, workdir), env, workdir / "redis.log")
            cleanup.callback(stop, *redis)
            envs["redis"] = {**env, "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}
        database = env["DATABASE_URL"].split(":", 1)[0]
        prepare_database(env)
        page = args.page or site("page", env)
        page_paths = [quote(path, safe="/") for path in site("urls", env)]
        say("rendering every page once (the images' renditions)")
        site("render", env)

        terms = site("queries", env)
        search_paths = queries.interleaved_paths(terms)
        if len(search_paths) < MINIMUM_QUERIES:
            raise SystemExit(f"bench: only {len(search_paths)} search queries in the content")
        search_lua = workdir / "search.lua"
        search_lua.write_text(queries.wrk_script(search_paths, REPORT_LUA.read_text()))

        servers = start_servers(caches, envs, workdir, cleanup, "1x")
        stylesheet = check_servers(servers, page, search_paths[0])

        about = machine()
        say(f"load average before the run: {about['load_average']}")
        targets = [
            ("a", "static CSS file (WhiteNoise)", "cached", stylesheet, {}),
            ("b", f"page from the page cache: {page}", "cached", page, {}),
            ("c", f"same page, page cache off: {page}", "uncached", page, {}),
            ("d", f"search, {len(search_paths)} queries in turn", "cached", "/", "search"),
        ]
        results = []
        for connections in connection_counts:
            for key, label, server_name, path, search in targets:
                for cache in caches:
                    say(f"({key}) {connections} connection(s), {CACHE_NAMES[cache]}: {label}")
                    url = servers[cache][server_name]["url"] + path
                    if search:
                        threads = str(min(connections, 2))
                        figures = wrk(
                            url,
                            connections,
                            args.duration,
                            script=search_lua,
                            args=(threads, "0", "1"),
                            warm_up_args=(threads, "-1", "-1"),
                        )
                        figures["distinct_queries"] = len(search_paths)
                    else:
                        figures = wrk(url, connections, args.duration)
                    results.append(
                        {"key": key, "what": label, "cache": cache, "connections": connections}
                        | figures
                    )

        render = {"1x": render_every_page(servers, envs, page_paths, "1× content")}
        memory = {"after (a)-(e) with the demo content": memory_of(servers)}
        content = {"1x": {"pages": len(page_paths)}}

        if not args.no_tenfold:
            stop_servers(servers)
            try:
                say("growing the content tenfold (bench/site.py grow)")
                site("grow", env, timeout=1800)
                site("render", env)
                for cache in caches:
                    site("empty-caches", envs[cache])
                page_paths_10 = [quote(path, safe="/") for path in site("urls", env)]
                content["10x"] = {"pages": len(page_paths_10)}
                servers = start_servers(caches, envs, workdir, cleanup, "10x")
                render["10x"] = render_every_page(servers, envs, page_paths_10, "10× content")
                memory["after (e) with ten times the content"] = memory_of(servers)
            except (SystemExit, OSError, subprocess.SubprocessError) as error:
                # Report what was measured; say what was not.
                say(f"(e) with ten times the content failed: {error}")
                content["10x_error"] = str(error)
                render.pop("10x", None)

    summary = {
        "machine": about,
        "settings": {
            "database": database,
            "caches": [CACHE_NAMES[cache] for cache in caches],
            "duration_s": args.duration,
            "connections": connection_counts,
            "page": page,
            "search_queries": {language: len(terms[language]) for language in terms},
            "search_query_examples": {language: terms[language][:8] for language in terms},
        },
        "results": results,
        "ratios": ratios(results, caches, connection_counts),
        "content": content,
        "render_every_page": render,
        "render_growth": growth(render, content, caches),
        "worker_memory": memory,
    }
    report(summary, args, caches)
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    say(f"figures written to {args.json}")


def ratios(results, caches, connection_counts):
    by = {(row["key"], row["cache"], row["connections"]): row["rps"] for row in results}
    return {
        cache: {
            str(connections): {
                f"{key}/a": by[(key, cache, connections)] / by[("a", cache, connections)]
                for key in "bcd"
            }
            for connections in connection_counts
        }
        for cache in caches
    }


def growth(render, content, caches):
    if "10x" not in render:
        return {}
    return {
        cache: {
            "pages": content["10x"]["pages"] / content["1x"]["pages"],
            "total_seconds": render["10x"][cache]["after_clear_page_cache"]["seconds"]
            / render["1x"][cache]["after_clear_page_cache"]["seconds"],
            "mean_ms_per_page": render["10x"][cache]["after_clear_page_cache"]["mean_ms"]
            / render["1x"][cache]["after_clear_page_cache"]["mean_ms"],
        }
        for cache in caches
    }


def report(summary, args, caches):
    about, settings, out = summary["machine"], summary["settings"], sys.stdout
    out.write(
        f"\nMachine: {about['nproc']} CPUs ({about['cpu']}), Linux {about['kernel']}, "
        f"Python {about['python']}; load average before the run "
        f"{', '.join(f'{value:.2f}' for value in about['load_average'])}.\n"
        f"Server: gunicorn with config/gunicorn.conf.py, production settings, "
        f"{settings['database']}, {' and '.join(settings['caches'])} side by side; demo content. "
        f"wrk on the same machine, {args.duration} s per row after a 1 s warm-up. "
        f"Search: {sum(settings['search_queries'].values())} queries from the content "
        f"({', '.join(f'{lang} {count}' for lang, count in settings['search_queries'].items())}), "
        f"a different one each request.\n\n"
    )
    by = {(row["key"], row["cache"], row["connections"]): row for row in summary["results"]}
    header = "| | what | connections |"
    rule = "|---|---|---:|"
    for cache in caches:
        header += f" {CACHE_NAMES[cache]}: requests/s | p50 | p99 | errors |"
        rule += "---:|---:|---:|---:|"
    out.write(header + "\n" + rule + "\n")
    for connections in settings["connections"]:
        for key in "abcd":
            row = by[(key, caches[0], connections)]
            line = f"| ({key}) | {row['what']} | {connections} |"
            for cache in caches:
                row = by[(key, cache, connections)]
                line += (
                    f" {row['rps']:,.0f} | {row['p50_us'] / 1000:.2f} ms | "
                    f"{row['p99_us'] / 1000:.2f} ms | {row['errors'] + row['non_2xx']} |"
                )
            out.write(line + "\n")
    out.write("\n")
    for cache in caches:
        for connections, figures in summary["ratios"][cache].items():
            out.write(
                f"{CACHE_NAMES[cache]}, {connections} connection(s): "
                + ", ".join(f"({key[0]})/(a) = {value:.3f}" for key, value in figures.items())
                + "\n"
            )

    out.write(
        "\n(e) every live page of the three locales once, one request at a time "
        "(seconds in all; mean / p95 per page):\n\n"
        "| content | pages | cache | page cache off (warm-up) | after clear_page_cache (e) "
        "| from the page cache |\n|---|---:|---|---:|---:|---:|\n"
    )
    for content, by_cache in summary["render_every_page"].items():
        for cache, crawls in by_cache.items():
            cells = [
                f"{crawl['seconds']:.2f} s ({crawl['mean_ms']:.0f} / {crawl['p95_ms']:.0f} ms)"
                for crawl in (
                    crawls["page_cache_off"],
                    crawls["after_clear_page_cache"],
                    crawls["hits"],
                )
            ]
            pages = summary["content"][content]["pages"]
            out.write(f"| {content} | {pages} | {CACHE_NAMES[cache]} | {' | '.join(cells)} |\n")
    if "10x_error" in summary["content"]:
        out.write(
            f"\n(e) with ten times the content: not measured ({summary['content']['10x_error']})"
        )
    for cache, grown in summary["render_growth"].items():
        out.write(
            f"\n(e) from 1× to 10× content, {CACHE_NAMES[cache]}: {grown['pages']:.1f} × the "
            f"pages, {grown['total_seconds']:.1f} × the time, "
            f"{grown['mean_ms_per_page']:.2f} × the time per page"
        )
    out.write("\n\nGunicorn workers' memory (VmRSS, MB; VmHWM peak in brackets):\n\n")
    for moment, by_cache in summary["worker_memory"].items():
        for cache, by_server in by_cache.items():
            for name, workers in by_server.items():
                sizes = ", ".join(
                    f"{worker.get('VmRSS_kB', 0) / 1024:.0f} "
                    f"({worker.get('VmHWM_kB', 0) / 1024:.0f})"
                    for worker in workers
                )
                out.write(f"- {moment}, {CACHE_NAMES[cache]}, {name}: {sizes}\n")
    out.write("\n")


if __name__ == "__main__":
    main()
