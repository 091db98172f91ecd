"""nginx from Debian serving the shipped configuration (deploy/nginx) on a free local port.

Skipped where nginx is missing, failed instead with PORTAL_REQUIRE_NGINX=1 (CI installs it).
"""

import os
import socket
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest

from ops import nginx


def nginx_binary():
    found = nginx.binary()
    if found:
        return found
    message = "nginx not found: install Debian's nginx to test the static mirror."
    if os.environ.get("PORTAL_REQUIRE_NGINX") == "1":
        pytest.fail(message)
    pytest.skip(message)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(site, mirror, run):
    """nginx with ``site`` (a file in deploy/nginx) for ``mirror``; yields its base URL. The
    application's port is one nothing listens on: the app is down."""
    nginx_binary()
    port, app_port = free_port(), free_port()
    conf = nginx.write_config(site, mirror, run, port, app_port)
    passed, said = nginx.check(conf)
    assert passed, said
    process = nginx.start(conf)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/robots.txt", timeout=1)  # noqa: S310 - local
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url, headers=None):
    """(status, headers, body) without following redirects."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - local nginx
    try:
        with OPENER.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
