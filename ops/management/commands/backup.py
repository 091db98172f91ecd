"""python manage.py backup [--output PATH]: the database and uploaded files in one archive."""

from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops import backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup (all database rows, uploaded files, manifest with checksums signed "
        "with PORTAL_BACKUP_KEY) to "
        "PORTAL_BACKUP_DIR (var/backups) or --output. Restore it with `manage.py restore ARCHIVE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Archive path, e.g. /srv/backups/portal-2024-11-27T0800.tar.gz")

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            output = Path(settings.PORTAL_BACKUP_DIR) / f"portal-{stamp}.tar.gz"
        try:
            manifest = backup.create(output)
        except (backup.BackupError, OSError) as error:
            raise CommandError(f"Backup failed, nothing was written: {error}") from error
        rows = sum(manifest["counts"].values())
        files = len(manifest["files"]) - 1
        self.stdout.write(
            self.style.SUCCESS(f"Backup written to {output}: {rows} rows, {files} uploaded files.")
        )
