"""Debian's nginx with the shipped configuration (deploy/nginx) run from a private folder on a
local port: how the tests and ``make bench`` serve the static mirror without touching the
machine's own nginx. The production paths and ports in the files are replaced, nothing else."""

import os
import shutil
import subprocess
from pathlib import Path

# Without Django's settings: make bench runs it outside Django.
DEPLOY = Path(__file__).resolve().parent.parent / "deploy" / "nginx"
MAIN = """daemon off;
worker_processes {workers};
pid {run}/nginx.pid;
error_log {run}/error.log;
{user}
events {{ worker_connections 1024; }}
http {{
    # As Debian's /etc/nginx/nginx.conf, which the shipped files are included from.
    include /etc/nginx/mime.types;
    gzip on;
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {run}/etc/site.conf;
}}
"""


def binary():
    """The nginx executable, or None when it is not installed."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None


def configure(text, run, mirror, port, app_port):
    """A shipped file with this run's folders and ports in place of the production ones."""
    return (
        text.replace("/var/lib/portal-pilkada/mirror", str(mirror))
        .replace("/etc/nginx/portal-pilkada", str(Path(run) / "etc"))
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
        .replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
        .replace("/srv/portal-pilkada/app/staticfiles/", f"{mirror}/static/")
    )


def write_config(site, mirror, run, port, app_port, workers=1):
    """Write nginx.conf for ``site`` (a file in deploy/nginx) under ``run``; its path."""
    run = Path(run)
    (run / "etc").mkdir(parents=True, exist_ok=True)
    for source, name in (("common.inc", "common.inc"), ("mirror.inc", "mirror.inc"), (site, "site.conf")):
        (run / "etc" / name).write_text(configure((DEPLOY / source).read_text(), run, mirror, port, app_port))
    # As root, workers would drop to nobody, who may not read a private temporary folder.
    user = "user root;" if os.geteuid() == 0 else ""
    conf = run / "nginx.conf"
    conf.write_text(MAIN.format(run=run, user=user, workers=workers))
    return conf


def check(conf):
    """nginx's own syntax check of ``conf``: (passed, what it said)."""
    result = subprocess.run(  # noqa: S603 - Debian's nginx on a file we wrote
        [binary(), "-t", "-c", str(conf)], capture_output=True, text=True, check=False
    )
    return result.returncode == 0, result.stderr


def start(conf):
    """nginx in the foreground of a child process (stop it with terminate())."""
    return subprocess.Popen([binary(), "-c", str(conf)])  # noqa: S603 - as above
