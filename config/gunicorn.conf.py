"""Gunicorn, the production application server: `gunicorn -c config/gunicorn.conf.py`.

The address comes from the command line (`--bind`) or, as gunicorn does by
itself, from `PORT` (0.0.0.0:$PORT); `make serve` binds 127.0.0.1 only.
Settings on the command line or in GUNICORN_CMD_ARGS win over this file.
"""

import os

wsgi_app = "config.wsgi:application"

# Threaded workers keep connections from the load balancer alive, and a
# thread waiting on PostgreSQL or Redis does not hold up the others. Two
# processes per CPU core; WEB_CONCURRENCY (gunicorn's own variable) overrides.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * len(os.sched_getaffinity(0)))
threads = 4

# Import Django once, before forking: workers start fast and share memory.
preload_app = True
# Recycle workers now and then, so that a slow leak never grows.
max_requests = 5000
max_requests_jitter = 500
timeout = 30
graceful_timeout = 20
keepalive = 5

# Logs to standard output and error, like Django's (production settings).
accesslog = "-"
errorlog = "-"
# The peer, then X-Forwarded-For as the proxies sent it.
access_log_format = '%(h)s [%({x-forwarded-for}i)s] "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'

# No control socket: several servers (the benchmark runs two) share a home directory.
control_socket_disable = True
