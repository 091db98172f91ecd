from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from . import plausibility
from .areas import District

# The error code of findings staff may confirm with a reason (a big change between voter lists).
NEEDS_CONFIRMATION = "needs_confirmation"


class AreaLevel(models.TextChoices):
    CITY = "city", _("Whole city")
    DISTRICT = "district", _("Kecamatan")
    SUBDISTRICT = "subdistrict", _("Kelurahan")


class AreaFigure(models.Model):
    """A published figure about the whole city, one kecamatan or one kelurahan, with provenance.

    Leave both area fields empty for the whole city; fill exactly one otherwise.
    """

    district = models.ForeignKey(
        "elections.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kecamatan"),
        help_text=_("Only for a kecamatan figure; leave empty for the whole city or a kelurahan."),
    )
    subdistrict = models.ForeignKey(
        "elections.Subdistrict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kelurahan"),
        help_text=_("Only for a kelurahan figure."),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Who published the figure and where, e.g. Pleno KPU Kota Balikpapan, 19 September 2024."),
    )
    source_url = models.URLField(
        _("source link"), blank=True, help_text=_("Link to the document, if public.")
    )
    as_of = models.DateField(
        _("as of"), help_text=_("Date the figure was set or published, e.g. 19-09-2024.")
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(district__isnull=True) | Q(subdistrict__isnull=True),
                name="%(app_label)s_%(class)s_one_area_level",
                violation_error_message=_(
                    "Choose a kecamatan or a kelurahan, not both (both empty = whole city)."
                ),
            ),
        ]

    @property
    def level(self):
        if self.subdistrict_id:
            return AreaLevel.SUBDISTRICT
        if self.district_id:
            return AreaLevel.DISTRICT
        return AreaLevel.CITY

    @property
    def area(self):
        return self.subdistrict or self.district

    @property
    def area_name(self):
        return str(self.area) if self.area else AreaLevel.CITY.label

    def clean(self):
        if self.district_id and self.subdistrict_id:
            raise ValidationError(_("Choose a kecamatan or a kelurahan, not both (both empty = whole city)."))


def _level_constraints(scope):
    """One unique figure per scope and area at each level; NULL areas need partial constraints."""
    return [
        models.UniqueConstraint(
            fields=scope,
            condition=Q(district__isnull=True, subdistrict__isnull=True),
            name="%(app_label)s_%(class)s_unique_city",
            violation_error_message=_("The whole city already has this figure."),
        ),
        models.UniqueConstraint(
            fields=[*scope, "district"],
            condition=Q(district__isnull=False),
            name="%(app_label)s_%(class)s_unique_district",
            violation_error_message=_("This kecamatan already has this figure."),
        ),
        models.UniqueConstraint(
            fields=[*scope, "subdistrict"],
            condition=Q(subdistrict__isnull=False),
            name="%(app_label)s_%(class)s_unique_subdistrict",
            violation_error_message=_("This kelurahan already has this figure."),
        ),
    ]


class VoterCountQuerySet(models.QuerySet):
    def for_list_stage(self, election, list_stage):
        """The election's figures of one voter list (DPS, DPSHP or DPT), every level."""
        return self.filter(election=election, list_stage=list_stage)

    def city_dpt(self, election):
        """The city's final voter list (DPT) figure of the election, or None: turnout's base."""
        return self.for_list_stage(election, VoterCount.ListStage.DPT).city().first()

    def city(self):
        return self.filter(district__isnull=True, subdistrict__isnull=True)

    def districts(self):
        return self.filter(district__isnull=False)

    def subdistricts(self):
        return self.filter(subdistrict__isnull=False)


