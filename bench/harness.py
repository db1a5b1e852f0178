"""What the benchmarks share: a throwaway production-like server on loopback.

A fresh database in a temporary folder (SQLite unless DATABASE_URL is given)
with the demo content, a Redis of its own when `redis-server` is installed,
and gunicorn with production settings. Nothing leaves loopback; the caller's
ExitStack stops and removes everything at the end.
"""

import os
import platform
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BIN = PROJECT_DIR / ".venv" / "bin"
PYTHON = BIN / "python"
GUNICORN = BIN / "gunicorn"
# Variables of ours that must not leak in from the caller's shell.
OURS = re.compile(
    r"^(DJANGO_|ALLOWED_HOSTS$|DATABASE_URL$|REDIS_URL$|PAGE_CACHE|FRONTEND_CACHE$|"
    r"CLOUDFLARE_|CLOUDFRONT_|AWS_|SEARCH_|WEB_CONCURRENCY$|EMAIL_|DEFAULT_FROM_EMAIL$)"
)


def say(message):
    sys.stderr.write(f"bench: {message}\n")
    sys.stderr.flush()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command, env, timeout=600):
    result = subprocess.run(  # noqa: S603
        command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise SystemExit(f"bench: {' '.join(map(str, command))} failed:\n{result.stderr}")
    return result.stdout


def start(command, env, log_path):
    log = open(log_path, "w")
    process = subprocess.Popen(  # noqa: S603
        command,
        cwd=PROJECT_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return process, log


def stop(process, log, sig=signal.SIGINT):
    """SIGINT: gunicorn's and redis-server's quick shutdown."""
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    if not log.closed:
        log.close()


def get(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
        return response.status, dict(response.headers), response.read().decode()


def wait_until_up(url, process, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"bench: server for {url} exited early")
        try:
            get(url, timeout=5)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"bench: {url} did not answer within {seconds} s")


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": model.group(1).strip() if model else platform.processor(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "load_average": os.getloadavg(),
    }


def production_env(workdir):
    """The caller's environment without our variables, plus production settings."""
    env = {key: value for key, value in os.environ.items() if not OURS.match(key)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'db.sqlite3'}",
    )
    return env


def redis_command(port, workdir, persistent=False):
    """redis-server on loopback; `persistent`: it saves its data on SIGTERM and reloads it."""
    command = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--dir", str(workdir)]
    return [*command, "--save", "3600 1" if persistent else ""]


def prepare_database(env):
    """Migrate, load the demo content, collect static files, index. True if demo content."""
    database = env["DATABASE_URL"].split(":", 1)[0]
    say(f"preparing a {database} database (migrations take a while)")
    run([PYTHON, "manage.py", "migrate", "--no-input"], env, timeout=900)
    run([PYTHON, "manage.py", "createcachetable"], env)
    commands = run([PYTHON, "manage.py", "help", "--commands"], env)
    demo_content = "load_demo_content" in commands.split()
    if demo_content:
        say("loading the demo content")
        run([PYTHON, "manage.py", "load_demo_content"], env, timeout=900)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], env)
    run([PYTHON, "manage.py", "update_index"], env, timeout=900)
    return demo_content


def start_gunicorn(env, log_path, cleanup):
    """A gunicorn with config/gunicorn.conf.py on a free loopback port: its base URL."""
    return start_gunicorn_process(env, log_path, cleanup)[0]


def start_gunicorn_process(env, log_path, cleanup):
    """The same: its base URL and (process, log); the process is gunicorn's master, whose
    children are the workers, and stop(process, log) stops it before the cleanup would."""
    port = free_port()
    server = start(
        [GUNICORN, "--config", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
        env,
        log_path,
    )
    cleanup.callback(stop, *server)
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url + "/en/", server[0])
    return url, server


MEMORY_FIELDS = ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem")


def worker_memory(master_pid):
    """Each worker's memory in kB, from /proc/<pid>/status of the master's children."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    if children.exists():
        pids = [int(pid) for pid in children.read_text().split()]
    else:
        pids = [
            int(stat.parent.name)
            for stat in Path("/proc").glob("[0-9]*/stat")
            if _parent_pid(stat) == master_pid
        ]
    workers = []
    for pid in sorted(pids):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue  # recycled (max_requests) between the listing and the reading
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        workers.append(
            {"pid": pid}
            | {
                f"{name}_kB": int(fields[name].split()[0])
                for name in MEMORY_FIELDS
                if name in fields
            }
        )
    return workers


def _parent_pid(stat_path):
    try:
        return int(stat_path.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None
