"""Load the Balikpapan 2024 demo data from the project's own data files, idempotently."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import import_string

# Each step takes the command's stdout; the order follows the foreign keys (results need pairs).
DEMO_STEPS = [
    "elections.demo.load",
    "candidates.demo.load",
    "candidates.demo.load_results",
    "announcements.demo.load",
    "guide.demo.load",
]


class Command(BaseCommand):
    help = "Load (or refresh) the real Pilkada 2024 Balikpapan figures used as demo data."

    def handle(self, *args, **options):
        with translation.override("id"), transaction.atomic():
            for step in DEMO_STEPS:
                import_string(step)(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is up to date."))
