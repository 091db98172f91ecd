"""`make bench`: the main public pages under load on this machine, against the framework's floor.

What it does (docs/performance.md explains the figures and the targets):

1. Picks the backends: PostgreSQL and Redis when they answer (pg_isready, redis-cli ping),
   SQLite and local memory otherwise. The data lives in a database of its own (PostgreSQL
   ``portal_bench`` or ``var/bench/bench.sqlite3``), created afresh, never the development one.
2. Migrates it, loads the demo data and ``generate_load_data --factor 10`` (fictional rows, ten
   times the demo), collects static files.
3. Serves the production settings under gunicorn on a free local port, twice: page cache on
   ("cached") and off (``PORTAL_PAGE_CACHE=0``, "uncached"). ``PORTAL_BENCH_BASELINE=1`` routes
   ``/bench/baseline``, a view doing no work behind the same middleware: the floor.
4. Warms every URL up, then drives each with wrk for a fixed time (BENCH_DURATION seconds,
   BENCH_CONNECTIONS connections), each right after BENCH_BASELINE_DURATION seconds of the
   baseline, which its ratio is computed against (the machine is shared; its load drifts).
5. Bakes the static mirror (``manage.py bake``) and serves it with Debian's nginx and the
   shipped ``deploy/nginx/mirror-only.conf``; drives the same pages through it, against the
   floor measured in step 4 (reported, no target: it is what readers get with the app down).
6. Writes ``bench/results/bench-<time>.json`` and ``.md`` (and ``latest.*``), prints the table,
   and exits 1 when a target fails: cached pages >= 0.8x the baseline's requests per second
   and p99 < 100 ms, no errors anywhere. Uncached pages are reported against the floor without a
   target: the owners retired the 0.25x target (issue 22) for pages never rendered on a reader's
   request, the mirror's rows included.

Environment: BENCH_DURATION (6), BENCH_BASELINE_DURATION (3), BENCH_WARMUP (2),
BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_WORKERS (3, gunicorn workers), BENCH_FACTOR (10),
BENCH_DATABASE (auto|postgres|sqlite), BENCH_CACHE (auto|redis|locmem), BENCH_POSTGRES_URL,
BENCH_REDIS_URL.
"""

import itertools
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ops import nginx  # noqa: E402 - the project's root is on the path only from here

RESULTS = ROOT / "bench" / "results"
VAR = ROOT / "var" / "bench"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
REPORTER = ROOT / "bench" / "report.lua"

