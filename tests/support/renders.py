"""Background renders on RQ in tests: the test's own queues on the test Redis, worked off here."""

from django.core.cache import cache
from rq import SimpleWorker

from pagecache import jobs, renders


def empty_queues():
    for pages in jobs.rq_queues():
        pages.empty()
    cache.delete(renders.REFRESH_PENDING_KEY)


def forget_jobs():
    """Empty the queues and drop failed and scheduled jobs."""
    empty_queues()
    for pages in jobs.rq_queues():
        for registry in (pages.failed_job_registry, pages.scheduled_job_registry):
            for job_id in registry.get_job_ids():
                registry.remove(job_id, delete_job=True)


def work_off_queue(with_scheduler=False):
    """What ``manage.py render_worker`` does, until the queue is empty; ``with_scheduler`` first
    moves the scheduled jobs whose time has come into the queue, as its scheduler does."""
    queues = jobs.rq_queues()
    SimpleWorker(queues, connection=queues[0].connection).work(burst=True, with_scheduler=with_scheduler)
