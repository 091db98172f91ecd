"""Fill a scratch database with fictional data, many times the demo, for `make bench`."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import translation

from ops import loadgen


class Command(BaseCommand):
    help = (
        "Add clearly fictional kecamatan, kelurahan, TPS, voter counts, contests, pairs with "
        "programmes, results, announcements and fact checks, so the database holds about "
        "FACTOR times the demo data. For benchmark databases only: run load_demo first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, default=10, help="Times the demo data (default 10).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the database name does not contain 'bench'.",
        )

    def handle(self, *args, factor, force, **options):
        name = str(connection.settings_dict["NAME"])
        if "bench" not in name and not force:
            raise CommandError(
                f"Refusing to add fictional data to the database '{name}': its name does not contain "
                "'bench'. Use a scratch database (make bench creates one) or pass --force."
            )
        try:
            with translation.override("id"):
                counts = loadgen.generate(factor)
        except (ValueError, LookupError, loadgen.AlreadyGenerated) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Fictional load data added: {counts.summary()}."))
