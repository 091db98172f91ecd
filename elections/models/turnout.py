from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .elections import PERCENT
from .figures import AreaFigure


class Turnout(AreaFigure):
    """Participation as an election body announced it, kept beside the tally it can be checked against.

    The results page computes turnout from the published tally (valid + invalid votes over the DPT);
    when KPU announces its own figure, both are shown, so a difference is visible, never smoothed.
    """

    contest = models.ForeignKey(
        "elections.Contest", on_delete=models.CASCADE, related_name="turnouts", verbose_name=_("contest")
    )
    percent = models.DecimalField(
        _("turnout (%)"),
        max_digits=5,
        decimal_places=2,
        validators=PERCENT,
        help_text=_("The share as announced, in per cent, e.g. 60.53."),
    )
    ballots_cast = models.PositiveIntegerField(
        _("voters who voted"),
        null=True,
        blank=True,
        help_text=_("Voters who used their vote, as announced, e.g. 315424; empty if not given."),
    )
    registered = models.PositiveIntegerField(
        _("voters on the list"),
        null=True,
        blank=True,
        help_text=_("The DPT the share was taken of, as announced, e.g. 520986; empty if not given."),
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Context a reader needs, e.g. the source does not name the contest."),
    )

    class Meta:
        verbose_name = _("announced turnout")
        verbose_name_plural = _("announced turnout")
        ordering = ["contest", "district__name", "subdistrict__name"]
        constraints = [
            *AreaFigure.Meta.constraints,
            models.UniqueConstraint(
                fields=["contest"],
                condition=Q(district__isnull=True, subdistrict__isnull=True),
                name="%(app_label)s_%(class)s_unique_city",
                violation_error_message=_(
                    "This contest already has an announced turnout for the whole city."
                ),
            ),
            models.UniqueConstraint(
                fields=["contest", "district"],
                condition=Q(district__isnull=False),
                name="%(app_label)s_%(class)s_unique_district",
                violation_error_message=_(
                    "This contest already has an announced turnout for this kecamatan."
                ),
            ),
            models.UniqueConstraint(
                fields=["contest", "subdistrict"],
                condition=Q(subdistrict__isnull=False),
                name="%(app_label)s_%(class)s_unique_subdistrict",
                violation_error_message=_(
                    "This contest already has an announced turnout for this kelurahan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ballots_cast__isnull=True)
                | Q(registered__isnull=True)
                | Q(ballots_cast__lte=models.F("registered")),
                name="%(app_label)s_%(class)s_cast_within_registered",
                violation_error_message=_("More voters cannot have voted than are on the list."),
            ),
        ]

    def __str__(self):
        return f"{self.contest} · {self.area_name}: {self.percent} %"

    def clean(self):
        super().clean()
        if None not in (self.ballots_cast, self.registered) and self.ballots_cast > self.registered:
            raise ValidationError({"ballots_cast": _("More voters cannot have voted than are on the list.")})

    def difference_from(self, computed_cast):
        """Announced voters minus the tally's valid + invalid votes; None when either is unknown."""
        if self.ballots_cast is None or computed_cast is None:
            return None
        return self.ballots_cast - computed_cast
