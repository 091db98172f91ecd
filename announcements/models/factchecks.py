from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.sharecards import Card

from .revisions import Revisable

WEB = ("https://", "http://")


class Verdict(models.TextChoices):
    """The ratings Indonesian fact-checkers use (cekfakta.com, Komdigi's [HOAKS] label), kept to four.

    ``rating`` places each on schema.org ClaimReview's 1 (false) to 4 (true) scale.
    """

    HOAX = "hoaks", _("Hoax")
    MISLEADING = "menyesatkan", _("Misleading")
    MISSING_CONTEXT = "kurang-konteks", _("Missing context")
    TRUE = "benar", _("True")

    @property
    def rating(self):
        return {"hoaks": 1, "menyesatkan": 2, "kurang-konteks": 3, "benar": 4}[self.value]


def evidence_lines(text):
    """Evidence typed one per line as ``description | https://…`` or a bare link: (label, url) pairs."""
    links = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        label, _bar, url = line.rpartition("|")
        links.append((label.strip() or url.strip(), url.strip()))
    return links


def validate_evidence(text):
    check = URLValidator(schemes=["http", "https"])
    for number, (_label, url) in enumerate(evidence_lines(text), start=1):
        try:
            check(url)
        except ValidationError as error:
            raise ValidationError(
                _("Line %(number)d is not a web link starting with https:// or http://."),
                code="bad_link",
                params={"number": number},
            ) from error


class FactCheck(Revisable):
    """A Cek Fakta record: a claim circulating among voters, the verdict and why."""

    CORRECTED_FIELDS = (
        "title",
        "claim",
        "verdict",
        "explanation",
        "evidence",
        "claim_seen_on",
        "claim_channel",
    )
    MARKDOWN_FIELDS = (("explanation", "explanation_html"),)

    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("A plain headline, e.g. Mencoblos lewat WhatsApp? Itu hoaks."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Stable part of the link, the same in both languages, e.g. mencoblos-lewat-whatsapp."),
    )
    claim = models.TextField(
        _("claim"),
        help_text=_(
            "The claim as it circulates, quoted or closely paraphrased, e.g. Voters can vote by WhatsApp."
        ),
    )
    claim_channel = models.CharField(
        _("where it circulates"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Chain message in WhatsApp groups."),
    )
    claim_seen_on = models.DateField(
        _("claim seen on"),
        null=True,
        blank=True,
        help_text=_("When staff first saw the claim, e.g. 01-11-2024."),
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict)
    explanation = models.TextField(
        _("explanation"),
        help_text=_("Markdown: what is right, what is wrong and how we know. HTML is removed."),
    )
    explanation_html = models.TextField(_("explanation as HTML"), blank=True, editable=False)
    evidence = models.TextField(
        _("evidence links"),
        blank=True,
        validators=[validate_evidence],
        help_text=_("One per line, e.g. KPU RI | https://www.kpu.go.id/ (a bare link works too)."),
    )

    class Meta(Revisable.Meta):
        verbose_name = _("fact check")
        verbose_name_plural = _("fact checks")
        permissions = [("publish_factcheck", _("Can publish, schedule and unpublish fact checks"))]
        constraints = [
            *Revisable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="%(app_label)s_%(class)s_verdict_valid"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("announcements:factcheck-detail", kwargs={"slug": self.slug})

    def get_history_url(self):
        return reverse("announcements:factcheck-history", kwargs={"slug": self.slug})

    def share_card(self):
        """The link preview of the fact check's page (core.sharecards)."""
        return Card(
            label=gettext("Fact check"),
            badge=self.get_verdict_display().upper(),
            title=self.title,
            alt=gettext("Fact check: %(title)s") % {"title": self.title},
        )

    def get_share_image_url(self):
        return reverse("og-factcheck", args=[self.slug])

    @property
    def verdict_choice(self):
        return Verdict(self.verdict)

    @property
    def evidence_links(self):
        """Only web links reach the page, even if a row skipped validation."""
        return [(label, url) for label, url in evidence_lines(self.evidence) if url.startswith(WEB)]
