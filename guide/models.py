from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.markup import render_markdown


class Section(models.Model):
    """One part of the "How to vote" guide, written by staff and citing the rule it explains."""

    slug = models.SlugField(
        _("slug"), max_length=60, unique=True, help_text=_("Anchor in the page link, e.g. yang-dibawa.")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position on the page, e.g. 1.")
    )
    title = models.CharField(_("title"), max_length=150, help_text=_("e.g. What to bring to the TPS."))
    body = models.TextField(
        _("text"), help_text=_("Markdown: paragraphs, lists, **bold** and links; other HTML is removed.")
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("The rule or notice this section explains, e.g. PKPU 17/2024."),
    )
    source_url = models.URLField(_("source link"), blank=True, help_text=_("Link to the rule, if public."))
    voting_day = models.BooleanField(
        _("show on voting day"),
        default=False,
        help_text=_("Tick for the sections the home page links to on voting day (what to bring, hours)."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("guide section")
        verbose_name_plural = _("guide sections")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("guide:how-to-vote") + f"#{self.slug}"

    @property
    def body_html(self):
        return render_markdown(self.body)


class Term(models.Model):
    """A word of election vocabulary (DPT, TPS, masa tenang, ...) explained in plain language."""

    term = models.CharField(
        _("term"), max_length=60, unique=True, help_text=_("As voters meet it, e.g. DPT or Masa tenang.")
    )
    slug = models.SlugField(
        _("slug"), max_length=60, unique=True, help_text=_("Anchor in the link, e.g. dpt.")
    )
    expansion = models.CharField(
        _("stands for"),
        max_length=150,
        blank=True,
        help_text=_("The full form of an abbreviation, e.g. Daftar Pemilih Tetap."),
    )
    definition = models.TextField(_("meaning"), help_text=_("One or two plain sentences."))

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def get_absolute_url(self):
        return reverse("guide:glossary") + f"#{self.slug}"