class VoterCount(AreaFigure):
    """How many voters a list stage counted in an area, as KPU Kota Balikpapan set it."""

    class ListStage(models.TextChoices):
        """Voter-list stages in PKPU 7/2024 (penyusunan daftar pemilih dalam pemilihan)."""

        DPS = "DPS", _("DPS (provisional voter list)")
        DPSHP = "DPSHP", _("DPSHP (provisional list after corrections)")
        DPT = "DPT", _("DPT (final voter list)")

    election = models.ForeignKey(
        "elections.Election",
        on_delete=models.CASCADE,
        related_name="voter_counts",
        verbose_name=_("election"),
    )
    list_stage = models.CharField(
        _("list stage"), max_length=5, choices=ListStage, help_text=_("Which list the figure belongs to.")
    )
    total = models.PositiveIntegerField(_("voters"), help_text=_("All voters on the list, e.g. 520986."))
    male = models.PositiveIntegerField(
        _("male"), null=True, blank=True, help_text=_("Leave empty if unknown.")
    )
    female = models.PositiveIntegerField(
        _("female"), null=True, blank=True, help_text=_("Leave empty if unknown.")
    )
    polling_stations = models.PositiveIntegerField(
        _("TPS"), null=True, blank=True, help_text=_("Number of TPS in the area for this list, e.g. 996.")
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Context a reader needs, e.g. includes 4 TPS in the prison and detention centre."),
    )

    objects = VoterCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("voter count")
        verbose_name_plural = _("voter counts")
        permissions = [("import_votercount", _("Can import voter counts from CSV"))]
        ordering = ["election", "list_stage", "district__name", "subdistrict__name"]
        constraints = [
            *AreaFigure.Meta.constraints,
            *_level_constraints(["election", "list_stage"]),
            models.CheckConstraint(
                condition=Q(male__isnull=True) | Q(female__isnull=True) | Q(total=F("male") + F("female")),
                name="%(app_label)s_%(class)s_sexes_add_up",
                violation_error_message=_("Male and female voters must add up to the total."),
            ),
            models.CheckConstraint(
                condition=(Q(male__isnull=True) | Q(male__lte=F("total")))
                & (Q(female__isnull=True) | Q(female__lte=F("total"))),
                name="%(app_label)s_%(class)s_parts_within_total",
                violation_error_message=_("Male or female voters cannot exceed the total."),
            ),
        ]

    def __str__(self):
        return f"{self.list_stage} {self.area_name}: {self.total}"

    def clean(self):
        super().clean()
        if self.election_id is None or self.total is None:
            return
        window = getattr(self, "election_window", None)  # an importer reads it once for every row
        if problems := plausibility.row_problems(self, self.election, window):
            raise ValidationError(dict(problems))
        if getattr(self, "checked_with_its_file", False):
            return  # an importer applies the rules across figures once, for the whole file
        findings = self.plausibility_findings()
        if refused := [finding.message for finding in findings if not finding.confirmable]:
            raise ValidationError(refused)
        unconfirmed = [finding.message for finding in findings if finding.confirmable]
        if unconfirmed and not getattr(self, "confirmation_reason", ""):
            raise ValidationError([ValidationError(m, code=NEEDS_CONFIRMATION) for m in unconfirmed])

    def plausibility_findings(self):
        """Findings across the election's figures that involve this (possibly unsaved) figure."""
        others = (
            VoterCount.objects.filter(election_id=self.election_id)
            .exclude(pk=self.pk)
            .select_related("district", "subdistrict")
        )
        districts = {d.pk: d for d in District.objects.prefetch_related("subdistricts")}
        key = plausibility.figure_key(self)
        return [f for f in plausibility.election_findings([*others, self], districts) if key in f.keys]


class CountStage(models.TextChoices):
    """How far KPU's count has gone: the provisional publication (Sirekap, not official), the
    kecamatan recapitulation (PPK), the official city or provincial recapitulation, and the
    figures after a Constitutional Court ruling. Each stage's figures are kept; pages show the
    furthest stage each area has reached, and say which it is."""

    PROVISIONAL = "sementara", _("Provisional count (Sirekap), not official")
    KECAMATAN = "rekap-kecamatan", _("Kecamatan recapitulation (PPK)")
    CITY = "rekap-kota", _("City recapitulation (KPU Kota), official")
    PROVINCE = "rekap-provinsi", _("Provincial recapitulation (KPU Provinsi), official")
    AFTER_DISPUTE = "setelah-sengketa", _("After the Constitutional Court ruling, final")

    @property
    def rank(self):
        return list(CountStage).index(self)

    @property
    def official(self):
        return self in (CountStage.CITY, CountStage.PROVINCE, CountStage.AFTER_DISPUTE)


class ResultQuerySet(models.QuerySet):
    def with_stage_rank(self):
        """Annotated with ``stage_rank``, the stage's place in the count (provisional first), to
        order by: the stages' codes do not sort in the count's order."""
        rank = Case(
            *[When(count_stage=stage.value, then=Value(stage.rank)) for stage in CountStage],
            output_field=IntegerField(),
        )
        return self.annotate(stage_rank=rank)

    def furthest_stage(self):
        """The results, evaluated, keeping for each contest and area only the furthest stage of
        the count (a provisional figure gives way to the recapitulation, which gives way to the
        figures after a ruling), in the queryset's order."""
        results = list(self)
        furthest = {}
        for result in results:
            area = (result.contest_id, result.district_id, result.subdistrict_id)
            if area not in furthest or result.stage.rank > furthest[area].stage.rank:
                furthest[area] = result
        kept = {id(result) for result in furthest.values()}
        return [result for result in results if id(result) in kept]


