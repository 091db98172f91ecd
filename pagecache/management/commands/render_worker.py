import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from redis.exceptions import ConnectionError as RedisConnectionError
from rq import SimpleWorker

from pagecache import jobs, timed


class Command(BaseCommand):
    help = (
        "Render public pages in the background after each change (RQ on Redis; see "
        "docs/deployment.md). make run, make serve and the systemd unit start it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--burst", action="store_true", help="Stop once the queue is empty.")

    def handle(self, burst, **options):
        if settings.PORTAL_RENDER_JOBS != "rq":
            self.stdout.write(
                f"PORTAL_RENDER_JOBS={settings.PORTAL_RENDER_JOBS}: pages render inside the web "
                "processes, no worker to start."
            )
            return
        queues = jobs.rq_queues()
        try:
            queues[0].connection.ping()
        except RedisConnectionError as error:
            raise CommandError(f"Redis at PORTAL_JOBS_REDIS_URL does not answer: {error}") from error
        # Renders are short requests through the application: run them in this process, with its
        # database connections, rather than in a forked child per job.
        worker = SimpleWorker(queues, connection=queues[0].connection)
        # Pages that change by the clock (a scheduled publication, the day's turn) are rendered
        # at that moment: the first such job waits in RQ's scheduler from now on.
        timed.start()
        self.stdout.write(f"Rendering pages from the {' and '.join(queue.name for queue in queues)} queues")
        level = logging.INFO if options["verbosity"] > 1 else logging.WARNING
        worker.work(burst=burst, with_scheduler=True, logging_level=logging.getLevelName(level))
