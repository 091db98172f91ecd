"""Fill the rehearsal copy (`make rehearse`): the demo data plus the fictional full city."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from elections import training


class Command(BaseCommand):
    help = (
        "Fill the rehearsal database with the demo data and the training city (every kelurahan's "
        "DPS and DPT and every TPS, all made up). Only under portal.settings.rehearsal. A database "
        "already filled is left as it is, so what staff practised survives a restart."
    )

    def handle(self, *args, **options):
        if not settings.PORTAL_TRAINING:
            raise CommandError(
                "Refusing to load made-up figures into a portal that does not mark them as training "
                "data. Use DJANGO_SETTINGS_MODULE=portal.settings.rehearsal (make rehearse)."
            )
        if training.loaded():
            self.stdout.write(
                "The rehearsal database already holds the training city; nothing changed. To start "
                "over, remove the rehearsal database and start again (README, 'Rehearsal')."
            )
            return
        with translation.override("id"), transaction.atomic():
            call_command("load_demo", stdout=self.stdout)
            training.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Rehearsal data loaded: training data, not official figures."))