DURATION = int(os.environ.get("BENCH_DURATION", "6"))
BASELINE_DURATION = int(os.environ.get("BENCH_BASELINE_DURATION", "3"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
# A request still unanswered after this long counts as an error (wrk's timeout).
TIMEOUT = 10
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
FACTOR = int(os.environ.get("BENCH_FACTOR", "10"))
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
API_LISTS = ["/api/v1/voter-counts", "/api/v1/districts", "/api/v1/candidate-pairs", "/api/v1/announcements"]

# The home page as reached from a link shared on Facebook: a new ?fbclid= value on every request
# (cached run only).
SHARED_LINK = "home, shared link"
UNIQUE_SUFFIX = "{each-request}"

TARGETS = {"cached_ratio": 0.8, "cached_p99_ms": 100.0, "storm_p99_ms": 50.0, "fresh_s": 10.0}
FRESH_TARGET_S = TARGETS["fresh_s"]
FRESH_ROUNDS = 5
NEEDS_REDIS = "needs Redis: without it each process has its own cache and versions"

# The URLs are looked up in the bench database, so slugs never go stale.
DISCOVER = """
import json
from django.urls import reverse
from django.utils import translation
from candidates.models import CandidatePair
from elections.models import Contest
with translation.override("id"):
    contest = Contest.objects.order_by("order", "slug").first()
    pair = CandidatePair.objects.filter(contest=contest).order_by("ballot_number").first()
    print(json.dumps({
        "home": reverse("home"),
        "schedule": reverse("elections:schedule"),
        "contest": contest.get_absolute_url(),
        "pair": pair.get_absolute_url(),
        "comparison": reverse("candidates:compare", kwargs={"slug": contest.slug}),
        "voters by kecamatan": reverse("elections:voters"),
        "announcements": reverse("announcements:list"),
    }))
"""


STARTED = time.monotonic()


def say(message):
    print(f"[bench {time.monotonic() - STARTED:5.0f} s] {message}", flush=True)


def run(command, env, **kwargs):
    return subprocess.run(command, env=env, cwd=ROOT, check=True, text=True, **kwargs)


# Backends ------------------------------------------------------------------------------------


def postgres_available():
    choice = os.environ.get("BENCH_DATABASE", "auto")
    if choice == "sqlite":
        return False
    parts = urlsplit(POSTGRES_URL)
    ready = shutil.which("pg_isready") and (
        subprocess.run(
            ["pg_isready", "-q", "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432)],
            check=False,
        ).returncode
        == 0
    )
    if not ready and choice == "postgres":
        sys.exit("[bench] BENCH_DATABASE=postgres, but pg_isready does not see a server.")
    return bool(ready)


def redis_available():
    choice = os.environ.get("BENCH_CACHE", "auto")
    if choice == "locmem":
        return False
    parts = urlsplit(REDIS_URL)
    ping = shutil.which("redis-cli") and subprocess.run(
        ["redis-cli", "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 6379), "ping"],
        capture_output=True,
        text=True,
        check=False,
    )
    ready = bool(ping) and ping.stdout.strip() == "PONG"
    if not ready and choice == "redis":
        sys.exit("[bench] BENCH_CACHE=redis, but redis-cli ping gets no PONG.")
    return ready


def fresh_postgres_database():
    """Drop and create the bench database (its name must contain 'bench': it is thrown away)."""
    import psycopg2  # from requirements.txt; imported here so SQLite runs need no server

    parts = urlsplit(POSTGRES_URL)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"[bench] Refusing to recreate the database '{name}': its name must contain 'bench'.")
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password or None,
        dbname="postgres",
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def environment(backends):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL", "PORTAL_CLOCK"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.prod",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_LOG_LEVEL="WARNING",
        PORTAL_VAR_DIR=str(VAR),
        DJANGO_MEDIA_ROOT=str(VAR / "media"),
        PORTAL_BENCH_BASELINE="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    if backends["database"] == "PostgreSQL":
        env["DATABASE_URL"] = POSTGRES_URL
    else:
        env["DATABASE_URL"] = f"sqlite:///{VAR / 'bench.sqlite3'}"
    if backends["cache"] == "Redis":
        env["REDIS_URL"] = REDIS_URL
    return env


def prepare(env, backends):
    VAR.mkdir(parents=True, exist_ok=True)
    if backends["database"] == "PostgreSQL":
        fresh_postgres_database()
    else:
        (VAR / "bench.sqlite3").unlink(missing_ok=True)
    manage = [PYTHON, "manage.py"]
    say("migrating the bench database")
    run([*manage, "migrate", "--noinput", "-v", "0"], env)
    say("loading the demo data")
    run([*manage, "load_demo"], env, stdout=subprocess.DEVNULL)
    run([*manage, "collectstatic", "--noinput", "-v", "0"], env)
    output = run([*manage, "shell", "-c", DISCOVER], env, capture_output=True).stdout
    pages = json.loads(output.strip().splitlines()[-1])
    say("the demo alone: CPU per render and freshness after a save")
    demo = {
        "cpu_ms": cpu_per_request(env, pages, modes=(("uncached", "0"),))["uncached"],
        "fresh": freshness(env, pages, backends),
    }
    say(f"adding fictional data, {FACTOR}x the demo")
    run([*manage, "generate_load_data", "--factor", str(FACTOR)], env)
    return pages, demo


# Server --------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with the production settings, as `make serve` runs it, in its own process group."""

    def __init__(self, env, page_cache):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {**env, "PORTAL_PAGE_CACHE": "1" if page_cache else "0"}
        if page_cache:
            # No page expires while it is measured: the cached run measures cache hits. In
            # production each page is rendered again once a minute, at the uncached cost.
            self.env["PORTAL_PUBLIC_MAX_AGE"] = "600"
        self.process = None

    def __enter__(self):
        # As `make serve` runs it: with the background render worker beside it (RQ with Redis).
        command = [
            str(ROOT / "scripts" / "with-render-worker"),
            GUNICORN,
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(command, env=self.env, cwd=ROOT, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if fetch(self.base + "/healthz")[0] == 200:
                return self
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz within 30 seconds")

    def __exit__(self, *exc_info):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own local server
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except OSError:
        return None, b""


# Load ----------------------------------------------------------------------------------------


def ensure_wrk():
    if shutil.which("wrk"):
        return "wrk"
    if shutil.which("apt-get") and os.geteuid() == 0:
        say("wrk is missing: installing Debian's package (apt-get install -y wrk)")
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, stdout=subprocess.DEVNULL)
        if shutil.which("wrk"):
            return "wrk"
    say(
        "wrk is not installed and could not be installed (apt-get install wrk): FALLING BACK to a "
        "Python load generator, which is slower than the server and understates every figure."
    )
    return "python"


def drive(tool, url, seconds):
    """Closed-loop load on one URL for ``seconds``; returns the measured figures.

    A URL ending in ``UNIQUE_SUFFIX`` gets a different value there on every request.
    """
    unique = url.endswith(UNIQUE_SUFFIX)
    url = url.removesuffix(UNIQUE_SUFFIX)
    if tool == "wrk":
        command = [
            "wrk",
            f"-t{THREADS}",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            f"{TIMEOUT}s",
            "-s",
            str(REPORTER),
            url,
        ]
        environment = {**os.environ, "BENCH_UNIQUE_SUFFIX": "1"} if unique else None
        output = subprocess.run(command, capture_output=True, text=True, check=True, env=environment).stdout
        raw = json.loads([line for line in output.splitlines() if line.startswith("{")][-1])
    else:
        raw = python_load(url, seconds, unique)
    drain(url)
    requests = max(raw["requests"], 1)
    return {
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": raw["p50_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "errors": sum(
            raw[key] for key in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
        ),
        "bytes": round(raw["bytes"] / requests),
        "requests": raw["requests"],
    }


def drain(url):
    """Wait until requests queued by the last run are served, so they do not slow the next one."""
    base = url[: url.index("/", len("http://"))]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        started = time.monotonic()
        fetch(base + "/bench/baseline")
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.2)


def python_load(url, seconds, unique=False):
    """The fallback: CONNECTIONS threads, each a request after the other, for ``seconds``."""
    latencies, errors, sizes = [], [0], [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    numbers = itertools.count()

    def worker():
        while time.monotonic() < stop:
            started = time.perf_counter()
            status, body = fetch(f"{url}IwAR{next(numbers)}" if unique else url)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                sizes[0] += len(body)
                if status != 200:
                    errors[0] += 1

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    duration = time.perf_counter() - began
    latencies.sort()

    def percentile(share):
        return latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1e6 if latencies else 0

    return {
        "requests": len(latencies),
        "duration_us": duration * 1e6,
        "bytes": sizes[0],
        "connect_errors": 0,
        "read_errors": 0,
        "write_errors": 0,
        "status_errors": errors[0],
        "timeouts": 0,
        "p50_us": percentile(0.5),
        "p99_us": percentile(0.99),
        "max_us": latencies[-1] * 1e6 if latencies else 0,
    }


def api_url(base):
    """An API list when /api/v1/ answers 200 (the API is optional for the benchmark)."""
    if fetch(base + "/api/v1")[0] != 200:
        return None
    for path in API_LISTS:
        if fetch(base + path)[0] == 200:
            return path
    return None


def measure(tool, env, pages, page_cache):
    mode = "cached" if page_cache else "uncached"
    with Server(env, page_cache) as server:
        urls = dict(pages)
        if page_cache:
            # What it shows is that the cache absorbs such clicks; uncached, it is the home page.
            urls[SHARED_LINK] = f"{pages['home']}?fbclid={UNIQUE_SUFFIX}"
        api = api_url(server.base)
        if api:
            urls["API list"] = api
        for name, path in urls.items():
            status, _body = fetch(server.base + path.removesuffix(UNIQUE_SUFFIX))
            if status != 200:
                raise RuntimeError(f"{name} ({path}) answered {status}, not 200")
        if page_cache:
            # Every worker fills its cache (local memory) or its copies (Redis) before measuring;
            # uncached pages need nothing more than the first request above.
            say(f"{mode}: warming up {len(urls) + 1} URLs for {WARMUP} s each")
            for path in ["/bench/baseline", *urls.values()]:
                drive(tool, server.base + path, WARMUP)
        say(
            f"{mode}: measuring each URL for {DURATION} s at {CONNECTIONS} connections, "
            f"each right after {BASELINE_DURATION} s of the baseline"
        )
        rows, baselines = {}, []
        for name, path in urls.items():
            # The machine is shared and its load drifts: each page is compared with the floor
            # measured just before it.
            baselines.append(drive(tool, server.base + "/bench/baseline", BASELINE_DURATION))
            rows[name] = drive(tool, server.base + path, DURATION)
            rows[name]["baseline_rps"] = baselines[-1]["rps"]
            rows[name]["ratio"] = rows[name]["rps"] / baselines[-1]["rps"]
    baseline = {key: sum(run_[key] for run_ in baselines) / len(baselines) for key in baselines[0]}
    baseline["errors"] = sum(run_["errors"] for run_ in baselines)
    return {"baseline": baseline, "baseline_runs": baselines, "pages": rows, "urls": urls, "api": api}


def measure_mirror(tool, env, urls, floor_rps):
    """The pages from the static mirror through nginx, with no application behind it."""
    folder = VAR / "mirror"
    say("baking the static mirror (manage.py bake)")
    started = time.monotonic()
    run(
        [PYTHON, "manage.py", "bake", str(folder), "--base-url", "http://127.0.0.1"],
        env,
        stdout=subprocess.DEVNULL,
    )
    baked = {"bake_s": round(time.monotonic() - started, 1), "floor_rps": floor_rps, "pages": {}}
    if nginx.binary() is None:
        subprocess.run(["apt-get", "install", "-y", "-q", "nginx"], check=False, stdout=subprocess.DEVNULL)
    if nginx.binary() is None:
        say("nginx is not installed and could not be installed: the mirror rows are left out")
        return {**baked, "skipped": "nginx not installed"}
    port = free_port()
    conf = nginx.write_config("mirror-only.conf", folder, VAR / "nginx", port, free_port(), workers=2)
    process = nginx.start(conf)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while fetch(base + "/robots.txt")[0] != 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        say(f"mirror: measuring each URL for {DURATION} s at {CONNECTIONS} connections through nginx")
        for name, path in urls.items():
            row = drive(tool, base + path, DURATION)
            row["ratio"] = row["rps"] / floor_rps
            baked["pages"][name] = row
    finally:
        process.terminate()
        process.wait(timeout=10)
    return baked


def mirror_table(mirror):
    if mirror.get("skipped"):
        return f"Static mirror: baked in {mirror['bake_s']} s; not served ({mirror['skipped']})."
    lines = [
        f"Static mirror through nginx (mirror-only.conf, no application behind it), baked in "
        f"{mirror['bake_s']} s; ratio against the cached run's mean floor ({mirror['floor_rps']:,.0f} rps):",
        "",
        "| page | mirror rps | ratio to the floor | p50 ms | p99 ms | errors |",
        "| --- |" + " ---: |" * 5,
    ]
    for name, row in mirror["pages"].items():
        lines.append(
            f"| {name} | {row['rps']:,.0f} | {row['ratio']:.1f}x | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} "
            f"| {row['errors']} |"
        )
    return "\n".join(lines)


def cpu_per_request(env, urls, modes=(("cached", "1"), ("uncached", "0"))):
    """CPU milliseconds per request in one process, cached and uncached: steady on a busy machine."""
    figures = {}
    for mode, page_cache in modes:
        output = run(
            [PYTHON, "bench/cpu.py", *urls.values()],
            {**env, "PORTAL_PAGE_CACHE": page_cache},
            capture_output=True,
        ).stdout
        by_path = json.loads(output.strip().splitlines()[-1])
        figures[mode] = {name: by_path[path] for name, path in urls.items()}
    return figures


# Publishing ----------------------------------------------------------------------------------


def publish(env, *arguments):
    output = run([PYTHON, "bench/publish.py", *arguments], env, capture_output=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def freshness(env, pages, backends):
    """Seconds from a committed save until the home page at the origin shows it."""
    if backends["cache"] != "Redis":
        return {"skipped": NEEDS_REDIS}
    with Server(env, page_cache=True) as server:
        for path in pages.values():
            fetch(server.base + path)
        return publish(env, "fresh", server.base, pages["home"], str(FRESH_ROUNDS))


def measure_storm(tool, env, pages, backends):
    """One save a second while wrk drives the main pages: what readers get, and who renders."""
    if backends["cache"] != "Redis":
        return {"skipped": NEEDS_REDIS}
    with Server(env, page_cache=True) as server:
        say("publishing: warming up the main pages, then freshness after a save at 10x")
        for path in pages.values():
            drive(tool, server.base + path, WARMUP)
        fresh = publish(env, "fresh", server.base, pages["home"], str(FRESH_ROUNDS))
        seconds = len(pages) * (DURATION + 2) + 5
        say(f"publish storm: one save a second for {seconds} s, {DURATION} s of load on each page")
        before = publish(env, "renders")
        storm = subprocess.Popen(
            [PYTHON, "bench/publish.py", "storm", str(seconds)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        rows = {name: drive(tool, server.base + path, DURATION) for name, path in pages.items()}
        saves = json.loads(storm.communicate()[0].strip().splitlines()[-1])["saves"]
        after = publish(env, "renders")
    return {
        "fresh": fresh,
        "saves": saves,
        "pages": rows,
        "reader_renders": after["reader"] - before["reader"],
        "background_renders": after["background"] - before["background"],
    }


def publishing_table(results):
    demo, storm = results["demo"], results["storm"]
    if storm.get("skipped"):
        return f"Publishing: not measured ({storm['skipped']})."

    def seconds(fresh):
        if fresh.get("skipped"):
            return fresh["skipped"]
        return (
            f"max {max(fresh['delays_s']):.2f} s (each: {', '.join(f'{d:.2f}' for d in fresh['delays_s'])})"
        )

    lines = [
        "Time from a committed save to the home page showing it at the origin "
        f"(target < {FRESH_TARGET_S} s): "
        f"demo {seconds(demo['fresh'])}; demo + {FACTOR}x {seconds(storm['fresh'])}.",
        "",
        f"Publish storm: {storm['saves']} saves, one a second, while wrk drove each page for {DURATION} s "
        f"(targets: p99 < {TARGETS['storm_p99_ms']:.0f} ms, no errors, no render on a reader's request). "
        f"Renders during the storm: {storm['reader_renders']} on readers' requests, "
        f"{storm['background_renders']} in the background.",
        "",
        "| page | rps | p50 ms | p99 ms | errors |",
        "| --- |" + " ---: |" * 4,
    ]
    for name, row in storm["pages"].items():
        lines.append(
            f"| {name} | {row['rps']:,.0f} | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} | {row['errors']} |"
        )
    lines += [
        "",
        "CPU ms per render (uncached, one process): "
        + "; ".join(
            f"{name} {demo['cpu_ms'][name]:.1f} (demo) / "
            f"{results['cpu_ms']['uncached'][name]:.1f} ({FACTOR}x)"
            for name in demo["cpu_ms"]
            if name in results["cpu_ms"]["uncached"]
        )
        + ".",
    ]
    return "\n".join(lines)


# Report --------------------------------------------------------------------------------------


def check(results):
    failures = [
        f"mirror {name}: {row['errors']} errors"
        for name, row in results["mirror"]["pages"].items()
        if row["errors"]
    ]
    storm = results["storm"]
    if not storm.get("skipped"):
        if storm["reader_renders"]:
            failures.append(
                f"publish storm: {storm['reader_renders']} renders on readers' requests, target 0"
            )
        for name, row in storm["pages"].items():
            if row["errors"]:
                failures.append(f"publish storm {name}: {row['errors']} errors")
            if row["p99_ms"] >= TARGETS["storm_p99_ms"]:
                failures.append(f"publish storm {name}: p99 {row['p99_ms']:.0f} ms, target < 50 ms")
        for label, fresh in (("demo", results["demo"]["fresh"]), (f"{FACTOR}x", storm["fresh"])):
            if not fresh.get("skipped") and max(fresh["delays_s"]) >= FRESH_TARGET_S:
                failures.append(
                    f"freshness ({label}): {max(fresh['delays_s']):.1f} s, target < {FRESH_TARGET_S} s"
                )
    for mode in ("cached", "uncached"):
        run_ = results[mode]
        if run_["baseline"]["errors"]:
            failures.append(f"{mode} baseline: {run_['baseline']['errors']} errors")
        for name, row in run_["pages"].items():
            if row["errors"]:
                failures.append(f"{mode} {name}: {row['errors']} errors")
            if mode == "cached" and row["ratio"] < TARGETS["cached_ratio"]:
                limit = TARGETS["cached_ratio"]
                failures.append(f"cached {name}: {row['ratio']:.2f}x the baseline, target >= {limit}x")
            if mode == "cached" and row["p99_ms"] >= TARGETS["cached_p99_ms"]:
                failures.append(f"cached {name}: p99 {row['p99_ms']:.0f} ms, target < 100 ms")
    return failures


def table(results):
    lines = [
        "| page | URL | bytes | cached rps | floor rps | ratio | p50 ms | p99 ms | errors "
        "| uncached rps | floor rps | ratio | p50 ms | p99 ms | errors |",
        "| --- | --- |" + " ---: |" * 13,
    ]
    cached, uncached = results["cached"], results["uncached"]

    def cells(row):
        if row is None:
            return "n/a | | | | | "
        floor = row.get("baseline_rps", row["rps"])
        ratio = row.get("ratio", 1.0)
        return (
            f"{row['rps']:,.0f} | {floor:,.0f} | {ratio:.2f}x | {row['p50_ms']:.1f} | {row['p99_ms']:.1f} "
            f"| {row['errors']}"
        )

    lines.append(
        f"| baseline (floor), mean | /bench/baseline | {cached['baseline']['bytes']:,.0f} "
        f"| {cells(cached['baseline'])} | {cells(uncached['baseline'])} |"
    )
    for name, path in cached["urls"].items():
        row = cached["pages"][name]
        lines.append(
            f"| {name} | {path} | {row['bytes']:,} | {cells(row)} | {cells(uncached['pages'].get(name))} |"
        )
    return "\n".join(lines)


def cpu_table(cpu):
    floor = {mode: cpu[mode]["baseline (floor)"] for mode in cpu}
    lines = [
        "| page | cached CPU ms | floor / page | uncached CPU ms | floor / page |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name in cpu["cached"]:
        lines.append(
            f"| {name} | {cpu['cached'][name]:.2f} | {floor['cached'] / cpu['cached'][name]:.2f}x "
            f"| {cpu['uncached'][name]:.2f} | {floor['uncached'] / cpu['uncached'][name]:.2f}x |"
        )
    return "\n".join(lines)


def markdown(results, failures):
    info = results["environment"]
    api_note = (
        f"API list: {results['cached']['api']}."
        if results["cached"]["api"]
        else "API list: skipped (/api/v1/ did not answer 200)."
    )
    verdict = (
        "All targets hold." if not failures else "Targets missed:\n\n" + "\n".join(f"- {f}" for f in failures)
    )
    return (
        f"# make bench, {info['started']}\n\n"
        f"{info['database']} + {info['cache']}, gunicorn {WORKERS} sync workers, production settings; "
        f"load: {info['load_generator']} {THREADS} threads, {CONNECTIONS} connections, "
        f"{DURATION} s per page; "
        f"{info['cpus']} CPUs, load average {info['load_before']} before, {info['load_after']} after; "
        f"data: demo + {FACTOR}x fictional; {info['elapsed_s']} s in all. {api_note}\n\n"
        f"Each page's ratio compares it with the floor (/bench/baseline) measured for {BASELINE_DURATION} s "
        "just before it, on the same server. Targets: cached >= 0.8x and p99 < 100 ms; "
        "no errors (uncached pages: reported, no target since issue 22).\n\n"
        f"{table(results)}\n\n"
        "CPU time per request inside Django, in one process (bench/cpu.py; least of three rounds): "
        "hardly affected by other load, it leaves out gunicorn, the kernel, PostgreSQL and Redis.\n\n"
        f"{cpu_table(results['cpu_ms'])}\n\n{mirror_table(results['mirror'])}\n\n"
        f"{publishing_table(results)}\n\n{verdict}\n"
    )


def main():
    started = datetime.now().astimezone()
    backends = {
        "database": "PostgreSQL" if postgres_available() else "SQLite",
        "cache": "Redis" if redis_available() else "local memory",
    }
    say(f"backends: {backends['database']} and {backends['cache']}")
    tool = ensure_wrk()
    env = environment(backends)
    pages, demo = prepare(env, backends)
    load_before = " ".join(f"{value:.2f}" for value in os.getloadavg())
    results = {
        "cached": measure(tool, env, pages, page_cache=True),
        "uncached": measure(tool, env, pages, page_cache=False),
    }
    say("measuring the CPU time of each page inside Django (bench/cpu.py)")
    # In one process a repeated address is just a repeat request: the shared link is left out.
    urls = {name: path for name, path in results["cached"]["urls"].items() if name != SHARED_LINK}
    results["cpu_ms"] = cpu_per_request(env, {"baseline (floor)": "/bench/baseline", **urls})
    results["mirror"] = measure_mirror(tool, env, urls, results["cached"]["baseline"]["rps"])
    results["demo"] = demo
    results["storm"] = measure_storm(tool, env, pages, backends)
    results["environment"] = {
        **backends,
        "started": started.isoformat(timespec="seconds"),
        "load_generator": tool,
        "cpus": os.cpu_count(),
        "workers": WORKERS,
        "connections": CONNECTIONS,
        "threads": THREADS,
        "duration_s": DURATION,
        "factor": FACTOR,
        "load_before": load_before,
        "load_after": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        "elapsed_s": round(time.monotonic() - STARTED),
    }
    failures = check(results)
    results["targets"] = TARGETS
    results["failures"] = failures
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%d-%H%M%S")
    text = markdown(results, failures)
    for name in (f"bench-{stamp}", "latest"):
        (RESULTS / f"{name}.json").write_text(json.dumps(results, indent=2) + "\n")
        (RESULTS / f"{name}.md").write_text(text)
    print()
    print(text)
    say(f"written bench/results/bench-{stamp}.json and .md (and latest.*)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
