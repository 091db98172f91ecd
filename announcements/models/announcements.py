from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.images import PhotoField
from core.renditions import Picture, RenditionsField
from core.sharecards import Card

from .publishing import PublishableQuerySet
from .revisions import Revisable


class Category(models.TextChoices):
    """The kinds of notice the city publishes during the Pilkada (DESIGN.md, issue 5).

    The values appear in links (``?kategori=politik-uang``), so they are Indonesian and stable.
    """

    GENERAL = "umum", _("General")
    SCHEDULE = "jadwal", _("Schedule")
    HOAX_CLARIFICATION = "klarifikasi-hoaks", _("Hoax clarification")
    MONEY_POLITICS = "politik-uang", _("Money politics")
    NEUTRALITY = "netralitas-asn", _("Civil-servant (ASN) neutrality")
    HEALTH_PROTOCOL = "protokol-kesehatan", _("Health protocol")
    ACCESSIBILITY = "aksesibilitas", _("Accessibility")


class AnnouncementQuerySet(PublishableQuerySet):
    def for_listing(self, at=None):
        """Published announcements for lists and feeds: pinned first, newest first."""
        return self.published(at).order_by("-pinned", "-publish_at", "-pk")


class Announcement(Revisable):
    """An official notice of the city government about the election."""

    CORRECTED_FIELDS = ("title", "summary", "body", "category", "cover", "cover_alt", "source")
    MARKDOWN_FIELDS = (("body", "body_html"),)

    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("A plain headline, e.g. Hari pemungutan suara: 27 November 2024."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Stable part of the link, the same in both languages, e.g. hari-pemungutan-suara."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences for lists, feeds and shared links, e.g. TPS open from 07:00 WITA."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Markdown: **bold**, *italic*, lists with -, links as [text](https://…), ## for headings. "
            "HTML is removed."
        ),
    )
    body_html = models.TextField(_("body as HTML"), blank=True, editable=False)
    category = models.CharField(_("category"), max_length=20, choices=Category, default=Category.GENERAL)
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned announcements are listed first, e.g. the voting day.")
    )
    election = models.ForeignKey(
        "elections.Election",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="announcements",
        verbose_name=_("election"),
        help_text=_("Optional: the election it is about, e.g. Pilkada Serentak 2024."),
    )
    stage = models.ForeignKey(
        "elections.Stage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="announcements",
        verbose_name=_("stage"),
        help_text=_("Optional: the stage of the schedule it is about, e.g. the campaign period."),
    )
    cover = PhotoField(
        _("cover photo"),
        upload_to="announcements/%Y/%m/",
        blank=True,
        help_text=_("Optional; JPEG, PNG or WebP up to 5 MB."),
    )
    cover_renditions = RenditionsField(source="cover")
    cover_alt = models.CharField(
        _("cover description"),
        max_length=200,
        blank=True,
        help_text=_(
            "Required with a photo: what it shows for readers who cannot see it, "
            "e.g. Staff opening the ASN neutrality session."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_(
            "Who says so and where it was first published, e.g. ANTARA Kalimantan Timur, 2024-10-09."
        ),
    )

    objects = AnnouncementQuerySet.as_manager()

    class Meta(Revisable.Meta):
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        permissions = [("publish_announcement", _("Can publish, schedule and unpublish announcements"))]
        constraints = [
            *Revisable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="%(app_label)s_%(class)s_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(cover="") | (Q(cover_alt_ind__isnull=False) & ~Q(cover_alt_ind="")),
                name="%(app_label)s_%(class)s_cover_has_alt",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("announcements:detail", kwargs={"slug": self.slug})

    def get_history_url(self):
        return reverse("announcements:history", kwargs={"slug": self.slug})

    def share_card(self):
        """The link preview of the announcement's page (core.sharecards)."""
        published = date_format(localtime(self.publish_at), "DATE_FORMAT") if self.publish_at else ""
        return Card(
            label=gettext("Announcement · %(category)s") % {"category": self.get_category_display()},
            title=self.title,
            subtitle=published,
            alt=self.title,
        )

    def get_share_image_url(self):
        return reverse("og-announcement", args=[self.slug])

    @property
    def category_choice(self):
        return Category(self.category)

    @property
    def picture(self):
        return Picture(self.cover_renditions, fallback_width=640)

    def clean(self):
        if self.cover and not (self.cover_alt_ind or "").strip():
            raise ValidationError({"cover_alt_ind": _("Describe the photo for readers who cannot see it.")})
        if self.stage_id and self.election_id and self.stage.election_id != self.election_id:
            raise ValidationError({"stage": _("This stage belongs to another election.")})
