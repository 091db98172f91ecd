"""A client cannot claim HTTPS (or another address) with forwarding headers unless a proxy that
overwrites them is configured: PORTAL_TRUSTED_PROXY_COUNT > 0, in Django and in `make serve`."""

import http.client
import os
import signal
import socket
import subprocess
import time

import pytest

from tests.support.production import ROOT, run_in_production

IS_SECURE = (
    "from django.test import RequestFactory; "
    "print(RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https').is_secure())"
)


@pytest.mark.parametrize(("proxies", "secure"), [("", "False"), ("0", "False"), ("1", "True")])
def test_x_forwarded_proto_counts_only_behind_a_configured_proxy(proxies, secure):
    result = run_in_production(IS_SECURE, PORTAL_TRUSTED_PROXY_COUNT=proxies)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == secure


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port, path, headers, deadline):
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", path, headers=headers)
            return connection.getresponse()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory):
    """One database for both runs below: the second one skips the migrations."""
    return tmp_path_factory.mktemp("var")


@pytest.mark.parametrize(("proxies", "status"), [("0", 301), ("1", 200)])
def test_make_serve_ignores_a_client_sent_x_forwarded_proto_without_a_proxy(var_dir, proxies, status):
    """The whole stack of `make serve` (gunicorn and Django), with the HTTPS redirect switched on:
    a client claiming HTTPS is still redirected, unless a proxy is declared in front."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "PORTAL_"))}
    env.update(
        PORT=str(port),
        WEB_CONCURRENCY="1",
        PORTAL_VAR_DIR=str(var_dir),
        PORTAL_TRUSTED_PROXY_COUNT=proxies,
        DJANGO_SECURE_SSL_REDIRECT="1",
        DJANGO_SECRET_KEY="Jm3u-9xQe2Lr7TpWv4Kd8Zs1Nc6Hb5Yg0Af_OiUoPlMkXwRtEqDyS",
    )
    server = subprocess.Popen(
        [ROOT / "scripts" / "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        response = get(port, "/healthz", {"X-Forwarded-Proto": "https"}, time.monotonic() + 240)

        assert response.status == status
        if status == 301:
            assert response.getheader("Location") == f"https://127.0.0.1:{port}/healthz"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
