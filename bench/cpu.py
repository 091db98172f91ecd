"""CPU time per request inside Django, for `make bench` (run by bench/run.py, not by hand).

Calls the WSGI application directly, in one process, and reports the CPU milliseconds each URL
costs (the least of three rounds). Unlike requests per second under load, this hardly moves
when other programs share the machine, so it is the figure to compare pages by. It leaves out
what every request pays outside Django (gunicorn, the kernel, the network) and the time
PostgreSQL and Redis spend in their own processes.

Usage: python bench/cpu.py URL... (with the environment bench/run.py sets); prints JSON.
"""

import io
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402

application = WSGIHandler()
ROUND_SECONDS = 0.3


def request(path):
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path.split("?")[0],
        "QUERY_STRING": path.partition("?")[2],
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    statuses = []
    body = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(body)
    if hasattr(body, "close"):
        body.close()
    if not statuses[0].startswith("200"):
        raise SystemExit(f"{path} answered {statuses[0]}")


def cpu_ms(path):
    request(path)
    request(path)
    rounds = []
    for _round in range(3):
        calls, started = 0, time.process_time()
        while calls < 3 or (time.process_time() - started < ROUND_SECONDS and calls < 2000):
            request(path)
            calls += 1
        rounds.append((time.process_time() - started) * 1000 / calls)
    return min(rounds)


if __name__ == "__main__":
    print(json.dumps({path: cpu_ms(path) for path in sys.argv[1:]}))
