"""Changes the clock brings rather than a save: a scheduled announcement's or fact check's
publication time, and the turn of the day in WITA (which moves each stage's state, the home
page's banner and the countdown). At each such moment the background worker starts a new content
version and renders the pages, exactly as after a save (``pagecache.renders.tick``), so the cache
and the static mirror change at that moment, not when a reader next asks after max-age.

Apps say when their pages change by themselves (``register``, in their AppConfig.ready); one job
waits for the earliest such moment, and every refresh (after a save, or after that job) schedules
the next. A frozen clock (``PORTAL_CLOCK``, the rehearsal) schedules nothing: its time does not
pass.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from pagecache import jobs

TICK = "pagecache.renders.tick"
# A timer may wake a hair before the wall clock reaches the moment; the pages must see it passed.
MARGIN = timedelta(seconds=1)
_sources = []
_started = set()


def register(source):
    """Add ``source(after)``: the next moment after ``after`` at which some of the app's public
    pages change by themselves, or None when nothing is scheduled."""
    _sources.append(source)


def next_day(after):
    """The next midnight in WITA (the portal's time zone), when each day's pages turn."""
    zone = timezone.get_default_timezone()
    return datetime.combine(timezone.localtime(after, zone).date() + timedelta(days=1), time(), tzinfo=zone)


def next_change(after):
    """The earliest moment after ``after`` at which a public page changes with no one saving."""
    moments = (source(after) for source in _sources)
    return min([next_day(after), *(moment for moment in moments if moment is not None)])


def schedule_next(after=None):
    """Have the worker render the pages at the next change; the moment, or None (renders on
    readers' requests, or a frozen clock)."""
    if not jobs.background() or settings.PORTAL_CLOCK:
        return None
    moment = next_change(after or timezone.now())
    at = moment + MARGIN
    wita = timezone.localtime(moment, timezone.get_default_timezone())
    jobs.enqueue_at(
        at,
        TICK,
        key=f"clock-{int(moment.timestamp())}",
        description=f"pages changing by the clock at {wita:%Y-%m-%d %H:%M} WITA",
    )
    return moment


def start():
    """Once per process and queue that runs jobs: schedule the first change. Through a job, so a
    database or a Redis that does not answer yet is retried like any render."""
    engine = settings.PORTAL_RENDER_JOBS
    where = jobs.queue_name() if engine == "rq" else engine
    if not jobs.background() or settings.PORTAL_CLOCK or where in _started:
        return
    _started.add(where)
    jobs.enqueue("pagecache.timed.schedule_next", description="schedule the clock's next change")
