"""Pages that change by the clock (pagecache.timed): a scheduled publication and the turn of the
day are rendered at their moment by the worker, as after a save, with no reader asking first."""

import threading
import time
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connections
from django.utils import timezone

from announcements.models import Announcement, Category, FactCheck, Status
from pagecache import jobs, renders, timed
from tests.support.pages import load_demo
from tests.support.renders import forget_jobs, work_off_queue

SCHEDULED_TITLE = "Uji pengumuman terjadwal"
calls = []


def at(moment):
    return datetime.fromisoformat(moment)


def scheduled_jobs():
    registry = jobs.rq_queue().scheduled_job_registry
    return [(registry.get_scheduled_time(job_id), job_id) for job_id in registry.get_job_ids()]


def scheduled_announcement(publish_at, **fields):
    return Announcement.objects.create(
        slug="uji-pengumuman-terjadwal",
        title_ind=SCHEDULED_TITLE,
        title_en="A scheduled test announcement",
        summary_ind="Ringkasan.",
        summary_en="Summary.",
        body_ind="Isi.",
        body_en="Body.",
        category=Category.GENERAL,
        status=Status.PUBLISHED,
        publish_at=publish_at,
        **fields,
    )


def remember(*args):
    calls.append(args)


def test_the_next_change_is_the_next_scheduled_publication_or_the_turn_of_the_day(demo):
    # The demo publishes "Tolak politik uang" at 14:00 WITA on 11 October 2024, the next
    # announcement at 09:00 the day after, and a fact check at 09:00 on 11 December 2024.
    assert timed.next_change(at("2024-10-11T10:00+08:00")) == at("2024-10-11T14:00+08:00")
    assert timed.next_change(at("2024-10-11T15:00+08:00")) == at("2024-10-12T00:00+08:00")
    assert timed.next_change(at("2024-12-11T00:30+08:00")) == at("2024-12-11T09:00+08:00")
    assert FactCheck.objects.scheduled(at("2024-12-11T00:30+08:00")).count() == 1

    Announcement.objects.filter(publish_at=at("2024-10-11T14:00+08:00")).update(status=Status.DRAFT)

    # A draft is not scheduled: nothing changes before midnight.
    assert timed.next_change(at("2024-10-11T10:00+08:00")) == at("2024-10-12T00:00+08:00")


def test_the_worker_keeps_one_job_waiting_for_the_next_change(rq_renders, db):
    now = timezone.now()
    publish_at = (now + timedelta(minutes=10)).replace(microsecond=0)
    scheduled_announcement(publish_at)
    expected = min(publish_at, timed.next_day(now))

    first = timed.schedule_next(now)
    again = timed.schedule_next(now)

    assert first == again == expected
    ((when, job_id),) = scheduled_jobs()  # one job, however often it is asked for
    assert when == expected + timed.MARGIN
    assert jobs.rq_queue().fetch_job(job_id).func_name == timed.TICK


def test_a_frozen_clock_and_renders_on_readers_requests_schedule_nothing(rq_renders, db, settings):
    settings.PORTAL_CLOCK = "2024-11-27T08:00+08:00"
    assert timed.schedule_next() is None
    settings.PORTAL_CLOCK = ""
    settings.PORTAL_RENDER_JOBS = "reader"
    assert timed.schedule_next() is None
    settings.PORTAL_RENDER_JOBS = "rq"
    assert scheduled_jobs() == []


def test_the_worker_command_schedules_the_clocks_next_change(rq_renders, db):
    call_command("render_worker", "--burst")

    ((when, _job_id),) = scheduled_jobs()
    assert when == timed.next_change(timezone.now()) + timed.MARGIN


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_at_a_scheduled_publication_the_pages_change_with_no_reader_rendering(rq_renders, client):
    load_demo()
    publish_at = timezone.now() + timedelta(seconds=2)
    scheduled_announcement(publish_at)
    forget_jobs()  # the refresh the saves asked for is not under test here
    before = client.get("/id/pengumuman/")
    assert SCHEDULED_TITLE not in before.content.decode()
    timed.schedule_next()

    time.sleep(max(0.0, (publish_at + timed.MARGIN - timezone.now()).total_seconds()) + 0.5)
    readers = renders.renders()["reader"]
    work_off_queue(with_scheduler=True)  # the scheduler hands over the job whose time came

    after = client.get("/id/pengumuman/")
    assert SCHEDULED_TITLE in after.content.decode()
    assert SCHEDULED_TITLE in client.get("/id/").content.decode()  # the home page's latest
    assert renders.renders()["reader"] == readers  # rendered by the worker, not for the reader
    ((when, _job_id),) = scheduled_jobs()  # and the next change is waited for
    assert when > publish_at + timed.MARGIN
    connections.close_all()


def test_the_in_process_worker_runs_a_job_at_its_moment_once_per_key():
    worker = jobs.InProcessWorker()
    calls.clear()
    moment = datetime.now(tz=timezone.get_default_timezone()) + timedelta(seconds=0.3)
    function = f"{__name__}.remember"

    worker.put_at(moment, function, ("tick",), "test", key="clock-1")
    worker.put_at(moment, function, ("tick",), "test", key="clock-1")
    assert worker.scheduled() == ["clock-1"]
    assert calls == []  # not before its moment

    deadline = time.monotonic() + 5
    while (worker.scheduled() or worker.waiting()) and time.monotonic() < deadline:
        threading.Event().wait(0.05)
    worker.join()

    assert calls == [("tick",)]
    assert worker.scheduled() == []
