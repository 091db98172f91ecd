"""Background work for the page cache: where page renders run, retried and visible to staff.

``PORTAL_RENDER_JOBS`` picks the engine:

- ``rq``: RQ queues on the Redis the portal already uses (the default with ``REDIS_URL``). A
  separate worker process runs them (``manage.py render_worker``, started by ``make run``,
  ``make serve`` and the systemd unit); a job that fails is retried after 2, 10 and 30 seconds,
  then kept for a week in RQ's failed-job registry, which the admin dashboard lists.
- ``thread``: a worker thread inside each web process (the default without Redis, for
  ``make run`` on local memory): the same retries, failures kept in memory for the dashboard.
- ``reader``: no background work; the reader whose request finds no current copy renders it, as
  before this module (the test settings, so a test sees its change on the next request).
"""

import itertools
import logging
import queue
import re
import threading
import time
import traceback
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from django.conf import settings
from django.db import connections
from django.utils.module_loading import import_string
from redis import Redis
from rq import Queue, Retry
from rq.job import Job
from rq.registry import FailedJobRegistry

logger = logging.getLogger(__name__)

RETRY_INTERVALS = (2, 10, 30)
FAILURE_KEPT_SECONDS = 7 * 24 * 60 * 60
JOB_TIMEOUT_SECONDS = 120
FAILURES_SHOWN = 10


@dataclass(frozen=True)
class Failure:
    """A job that failed after its last retry, as the dashboard shows it."""

    description: str
    failed_at: datetime
    error: str


@dataclass(frozen=True)
class Status:
    engine: str
    waiting: int
    failed: int
    failures: list


def background():
    """Whether renders run in the background (``rq`` or ``thread``), not on readers' requests."""
    return settings.PORTAL_RENDER_JOBS in ("rq", "thread")


def enqueue(function, *args, description="", later=False):
    """Run ``function`` (a dotted path) with ``args`` in the background, retried on failure;
    ``later`` jobs run only when no other job waits (the pages no reader has asked for yet)."""
    engine = settings.PORTAL_RENDER_JOBS
    if engine == "rq":
        rq_queue(later=later).enqueue(function, args=args, **_rq_options(function, description))
    elif engine == "thread":
        in_process().put(function, args, description or function, later=later)
    else:
        raise ValueError(f"PORTAL_RENDER_JOBS={engine!r} runs no background jobs")


def enqueue_at(moment, function, *args, key, description=""):
    """Run ``function`` with ``args`` at ``moment`` (an aware datetime), retried like any job;
    however often it is asked for, once per ``key`` (every web process and the worker may ask)."""
    engine = settings.PORTAL_RENDER_JOBS
    if engine == "rq":
        # One job id per key: scheduling it again rewrites the same job at the same time.
        job_id = re.sub(r"[^A-Za-z0-9_-]", "-", f"{queue_name()}-{key}")
        rq_queue().enqueue_at(
            moment, function, args=args, job_id=job_id, **_rq_options(function, description)
        )
    elif engine == "thread":
        in_process().put_at(moment, function, args, description or function, key)
    else:
        raise ValueError(f"PORTAL_RENDER_JOBS={engine!r} runs no background jobs")


def _rq_options(function, description):
    """What every RQ job of ours carries: its name for staff, its limits and its retries."""
    return {
        "description": description or function,
        "job_timeout": JOB_TIMEOUT_SECONDS,
        "result_ttl": 0,
        "failure_ttl": FAILURE_KEPT_SECONDS,
        "retry": Retry(max=len(RETRY_INTERVALS), interval=list(RETRY_INTERVALS)),
    }


