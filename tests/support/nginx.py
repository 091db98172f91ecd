"""nginx from Debian serving the shipped configuration (deploy/nginx) on a free local port.

Skipped where nginx is missing, failed instead with PORTAL_REQUIRE_NGINX=1 (CI installs it).
"""

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

DEPLOY = Path(settings.BASE_DIR) / "deploy" / "nginx"
MAIN = """daemon off;
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log;
{user}
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {run}/etc/site.conf;
}}
"""


def nginx_binary():
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
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


def configure(text, run, mirror, port, app_port):
    """The shipped file with this run's folders and ports in place of the production ones."""
    return (
        text.replace("/var/lib/portal-pilkada/mirror", str(mirror))
        .replace("/etc/nginx/portal-pilkada", str(run / "etc"))
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
        .replace("/srv/portal-pilkada/staticfiles/", f"{mirror}/static/")
    )


@contextmanager
def serving(site, mirror, run):
    """nginx with ``site`` (a file in deploy/nginx) for ``mirror``; yields its base URL. The
    application's port is one nothing listens on: the app is down."""
    binary = nginx_binary()
    port, app_port = free_port(), free_port()
    (run / "etc").mkdir(parents=True)
    for source, name in (("common.inc", "common.inc"), ("mirror.inc", "mirror.inc"), (site, "site.conf")):
        text = configure((DEPLOY / source).read_text(), run, mirror, port, app_port)
        (run / "etc" / name).write_text(text)
    # As root, workers would drop to nobody, who cannot read pytest's private temporary folder.
    user = "user root;" if os.geteuid() == 0 else ""
    (run / "nginx.conf").write_text(MAIN.format(run=run, user=user))
    checked = subprocess.run(  # noqa: S603 - Debian's nginx on a file this test wrote
        [binary, "-t", "-c", str(run / "nginx.conf")], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([binary, "-c", str(run / "nginx.conf")])  # noqa: S603 - as above
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
