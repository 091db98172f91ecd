import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Long enough to read a preview of 1,000 TPS and ask a colleague; short enough that a forgotten
# upload does not sit in the database.
PREVIEW_LIFETIME = timedelta(hours=2)


class PendingImportQuerySet(models.QuerySet):
    def expired(self, at=None):
        return self.filter(created_at__lt=(at or timezone.now()) - PREVIEW_LIFETIME)

    def waiting_for(self, user, kind, at=None):
        """The previews ``user`` may still confirm for ``kind`` (others' and old ones are not theirs)."""
        return self.filter(user=user, kind=kind, created_at__gte=(at or timezone.now()) - PREVIEW_LIFETIME)


class PendingImport(models.Model):
    """An uploaded spreadsheet between its preview and the staff member's confirmation.

    The file is kept as uploaded, so what is imported on confirmation is exactly what was
    previewed; the digest of the preview refuses a confirmation when the plan has changed since.
    """

    class Kind(models.TextChoices):
        """The spreadsheets staff can import (see elections.importers)."""

        VOTER_COUNTS = "voter_counts", _("voter counts")
        POLLING_STATIONS = "polling_stations", _("TPS")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, help_text=_("What the file holds."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="pending_imports",
        verbose_name=_("uploaded by"),
    )
    filename = models.CharField(
        _("file name"), max_length=200, help_text=_("As uploaded, e.g. dpt-kelurahan.xlsx.")
    )
    data = models.BinaryField(_("file"), help_text=_("The file's bytes as uploaded."))
    digest = models.CharField(
        _("preview digest"), max_length=64, help_text=_("Fingerprint of the file and of the previewed plan.")
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("import waiting for confirmation")
        verbose_name_plural = _("imports waiting for confirmation")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_kind_display()})"
