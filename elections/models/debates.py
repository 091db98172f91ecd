from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DateBasis(models.TextChoices):
    """Where a report's date comes from, as recorded when the sources were compiled
    (data/pilkada-balikpapan-2024/README.md): some stored copies show no publication date.
    """

    LINK = "link", _("date taken from the article's link")
    PAGE = "page", _("date shown on the article")
    EVENT = "event", _("the event day named in the article; no publication date shown")


class DebateQuerySet(models.QuerySet):
    def for_schedule(self, election):
        """The election's debates with their contests, contest by contest, in a single query."""
        return (
            self.filter(contest__election=election)
            .select_related("contest__election")
            .order_by("contest__order", "contest__slug", "number")
        )


class Debate(models.Model):
    """A public debate KPU holds between the candidate pairs of one contest during the campaign."""

    contest = models.ForeignKey(
        "elections.Contest", on_delete=models.CASCADE, related_name="debates", verbose_name=_("contest")
    )
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("Which debate of the contest this is, e.g. 1 for the first.")
    )
    date = models.DateField(_("date"), help_text=_("Day of the debate (WITA), e.g. 23-10-2024."))
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("When it starts in WITA as reported, e.g. 20:00; empty if no source gives a time."),
    )
    end_time = models.TimeField(
        _("end time"),
        null=True,
        blank=True,
        help_text=_("When it ends in WITA, only if a source gives it, e.g. 22:30."),
    )
    time_note = models.CharField(
        _("time note"),
        max_length=200,
        blank=True,
        help_text=_("What the reported time refers to, e.g. broadcast starts 19:30 WITA."),
    )
    venue = models.CharField(
        _("venue"), max_length=200, help_text=_("Where it is held, e.g. Hotel Gran Senyiur, Balikpapan.")
    )
    city = models.CharField(_("city"), max_length=100, help_text=_("City of the venue, e.g. Samarinda."))
    organiser = models.CharField(
        _("organiser"), max_length=120, help_text=_("The election body holding it, e.g. KPU Kota Balikpapan.")
    )
    broadcaster = models.CharField(
        _("broadcast on"),
        max_length=200,
        blank=True,
        help_text=_(
            "Channels that carry it, separated by semicolons, e.g. TVRI; YouTube KPU Kota Balikpapan."
        ),
    )
    theme = models.CharField(
        _("theme"),
        max_length=300,
        help_text=_("The theme KPU set, e.g. Infrastruktur dan Kebutuhan Dasar Publik."),
    )
    subthemes = models.TextField(
        _("subthemes"),
        blank=True,
        help_text=_("One per line, e.g. air bersih; leave empty if none was published."),
    )
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("Format and anything sources disagree on, e.g. first planned for 18 November."),
    )
    source = models.CharField(
        _("source"), max_length=200, help_text=_("Who reported the details, e.g. pamungkasnews.id.")
    )
    source_url = models.URLField(_("source link"), max_length=400, help_text=_("Link to the report."))
    source_date = models.DateField(_("source date"), help_text=_("Date of the report, e.g. 23-10-2024."))
    date_basis = models.CharField(
        _("date basis"),
        max_length=10,
        choices=DateBasis,
        default=DateBasis.PAGE,
        help_text=_("Where the report's date comes from."),
    )

    objects = DebateQuerySet.as_manager()

    class Meta:
        verbose_name = _("debate")
        verbose_name_plural = _("debates")
        ordering = ["contest__order", "contest__slug", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "number"],
                name="%(app_label)s_%(class)s_unique_number_per_contest",
                violation_error_message=_("This contest already has a debate with this number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="%(app_label)s_%(class)s_number_positive",
                violation_error_message=_("Debates are numbered from 1."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=False, end_time__gt=F("start_time")),
                name="%(app_label)s_%(class)s_ends_after_it_starts",
                violation_error_message=_("An end time needs a start time before it."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("elections:schedule") + f"#{self.anchor}"

    def clean(self):
        if self.end_time and (self.start_time is None or self.end_time <= self.start_time):
            raise ValidationError({"end_time": _("An end time needs a start time before it.")})

    @property
    def title(self):
        return _("Public debate %(number)s · %(office)s, %(area)s") % {
            "number": self.number,
            "office": self.contest.office,
            "area": self.contest.area_name,
        }

    @property
    def anchor(self):
        return f"debat-{self.contest.slug}-{self.number}"

    @property
    def place(self):
        """The venue with its city, unless the venue's name already says it."""
        return self.venue if self.city in self.venue else f"{self.venue}, {self.city}"

    @property
    def subtheme_list(self):
        return [line.strip() for line in self.subthemes.splitlines() if line.strip()]

    @property
    def starts_at(self):
        """The start as an aware WITA moment, or None when no source gives a time."""
        if self.start_time is None:
            return None
        return timezone.make_aware(datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self):
        if self.end_time is None:
            return None
        return timezone.make_aware(datetime.combine(self.date, self.end_time))
