"""Too large a body is refused by the real server (gunicorn, production settings) before
it has arrived, and nothing of it reaches the disk.

The site runs in its own process with TMPDIR pointing at an empty folder: the
system's temporary folder, where Django would write a large upload as it read it.
"""

import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.test_production_settings import clean_environment

PROJECT_DIR = Path(__file__).resolve().parent.parent
MB = 1024 * 1024
BOUNDARY = "----upload-limit-test"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gunicorn")
    temporary = folder / "tmp"
    temporary.mkdir()
    port = free_port()
    environment = clean_environment(
        # Never opened: the refusal comes before any view or session.
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        WEB_CONCURRENCY="1",
        TMPDIR=str(temporary),
    )
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(  # noqa: S603
        [str(gunicorn), "-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
        cwd=PROJECT_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(process.stderr.read().decode()) from None
                time.sleep(0.2)
        yield port, temporary
    finally:
        process.terminate()
        process.wait(timeout=30)
        process.stderr.close()


def multipart_head(port, framing):
    return (
        f"POST /en/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Cookie: csrftoken={'a' * 32}\r\n{framing}\r\n"
    ).encode()


def file_part_start():
    return (
        f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=csrfmiddlewaretoken\r\n\r\n"
        f"{'b' * 32}\r\n--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="file"; filename="big.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()


def send_and_read_status(port, head, body_pieces):
    """Send the head, then the pieces (in a thread, as a client would keep sending),
    and return the status line the server answers with, without finishing the body."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=20)
    connection.sendall(head)

    def send_body():
        try:
            for piece in body_pieces:
                connection.sendall(piece)
        except OSError:
            pass  # the server answered and closed: nothing more to send

    sender = threading.Thread(target=send_body, daemon=True)
    sender.start()
    try:
        answer = b""
        while b"\r\n" not in answer:
            data = connection.recv(4096)
            if not data:
                break
            answer += data
        return answer.split(b"\r\n", 1)[0].decode()
    finally:
        connection.close()
        sender.join(timeout=20)


def test_a_300_mb_content_length_is_refused_before_the_body_is_sent(server):
    port, temporary = server
    head = multipart_head(port, f"Content-Length: {300 * MB}\r\n")
    # A little of the body, then nothing: the answer must not wait for the rest.
    status = send_and_read_status(port, head, [file_part_start(), b"\0" * (64 * 1024)])
    assert status.startswith("HTTP/1.1 413 "), status
    assert list(temporary.iterdir()) == []


def test_a_chunked_body_is_refused_once_it_passes_the_limit(server):
    port, temporary = server
    head = multipart_head(port, "Transfer-Encoding: chunked\r\n")
    piece = b"\0" * (64 * 1024)
    chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    start = file_part_start()
    # 1.5 MB and never the last chunk: the answer comes once the limit is passed.
    pieces = [f"{len(start):x}\r\n".encode() + start + b"\r\n"] + [chunk] * 24
    status = send_and_read_status(port, head, pieces)
    assert status.startswith("HTTP/1.1 413 "), status
    assert list(temporary.iterdir()) == []
