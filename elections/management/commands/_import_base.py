"""Shared body of the CSV import commands: same rules and report as the admin import screen."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class ImportCommand(BaseCommand):
    importer_class = None

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="UTF-8 CSV file with a header row (columns: see README).")
        parser.add_argument("--check", action="store_true", help="Only check the file; import nothing.")
        parser.add_argument("--user", help="Username recorded in the change history as the importer.")

    def handle(self, *args, file, check, user, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        importer_user = None
        if user:
            importer_user = get_user_model().objects.filter(username=user).first()
            if importer_user is None:
                raise CommandError(f"Unknown user '{user}'.")
        report = self.importer_class(data, user=importer_user, reason=f"CSV import: {file.name}").run(
            dry_run=check
        )
        for line, message in report.errors:
            where = _("line %(line)d") % {"line": line} if line else _("file")
            self.stderr.write(f"{where}: {message}")
        if not report.ok:
            raise CommandError(report.summary())
        prefix = _("Check only, nothing written: ") if check else ""
        self.stdout.write(self.style.SUCCESS(prefix + report.summary()))
