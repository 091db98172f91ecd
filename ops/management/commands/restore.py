"""python manage.py restore ARCHIVE [--force] [--check]: bring back a backup made by `backup`."""

from django.core.management.base import BaseCommand, CommandError

from ops import backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into this installation, which must be migrated and empty "
        "(--force replaces all its data and uploaded files). The signature (PORTAL_BACKUP_KEY) and "
        "every checksum are verified first; --check only verifies the archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="Replace the data already in this database.")
        parser.add_argument("--check", action="store_true", help="Only verify the archive; change nothing.")

    def handle(self, *args, archive, force, check, **options):
        try:
            manifest = backup.restore(archive, force=force, check_only=check)
        except backup.BackupError as error:
            raise CommandError(f"{error}") from error
        rows = sum(manifest["counts"].values())
        files = len(manifest["files"]) - 1
        verb = "verified (signature and checksums)" if check else "restored"
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup of {manifest['created']} {verb}: {rows} rows, {files} uploaded files."
            )
        )
