from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_MESSAGE_LENGTH = 2000


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Report.Status.OPEN)


class Report(models.Model):
    """A reader's report of an error on a public page ("Laporkan kesalahan"), handled by staff."""

    class Status(models.TextChoices):
        """A report stays open until staff answer it (the fix or a reply) or close it."""

        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    page = models.CharField(
        _("page"),
        max_length=300,
        help_text=_("The portal page the reader reported from, e.g. /id/calon/walikota-balikpapan/1/."),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    message = models.TextField(
        _("what is wrong"),
        max_length=MAX_MESSAGE_LENGTH,
        help_text=_("The reader's own words, e.g. The TPS address for RT 004 is wrong."),
    )
    contact = models.CharField(
        _("contact for a reply"),
        max_length=200,
        blank=True,
        help_text=_("Optional email or phone number the reader left for an answer."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    answer = models.TextField(
        _("answer or note"),
        blank=True,
        help_text=_("What staff did or replied, e.g. Address corrected from the PPS list of 20 November."),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="answered") | ~models.Q(answer=""),
                name="%(app_label)s_%(class)s_answered_has_answer",
                violation_error_message=_("Write the answer before marking the report answered."),
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="report_status_received")]

    def __str__(self):
        return f"{self.page} · {self.created_at:%Y-%m-%d %H:%M}" if self.created_at else self.page

    def clean(self):
        if self.status == self.Status.ANSWERED and not self.answer.strip():
            raise ValidationError({"answer": _("Write the answer before marking the report answered.")})
