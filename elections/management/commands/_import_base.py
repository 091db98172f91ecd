"""Shared body of the import commands: the same reading, rules and report as the admin screen."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.spreadsheets import csv_bytes, xlsx_bytes
from elections.models import Election


class ImportCommand(BaseCommand):
    importer_class = None

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            type=Path,
            help="Spreadsheet to import: .xlsx, or CSV (comma, semicolon or tab) with a header row.",
        )
        parser.add_argument("--check", action="store_true", help="Only check and preview; import nothing.")
        parser.add_argument(
            "--confirm",
            metavar="REASON",
            default="",
            help="Reason for figures the rules ask you to confirm (e.g. a DPT far from its DPS).",
        )
        parser.add_argument("--user", help="Username recorded in the change history as the importer.")
        parser.add_argument(
            "--template",
            action="store_true",
            help="Write a template listing every kecamatan and kelurahan to FILE (.csv or .xlsx) instead.",
        )

    def handle(self, *args, file, check, confirm, user, template, **options):
        if template:
            return self.write_template(file)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        importer = self.importer_class(
            data,
            filename=file.name,
            user=self.importer_user(user),
            reason=_("Import from file: %(name)s") % {"name": file.name},
        )
        report = importer.preview() if check else importer.run(confirmation_reason=confirm)
        for problem in report.problems:
            self.stderr.write(self.describe(problem))
        if not report.ok:
            raise CommandError(report.summary())
        if report.needs_confirmation and not confirm:
            for finding in report.confirmations:
                self.stderr.write(self.describe(finding))
            raise CommandError(
                _(
                    "Nothing was imported: %(count)d figure(s) need confirmation; "
                    "run again with --confirm REASON."
                )
                % {"count": len(report.confirmations)}
            )
        for row in report.changed_rows if check else ():
            changes = "; ".join(
                f"{c.field}: {c.old} -> {c.new}" if c.old else f"{c.field}: {c.new}" for c in row.changes
            )
            self.stdout.write(
                f"{_('line %(line)d') % {'line': row.line}}: {row.action_label} {row.label} ({changes})"
            )
        prefix = _("Check only, nothing written: ") if check else ""
        self.stdout.write(self.style.SUCCESS(prefix + report.summary()))

    @staticmethod
    def describe(problem):
        where = _("line %(line)d") % {"line": problem.line} if problem.line else _("file")
        if problem.column:
            where += ", " + _("column %(column)s") % {"column": problem.column}
        text = f"{where}: {problem.message}"
        return f"{text} {problem.hint}" if problem.hint else text

    @staticmethod
    def importer_user(username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Unknown user '{username}'.")
        return user

    def write_template(self, file):
        election = Election.objects.featured()
        if election is None:
            raise CommandError("No election yet: load the data first (manage.py load_demo).")
        header, rows = self.importer_class.template(election)
        if file.suffix.lower() == ".xlsx":
            data = xlsx_bytes(header, rows, str(self.importer_class.model._meta.verbose_name_plural))
        elif file.suffix.lower() == ".csv":
            data = csv_bytes(header, rows)
        else:
            raise CommandError("The template's file name must end in .csv or .xlsx.")
        file.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Wrote {file} with {len(rows)} rows."))
