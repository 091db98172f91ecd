"""Load the Balikpapan 2024 demo data from the project's own data files, idempotently."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

# Each app that owns demo data has a ``demo.load(stdout)`` function; order follows dependencies.
DEMO_MODULES = []


class Command(BaseCommand):
    help = "Load (or refresh) the real Pilkada 2024 Balikpapan figures used as demo data."

    def handle(self, *args, **options):
        with translation.override("id"), transaction.atomic():
            for module_name in DEMO_MODULES:
                import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is up to date."))