class Result(AreaFigure):
    """The tally of one contest in one area at one stage of the count; pair votes are its
    ResultVote rows.

    Valid votes are the sum of the pairs' votes and, in a contest of one pair against the empty
    box (kotak kosong), the empty box's votes: derived, never typed twice.
    """

    CountStage = CountStage

    contest = models.ForeignKey(
        "elections.Contest", on_delete=models.CASCADE, related_name="results", verbose_name=_("contest")
    )
    count_stage = models.CharField(
        _("stage of the count"),
        max_length=20,
        choices=CountStage,
        default=CountStage.CITY,
        help_text=_("Which count these figures come from; enter each stage as its own result."),
    )
    decision = models.CharField(
        _("decision"),
        max_length=200,
        blank=True,
        help_text=_("The decision that sets official figures, e.g. SK KPU Kota Balikpapan No. 411/2024."),
    )
    reported_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("When KPU published these figures (WITA), e.g. 06-12-2024 15:30; empty if unknown."),
    )
    stations_counted = models.PositiveIntegerField(
        _("TPS counted"),
        null=True,
        blank=True,
        help_text=_("For a count in progress: TPS whose figures are in, e.g. 812."),
    )
    stations_total = models.PositiveIntegerField(
        _("TPS in the area"), null=True, blank=True, help_text=_("All TPS of the area, e.g. 996.")
    )
    empty_box_votes = models.PositiveIntegerField(
        _("votes for the empty box"),
        null=True,
        blank=True,
        help_text=_(
            "Only where one pair stands against the empty box (kotak kosong): its valid votes, e.g. 120345."
        ),
    )
    invalid_votes = models.PositiveIntegerField(
        _("invalid votes"), null=True, blank=True, help_text=_("Ballots declared invalid; empty if unknown.")
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("e.g. derived from the city total minus other kecamatan."),
    )
    correction = models.CharField(
        _("correction"),
        max_length=300,
        blank=True,
        help_text=_(
            "When you change published figures: what was wrong and on what basis, shown with the "
            "change to readers, e.g. Suara Balikpapan Utara diperbaiki sesuai SK KPU 411/2024."
        ),
    )

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["contest", "district__name", "subdistrict__name", "count_stage"]
        constraints = [
            *AreaFigure.Meta.constraints,
            *_level_constraints(["contest", "count_stage"]),
            models.CheckConstraint(
                condition=Q(count_stage__in=CountStage.values),
                name="%(app_label)s_%(class)s_count_stage_valid",
            ),
            models.CheckConstraint(
                condition=Q(stations_counted__isnull=True)
                | Q(stations_total__isnull=True)
                | Q(stations_counted__lte=F("stations_total")),
                name="%(app_label)s_%(class)s_counted_within_total",
                violation_error_message=_("More TPS counted than the area has."),
            ),
        ]

    def __str__(self):
        return f"{self.contest} · {self.area_name} · {self.get_count_stage_display()}"

    @property
    def stage(self):
        return CountStage(self.count_stage)

    def clean(self):
        super().clean()
        if self.empty_box_votes is not None and self.contest_id and not self.contest.has_empty_box():
            raise ValidationError(
                {
                    "empty_box_votes": _(
                        "Only a contest with one pair against the empty box (kotak kosong) has votes "
                        "for the empty box: set the contest's state first."
                    )
                }
            )

    def valid_votes(self, votes=None):
        """The pairs' votes (``votes``, the ResultVote rows already read) and the empty box's;
        None while none is published."""
        votes = list(self.votes.all()) if votes is None else votes
        if not votes and self.empty_box_votes is None:
            return None
        return sum(vote.votes for vote in votes) + (self.empty_box_votes or 0)

    @property
    def progress(self):
        """Share of the area's TPS counted, in percent; None unless both figures are known."""
        if self.stations_counted is None or not self.stations_total:
            return None
        return self.stations_counted * 100 / self.stations_total


class ResultVote(models.Model):
    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, related_name="votes", verbose_name=_("result")
    )
    pair = models.ForeignKey(
        "candidates.CandidatePair",
        on_delete=models.PROTECT,
        related_name="votes",
        verbose_name=_("candidate pair"),
    )
    votes = models.PositiveIntegerField(_("votes"), help_text=_("Valid votes for the pair, e.g. 177290."))

    class Meta:
        verbose_name = _("votes for a pair")
        verbose_name_plural = _("votes per pair")
        ordering = ["result", "pair__ballot_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "pair"], name="%(app_label)s_%(class)s_one_row_per_pair"
            )
        ]

    def __str__(self):
        return f"{self.pair}: {self.votes}"

    def clean(self):
        if self.result_id and self.pair_id and self.pair.contest_id != self.result.contest_id:
            raise ValidationError({"pair": _("This pair does not stand in the result's contest.")})
