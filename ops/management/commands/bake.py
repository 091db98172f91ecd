from django.core.management.base import BaseCommand, CommandError

from ops import bake


class Command(BaseCommand):
    help = (
        "Write the whole public site to DIR as static files (the mirror nginx serves when the "
        "application or the database is down; see docs/deployment.md). DIR is emptied first."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR")
        parser.add_argument(
            "--base-url",
            default="",
            help="The public address pages name in their links, e.g. https://pilkada.balikpapan.go.id "
            "(default: PORTAL_BASE_URL).",
        )

    def handle(self, folder, base_url, **options):
        if folder in ("", "/"):
            raise CommandError("Give the mirror its own folder, e.g. var/mirror.")
        try:
            report = bake.bake(folder, base_url)
        except bake.NotAMirror as error:
            raise CommandError(
                f"{error} holds files no bake wrote (no {bake.MARKER}): give the mirror its own folder, "
                "e.g. var/mirror, or empty this one first."
            ) from error
        if not report.pages:
            raise CommandError("Nothing was written: is the site answering? See the skipped addresses.")
        self.stdout.write(
            f"Baked {report.pages} answers ({report.bytes / 1e6:.1f} MB) and {len(report.redirects)} "
            f"redirects into {folder}; {len(report.skipped)} addresses left out."
        )
        if options["verbosity"] > 1:
            for address, why in sorted(report.skipped.items()):
                self.stdout.write(f"  left out {address}: {why}")
