import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .announcements import Announcement

PDF_MAX_BYTES = 10 * 1024 * 1024


def attachment_path(instance, filename):
    """A random name: the uploader's file name never reaches the disk or a URL."""
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


def validate_pdf(file):
    """A real PDF up to 10 MB: checked by its first bytes, not by the name it was sent with."""
    if not file or getattr(file, "_committed", False):
        return
    if file.size > PDF_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is 10 MB."),
            code="too_large",
            params={"size": filesizeformat(file.size)},
        )
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    if head != b"%PDF-" or not file.name.lower().endswith(".pdf"):
        raise ValidationError(_("Only PDF files can be attached."), code="not_a_pdf")


class Attachment(models.Model):
    """A PDF that belongs to an announcement, e.g. the official circular it summarises."""

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("announcement")
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("What the document is, e.g. Surat Edaran netralitas ASN.")
    )
    file = models.FileField(
        _("PDF file"),
        upload_to=attachment_path,
        max_length=200,
        validators=[validate_pdf],
        help_text=_("PDF only, up to 10 MB."),
    )
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in the list, e.g. 1.")
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["announcement", "order", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("announcements:attachment", kwargs={"slug": self.announcement.slug, "pk": self.pk})

    def download_name(self):
        return f"{slugify(self.title)[:80] or 'lampiran'}.pdf"
