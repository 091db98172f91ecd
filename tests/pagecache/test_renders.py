"""Background renders: after a change readers get the previous copy while one worker renders the
page again, once across all servers, and the pages most read are rendered right after a change."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from rq import SimpleWorker

from announcements.models import Announcement, Status
from elections.models import Election
from pagecache import jobs, renders
from pagecache import store as page_cache
from tests.support.pages import load_demo
from tests.support.renders import empty_queues, work_off_queue

READERS = 50
NEW_NAME = "Pilkada Uji Render Latar"


def rename_election(name=NEW_NAME):
    election = Election.objects.featured()
    election.name_ind = name
    election.save()


def readers_at_once(client_class, path, count=READERS):
    def read(_):
        return client_class().get(path)

    with ThreadPoolExecutor(max_workers=16) as pool:
        return list(pool.map(read, range(count)))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_a_change_fifty_readers_get_the_previous_copy_and_the_page_renders_once(rq_renders, client):
    load_demo()
    empty_queues()  # the refresh the demo's import asked for is not under test here
    first = client.get("/id/")
    assert first.status_code == 200
    assert renders.renders() == {"reader": 1, "background": 0}
    # A new version alone, so no refresh after the change renders the page first.
    Election.objects.filter(pk=Election.objects.featured().pk).update(name_ind=NEW_NAME)
    page_cache.bump_content_version()

    answers = readers_at_once(type(client), "/id/")

    assert {answer.status_code for answer in answers} == {200}
    assert all(answer.content == first.content for answer in answers)
    assert renders.renders() == {"reader": 1, "background": 0}  # no reader rendered
    assert jobs.rq_queue().count == 1  # one render asked for, not fifty
    work_off_queue()
    assert renders.renders() == {"reader": 1, "background": 1}
    fresh = client.get("/id/")
    assert NEW_NAME in fresh.content.decode()
    assert renders.renders() == {"reader": 1, "background": 1}
    connections.close_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_readers_of_a_page_with_no_copy_at_all_cause_one_render(rq_renders, client):
    load_demo()

    answers = readers_at_once(type(client), "/id/jadwal/")

    assert {answer.status_code for answer in answers} == {200}
    assert len({answer.content for answer in answers}) == 1
    assert renders.renders() == {"reader": 1, "background": 0}
    connections.close_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_change_renders_the_main_pages_before_anyone_asks(rq_renders, client):
    load_demo()
    for path in ("/id/", "/en/", "/id/jadwal/"):
        client.get(path)
    readers_before = renders.renders()["reader"]

    rename_election()  # committed at once: no surrounding transaction here
    work_off_queue()

    home = client.get("/id/")
    assert NEW_NAME in home.content.decode()
    assert client.get("/id/jadwal/").status_code == 200
    counts = renders.renders()
    assert counts["reader"] == readers_before  # the readers after the change rendered nothing
    # Every page of the sitemap in both languages, plus the sitemap itself.
    assert counts["background"] > 150
    connections.close_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_process_worker_renders_the_page_after_a_change_without_redis(settings, client):
    load_demo()  # before the worker thread starts: SQLite in memory cannot write while it reads
    settings.PORTAL_RENDER_JOBS = "thread"
    client.get("/id/")
    jobs.in_process().join()  # the web process's first job: waiting for the clock's next change
    rename_election()
    jobs.in_process().join()  # the refresh after the change

    page = client.get("/id/")

    assert NEW_NAME in page.content.decode()
    assert renders.renders()["reader"] == 1
    assert renders.renders()["background"] > 150
    assert any(key.startswith("clock-") for key in jobs.in_process().scheduled())  # midnight, at least
    connections.close_all()


def test_a_render_that_keeps_failing_is_retried_then_listed_for_staff(rq_renders, monkeypatch, db):
    monkeypatch.setattr(jobs, "RETRY_INTERVALS", (0, 0, 0))
    attempts = []

    def broken(address, language):
        attempts.append(address)
        raise RuntimeError(f"{address} answered 500 Internal Server Error")

    monkeypatch.setattr(renders, "render", broken)
    renders.schedule(page_cache.content_version(), "id", "http://testserver/id/jadwal/")

    work_off_queue()

    assert len(attempts) == 4  # the first try and three retries
    status = jobs.status()
    assert (status.waiting, status.failed) == (0, 1)
    assert status.failures[0].description == "http://testserver/id/jadwal/ (id)"
    assert "answered 500" in status.failures[0].error


def test_the_worker_command_says_when_renders_run_inside_the_web_processes(settings, capsys):
    settings.PORTAL_RENDER_JOBS = "thread"
    call_command("render_worker")
    assert "no worker to start" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_command_runs_what_is_waiting(rq_renders):
    load_demo()
    empty_queues()  # the refresh the demo's import asked for is not under test here
    renders.schedule(page_cache.content_version(), "en", "http://testserver/en/jadwal/")

    call_command("render_worker", "--burst")

    assert jobs.status().waiting == 0
    assert renders.renders()["background"] == 1
    connections.close_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_withdrawn_page_is_not_served_from_its_previous_copy_once_rendered(rq_renders, client):
    load_demo()
    announcement = Announcement.objects.published().first()
    path = announcement.get_absolute_url()
    assert client.get(path).status_code == 200
    Announcement.objects.filter(pk=announcement.pk).update(status=Status.DRAFT)
    page_cache.bump_content_version()
    empty_queues()

    assert client.get(path).status_code == 200  # the previous copy, while the page renders
    work_off_queue()

    assert client.get(path).status_code == 404
    connections.close_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_a_reader_asked_for_renders_before_the_rest_of_the_sitemap(rq_renders, client):
    load_demo()
    empty_queues()
    client.get("/id/pengumuman/")
    rename_election()  # committed: a new version and a refresh
    client.get("/id/pengumuman/")  # its previous copy; its render is asked for

    queues = jobs.rq_queues()
    SimpleWorker(queues, connection=queues[0].connection).work(burst=True, max_jobs=2, with_scheduler=False)

    version = page_cache.content_version()
    assert cache.get(renders.page_key(version, "id", "http://testserver/id/pengumuman/")) is not None
    assert cache.get(renders.page_key(version, "id", "http://testserver/id/")) is not None  # a main page
    assert jobs.rq_queue(later=True).count == 1  # the rest of the sitemap, batch by batch
    work_off_queue()
    assert renders.renders()["background"] > 150
    connections.close_all()