def status():
    """What is waiting and what failed, for the staff dashboard."""
    engine = settings.PORTAL_RENDER_JOBS
    if engine == "rq":
        queues = rq_queues()
        registries = [FailedJobRegistry(queue=queue) for queue in queues]
        failures = []
        for registry in registries:
            ids = registry.get_job_ids(0, FAILURES_SHOWN - 1, desc=True)
            failures += [_failure(job) for job in Job.fetch_many(ids, connection=registry.connection) if job]
        failures.sort(key=lambda failure: failure.failed_at, reverse=True)
        waiting = sum(queue.count for queue in queues)
        return Status(
            engine, waiting, sum(registry.count for registry in registries), failures[:FAILURES_SHOWN]
        )
    if engine == "thread":
        worker = in_process()
        return Status(engine, worker.waiting(), worker.failed_count, list(worker.failures))
    return Status(engine, 0, 0, [])


def _failure(job):
    result = job.latest_result()
    lines = (result.exc_string if result else "").strip().splitlines()
    return Failure(
        job.description or job.func_name, job.ended_at or job.enqueued_at, lines[-1] if lines else ""
    )


def queue_name(later=False):
    # The rehearsal shares Redis with the real portal under its own key prefix: its own queues too.
    prefix = settings.CACHES["default"].get("KEY_PREFIX") or "portal"
    return f"{prefix}-pages-later" if later else f"{prefix}-pages"


def rq_queue(later=False):
    return Queue(queue_name(later), connection=redis_connection())


def rq_queues():
    """The queues a worker takes jobs from, the first before the second."""
    return [rq_queue(), rq_queue(later=True)]


@cache
def _connection(url):
    return Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=5)


def redis_connection():
    return _connection(settings.PORTAL_JOBS_REDIS_URL)


class InProcessWorker:
    """A worker thread in this process: jobs run one at a time, retried like RQ's."""

    def __init__(self, intervals=RETRY_INTERVALS):
        self.intervals = intervals
        self.jobs = queue.PriorityQueue()
        self._order = itertools.count()
        self.failures = deque(maxlen=FAILURES_SHOWN)
        self.failed_count = 0
        self._busy = 0
        self._lock = threading.Lock()
        self._thread = None
        self._timers = {}

    def put(self, function, args, description, later=False):
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="portal-render-jobs", daemon=True)
                self._thread.start()
        self.jobs.put((int(later), next(self._order), function, args, description))

    def put_at(self, moment, function, args, description, key):
        """Put the job at ``moment``, once per ``key`` while it waits."""
        with self._lock:
            if key in self._timers:
                return
            delay = max(0.0, (moment - datetime.now(UTC)).total_seconds())
            timer = threading.Timer(delay, self._due, (key, function, args, description))
            timer.daemon = True
            self._timers[key] = timer
        timer.start()

    def _due(self, key, function, args, description):
        with self._lock:
            self._timers.pop(key, None)
        self.put(function, args, description)

    def scheduled(self):
        """The keys of the jobs waiting for their moment."""
        with self._lock:
            return sorted(self._timers)

    def waiting(self):
        return self.jobs.qsize() + self._busy

    def _work(self):
        while True:
            _later, _order, function, args, description = self.jobs.get()
            self._busy = 1
            try:
                self.run(function, args, description)
            finally:
                # This thread's database connections, which no request cycle of its own closes.
                connections.close_all()
                self._busy = 0
                self.jobs.task_done()

    def run(self, function, args, description):
        for attempt in range(len(self.intervals) + 1):
            try:
                import_string(function)(*args)
                return
            except Exception as error:  # noqa: BLE001 - a failing job must not stop the worker
                logger.warning("Background job %s failed (attempt %d): %s", description, attempt + 1, error)
                if attempt < len(self.intervals):
                    time.sleep(self.intervals[attempt])
                else:
                    self.failed_count += 1
                    last = traceback.format_exception_only(error)[-1].strip()
                    self.failures.appendleft(Failure(description, datetime.now(UTC), last))

    def join(self):
        """Wait until every job put so far has run (tests, and a clean shutdown)."""
        self.jobs.join()


@cache
def in_process():
    return InProcessWorker()
