"""HEAD under a real WSGI server: the headers of GET, no body, and nothing in the server's log.

Django's test client drops a HEAD body itself, so this runs gunicorn as ``make serve`` does.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.http import FileResponse
from django.test import RequestFactory

from core.middleware import HeadWithoutBodyMiddleware
from tests.support.redis import closed_port

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def gunicorn(tmp_path):
    """A gunicorn worker serving the portal (test settings, a throw-away SQLite database)."""
    port = closed_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("REDIS_URL", None)
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"gunicorn did not start:\n{log.read_text()}")
                time.sleep(0.2)
        yield port, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def ask(port, method, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_head_answers_the_headers_of_get_without_a_body_or_a_server_warning(gunicorn):
    port, log = gunicorn
    for path in ("/healthz", "/robots.txt", "/robots.txt", "/static/css/portal.css"):
        got, _ = ask(port, "GET", path)
        head, body = ask(port, "HEAD", path)

        assert head.status == got.status == 200, path
        assert body == b"", path
        assert head.getheader("Content-Length") == got.getheader("Content-Length"), path

    # gunicorn drops a HEAD body itself, with a warning on every request: what filled the log.
    assert "no-body response" not in log.read_text()


@pytest.mark.django_db  # closing a response signals the request's end, which tidies connections
def test_a_file_answered_to_head_keeps_its_length_and_is_closed_unread(tmp_path):
    document = tmp_path / "pengumuman.pdf"
    document.write_bytes(b"%PDF-1.4 " + b"x" * 1000)
    opened = document.open("rb")
    middleware = HeadWithoutBodyMiddleware(lambda request: FileResponse(opened))

    response = middleware(RequestFactory().head("/id/pengumuman/contoh/lampiran/1/"))

    assert b"".join(response.streaming_content) == b""
    assert response["Content-Length"] == "1009"
    response.close()
    assert opened.closed
