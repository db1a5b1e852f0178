"""The site served on loopback from a thread of the test process, against the test database.

As LiveServerTestCase does, with one difference: on SQLite the test database
lives in memory, so the server's threads share the test process's connection,
one request at a time; on PostgreSQL they open their own and see what the
tests committed.
"""

import threading

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler


class SharedConnectionServer(ThreadedWSGIServer):
    def _close_connections(self):
        """Keep the shared in-memory database open between requests."""


class OneRequestAtATime:
    """A WSGI wrapper that lets one request at a time use the shared connection.

    A sqlite3 connection runs one transaction at a time; the admin's translation
    editor asks for several images at once, and two threads beginning a
    transaction on the one in-memory connection fail ("cannot start a
    transaction within a transaction"). The body is read, and the response closed
    (Django's request_finished), before the next request starts.
    """

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            response = self.app(environ, start_response)
            try:
                body = b"".join(response)
            finally:
                if hasattr(response, "close"):
                    response.close()
        return [body]


def serve_one_request_at_a_time(app):
    return OneRequestAtATime(StaticFilesHandler(app))


class SharedConnectionServerThread(LiveServerThread):
    def _create_server(self, connections_override=None):
        return SharedConnectionServer(
            (self.host, self.port),
            QuietWSGIRequestHandler,
            allow_reuse_address=False,
            connections_override=connections_override,
        )


def start_server(connection):
    """A live server on a free loopback port, sharing `connection` only when it is
    SQLite's in-memory test database (other threads could not open that one)."""
    if connection.vendor == "sqlite":
        assert connection.is_in_memory_db(), "browser tests use the test database only"
        connection.inc_thread_sharing()
        server = SharedConnectionServerThread(
            "127.0.0.1",
            serve_one_request_at_a_time,
            connections_override={"default": connection},
        )
    else:
        assert connection.settings_dict["NAME"].startswith("test_"), (
            "browser tests use the test database only"
        )
        server = LiveServerThread("127.0.0.1", StaticFilesHandler)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    return server


def stop_server(server, connection):
    server.terminate()
    if connection.vendor == "sqlite":
        connection.dec_thread_sharing()
