from datetime import datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.clock import local_today

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class ElectionQuerySet(models.QuerySet):
    def featured(self):
        """The election the public pages are about: the most recent voting day."""
        return self.order_by("-voting_day").first()

    def with_last_stage_end(self):
        """Each election with the day its last stage ends, for ``is_over`` without a query each."""
        return self.annotate(last_stage_end=Max("stages__end"))

    def before(self, election):
        """The election held last before ``election`` ("Pemilihan sebelumnya"), or None."""
        return self.filter(voting_day__lt=election.voting_day).order_by("-voting_day").first()


class Election(models.Model):
    slug = models.SlugField(
        _("slug"), max_length=60, unique=True, help_text=_("Stable identifier in links, e.g. pilkada-2024.")
    )
    name = models.CharField(
        _("name"), max_length=120, help_text=_("Name as voters know it, e.g. Pilkada Serentak 2024.")
    )
    voting_day = models.DateField(_("voting day"), help_text=_("Polling day in WITA, e.g. 27-11-2024."))
    polls_open = models.TimeField(
        _("polls open"), default=time(7, 0), help_text=_("When TPS open on voting day (WITA), e.g. 07:00.")
    )
    polls_close = models.TimeField(
        _("polls close"), default=time(13, 0), help_text=_("When TPS close on voting day (WITA), e.g. 13:00.")
    )
    polling_hours_source = models.CharField(
        _("source of the polling hours"),
        max_length=200,
        blank=True,
        help_text=_("Regulation or notice that sets the hours, e.g. PKPU 17/2024."),
    )
    participation_target_min = models.DecimalField(
        _("participation target, lower bound (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Lower end of the turnout the city aims for, e.g. 70."),
    )
    participation_target_max = models.DecimalField(
        _("participation target, upper bound (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Upper end of the turnout the city aims for, e.g. 80."),
    )
    previous_participation = models.DecimalField(
        _("previous participation (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Turnout at the previous comparable election, e.g. 60 for Pilkada 2020."),
    )
    previous_election_name = models.CharField(
        _("previous election"),
        max_length=120,
        blank=True,
        help_text=_("The election the previous participation belongs to, e.g. Pilkada 2020."),
    )
    participation_source = models.CharField(
        _("source of the targets"),
        max_length=300,
        blank=True,
        help_text=_("Who set the target and where it was reported, e.g. ANTARA Kaltim, 9 October 2024."),
    )

    max_voters_per_tps = models.PositiveIntegerField(
        _("most voters per TPS"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "The legal maximum of voters one TPS may serve in this election, e.g. 600 for Pilkada 2024. "
            "Imports and forms refuse figures above it; leave empty if no maximum is set."
        ),
    )
    max_voters_per_tps_source = models.CharField(
        _("source of the maximum"),
        max_length=300,
        blank=True,
        help_text=_("Regulation that sets the maximum, e.g. PKPU 7/2024 (penyusunan daftar pemilih)."),
    )

    objects = ElectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-voting_day"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participation_target_min__isnull=True)
                | Q(participation_target_max__isnull=True)
                | Q(participation_target_min__lte=F("participation_target_max")),
                name="%(app_label)s_%(class)s_target_range_ordered",
                violation_error_message=_("The upper bound must not be below the lower bound."),
            ),
            models.CheckConstraint(
                condition=Q(polls_close__gt=F("polls_open")),
                name="%(app_label)s_%(class)s_polls_close_after_open",
                violation_error_message=_("Polls must close after they open."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """Its own page, at an address that keeps showing this election when a newer one comes."""
        return reverse("election:overview", kwargs={"election": self.slug})

    def is_the_current(self):
        """Whether this is the current election, as the page that read it found it
        (``elections.views.election_in_view`` sets ``current``)."""
        current = getattr(self, "current", None)
        return current is not None and current.pk == self.pk

    def is_over(self, at=None):
        """Whether every stage has ended and voting day has passed: nothing left to do for voters.
        Reads ``last_stage_end`` when the election was fetched ``with_last_stage_end()``."""
        if hasattr(self, "last_stage_end"):
            last = self.last_stage_end
        else:
            last = self.stages.aggregate(last=models.Max("end"))["last"]
        return local_today(at) > max(filter(None, [last, self.voting_day]))

    def clean(self):
        low, high = self.participation_target_min, self.participation_target_max
        if low is not None and high is not None and low > high:
            raise ValidationError(
                {"participation_target_max": _("The upper bound must not be below the lower bound.")}
            )
        if self.polls_open and self.polls_close and self.polls_close <= self.polls_open:
            raise ValidationError({"polls_close": _("Polls must close after they open.")})

    def figure_window(self):
        """The dates a voter figure or TPS fact of this election may be "as of": its timeline.

        From the first stage's start (a year before voting day when no stage is entered) to the
        end of the last stage or voting day, whichever is later.
        """
        bounds = self.stages.aggregate(first=models.Min("start"), last=models.Max("end"))
        first = bounds["first"] or self.voting_day - timedelta(days=365)
        last = max(filter(None, [bounds["last"], self.voting_day]))
        return first, last

    def days_to_voting(self, at=None):
        return (self.voting_day - local_today(at)).days

    def polls_open_at(self):
        return timezone.make_aware(datetime.combine(self.voting_day, self.polls_open))

    def nothing_voted_on_the_day(self, contests):
        """Every one of ``contests`` (this election's) postponed or cancelled: no vote on voting day."""
        return bool(contests) and all(not contest.voted_on_election_day for contest in contests)


class ContestState(models.TextChoices):
    """Where a contest stands under the Pilkada law (UU 10/2016) and KPU's decisions.

    Only "scheduled" and "contested" need no reason: every other state names its legal basis and
    explains itself to voters. A postponed contest is not voted on the election's day (its new day
    may not be set yet); a re-vote (PSU) or a repeat election comes after a vote that took place,
    on a day of its own that must be named.
    """

    SCHEDULED = "scheduled", _("Scheduled")
    CONTESTED = "contested", _("Contested by several pairs")
    UNCONTESTED = "uncontested", _("One pair against the empty box (kotak kosong)")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")
    PARTIAL_RERUN = "partial-rerun", _("Re-vote in some TPS (PSU)")
    FULL_RERUN = "full-rerun", _("Repeat election")

    @classmethod
    def needing_reason(cls):
        return [state for state in cls if state not in (cls.SCHEDULED, cls.CONTESTED)]

    @classmethod
    def with_a_new_day(cls):
        """States that may carry a new voting day."""
        return [cls.POSTPONED, cls.PARTIAL_RERUN, cls.FULL_RERUN]

    @classmethod
    def revotes(cls):
        """States that add a vote after the one on the election's day; they need its day."""
        return [cls.PARTIAL_RERUN, cls.FULL_RERUN]


class Contest(models.Model):
    class Level(models.TextChoices):
        """Levels of regional head elections under UU 10/2016 (Pilkada law)."""

        CITY = "kota", _("City (wali kota)")
        REGENCY = "kabupaten", _("Regency (bupati)")
        PROVINCE = "provinsi", _("Province (gubernur)")

    class Ballot(models.TextChoices):
        """What voters choose on the ballot: a pair (Pilkada), or a party and one of its candidates
        (the DPRD in a Pemilu)."""

        PAIRS = "pasangan", _("Candidate pairs (head and deputy)")
        PARTY_LISTS = "partai", _("Parties and their candidate lists (e.g. DPRD)")

    State = ContestState

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="contests", verbose_name=_("election")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("Stable identifier, e.g. walikota-balikpapan-2024."),
    )
    office = models.CharField(
        _("office"), max_length=120, help_text=_("What is elected, e.g. Wali Kota dan Wakil Wali Kota.")
    )
    area_name = models.CharField(
        _("area"), max_length=120, help_text=_("Where it is elected, e.g. Kota Balikpapan.")
    )
    level = models.CharField(
        _("level"), max_length=12, choices=Level, help_text=_("City, regency or province.")
    )
    ballot = models.CharField(
        _("ballot"),
        max_length=10,
        choices=Ballot,
        default=Ballot.PAIRS,
        help_text=_("Pairs for a regional head; parties and candidate lists for a council (DPRD)."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Position in lists; the local contest usually comes first, e.g. 1."),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ContestState,
        default=ContestState.SCHEDULED,
        help_text=_("Where the contest stands; any state but scheduled or contested needs its reason below."),
    )
    state_decided_on = models.DateField(
        _("decided on"),
        null=True,
        blank=True,
        help_text=_("Date of the decision behind the state, e.g. 24-02-2025."),
    )
    new_voting_day = models.DateField(
        _("new voting day"),
        null=True,
        blank=True,
        help_text=_(
            "For a postponed contest, a re-vote or a repeat election: the day voters vote, e.g. 19-04-2025."
        ),
    )
    rerun_stations = models.ManyToManyField(
        "elections.PollingStation",
        blank=True,
        related_name="rerun_contests",
        verbose_name=_("TPS voting again"),
        help_text=_("For a re-vote (PSU): only the TPS where voters vote again."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        blank=True,
        help_text=_("The ruling or decision, e.g. Putusan MK No. 1/PHPU.WAKO-XXIII/2025."),
    )
    legal_basis_url = models.URLField(
        _("legal basis link"),
        max_length=400,
        blank=True,
        help_text=_("Link to the ruling or decision, if public."),
    )
    state_explanation = models.TextField(
        _("explanation for voters"),
        blank=True,
        help_text=_("What the state means for voters, in plain words, e.g. who votes again, where and when."),
    )

    class Meta:
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        ordering = ["election", "order", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ContestState.values), name="%(app_label)s_%(class)s_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(ballot__in=["pasangan", "partai"]), name="%(app_label)s_%(class)s_ballot_valid"
            ),
            # A state voters must be told about carries its reason, never a bare label.
            models.CheckConstraint(
                condition=Q(state__in=[ContestState.SCHEDULED, ContestState.CONTESTED])
                | (
                    ~Q(legal_basis="") & ~Q(state_explanation_ind="") & Q(state_explanation_ind__isnull=False)
                ),
                name="%(app_label)s_%(class)s_state_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=ContestState.revotes()) | Q(new_voting_day__isnull=False),
                name="%(app_label)s_%(class)s_revote_has_day",
            ),
            # A day left over from an earlier state would silently move the contest.
            models.CheckConstraint(
                condition=Q(state__in=ContestState.with_a_new_day()) | Q(new_voting_day__isnull=True),
                name="%(app_label)s_%(class)s_new_day_only_when_moved",
            ),
        ]

    def __str__(self):
        return f"{self.office} {self.area_name}"

    def get_absolute_url(self):
        return reverse("candidates:contest", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.state in ContestState.needing_reason():
            if not self.legal_basis.strip():
                errors["legal_basis"] = _("Name the ruling or decision behind this state.")
            if not (self.state_explanation_ind or "").strip():
                errors["state_explanation_ind"] = _("Explain to voters what this state means for them.")
        if self.state in ContestState.revotes() and not self.new_voting_day:
            errors["new_voting_day"] = _("Give the day voters vote in this contest.")
        if self.new_voting_day and self.state not in ContestState.with_a_new_day():
            errors["new_voting_day"] = _(
                "Only a postponed contest, a re-vote or a repeat election has a new day."
            )
        if self.new_voting_day and self.election_id and self.new_voting_day < self.election.voting_day:
            errors["new_voting_day"] = _("The new voting day cannot come before the election's voting day.")
        if errors:
            raise ValidationError(errors)

    @property
    def state_choice(self):
        return ContestState(self.state)

    @property
    def has_party_lists(self):
        return self.ballot == self.Ballot.PARTY_LISTS

    def has_empty_box(self):
        """Whether its ballot has the empty box (kotak kosong): one pair standing alone (the
        uncontested state, or a contest of one pair such as a repeat election after the empty
        box won)."""
        return self.state == ContestState.UNCONTESTED or self.pairs.count() == 1

    @property
    def has_notice(self):
        """Voters must be told about this contest's state (a notice on every page about it)."""
        return self.state in ContestState.needing_reason()

    def rerun_station_list(self):
        """The TPS voting again in a re-vote, in the order voters look them up."""
        return self.rerun_stations.select_related("subdistrict").order_by("subdistrict__name", "number")

    @property
    def voted_on_election_day(self):
        """Voters vote in this contest on the election's day (not when postponed or cancelled)."""
        return self.state not in (ContestState.POSTPONED, ContestState.CANCELLED)

    @property
    def voting_day(self):
        """The day voters vote in this contest: the election's; for a postponed contest its new
        day, None until one is set; None when cancelled. A re-vote's day is ``revote_day``."""
        if self.state == ContestState.CANCELLED:
            return None
        if self.state == ContestState.POSTPONED:
            return self.new_voting_day
        return self.election.voting_day

    @property
    def revote_day(self):
        """The day of a re-vote (PSU) or repeat election; None otherwise."""
        return self.new_voting_day if self.state in ContestState.revotes() else None


class StageQuerySet(models.QuerySet):
    """Stages relative to a moment; ``at`` defaults to now, in WITA."""

    def current(self, at=None):
        today = local_today(at)
        return self.filter(start__lte=today, end__gte=today)

    def upcoming(self, at=None):
        return self.filter(start__gt=local_today(at))

    def past(self, at=None):
        return self.filter(end__lt=local_today(at))

    def copy_to(self, election, days):
        """These stages (one election's) as ``election``'s timeline, each ``days`` later, with
        every language and source: staff then correct what the new regulation changed. Refused
        (ValidationError) when ``election`` already has a timeline."""
        if Stage.objects.filter(election=election).exists():
            raise ValidationError(
                _("%(election)s already has a schedule: copying would mix two timelines.")
                % {"election": election}
            )
        copied = []
        for stage in self.order_by("order"):
            values = {
                field.attname: getattr(stage, field.attname)
                for field in Stage._meta.concrete_fields
                if not field.primary_key
            }
            values.update(election_id=election.pk, start=stage.start + days, end=stage.end + days)
            copied.append(Stage(**values))
        for stage in copied:
            stage.save()  # one by one: each gets its history entry and starts a content version
        return copied

    def last_turn(self, at=None):
        """The last moment before ``at`` when a stage began or ended (local midnight), or None:
        from then on pages that mark the current stage show something new."""
        today = local_today(at)
        turns = self.aggregate(
            began=Max("start", filter=Q(start__lte=today)), ended=Max("end", filter=Q(end__lt=today))
        )
        days = [turns["began"], turns["ended"] and turns["ended"] + timedelta(days=1)]
        zone = timezone.get_default_timezone()
        return max((datetime.combine(day, time(), tzinfo=zone) for day in days if day), default=None)


class Stage(models.Model):
    class Phase(models.TextChoices):
        """The two phases of the Pilkada 2024 schedule in PKPU 2/2024."""

        PREPARATION = "persiapan", _("Preparation")
        IMPLEMENTATION = "penyelenggaraan", _("Implementation")

    class Kind(models.TextChoices):
        """Stages the portal treats specially (banners, reminders); everything else is "other"."""

        OTHER = "other", _("Other")
        VOTER_LIST = "voter_list", _("Voter list")
        CAMPAIGN = "campaign", _("Campaign")
        QUIET_PERIOD = "quiet_period", _("Quiet period")
        VOTING = "voting", _("Voting day")
        COUNTING = "counting", _("Counting and recapitulation")
        # Not KPU's: the government inaugurates the winners, which ends the election for citizens.
        INAUGURATION = "inauguration", _("Inauguration")

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="stages", verbose_name=_("election")
    )
    order = models.PositiveSmallIntegerField(_("order"), help_text=_("Position in the schedule, e.g. 13."))
    phase = models.CharField(_("phase"), max_length=20, choices=Phase, default=Phase.IMPLEMENTATION)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind,
        default=Kind.OTHER,
        help_text=_("Marks the stages that change what the home page shows, e.g. quiet period."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("Name of the stage, e.g. Masa tenang."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("What happens in this stage and what voters can do.")
    )
    start = models.DateField(_("start"), help_text=_("First day (WITA), e.g. 24-11-2024."))
    end = models.DateField(_("end"), help_text=_("Last day, the same as the start for one-day stages."))
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Regulation or notice that sets the dates, e.g. PKPU 2/2024."),
    )
    source_url = models.URLField(
        _("source link"),
        max_length=400,
        blank=True,
        help_text=_("Link to the report or document behind the dates, if public."),
    )

    objects = StageQuerySet.as_manager()

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["election", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "order"],
                name="%(app_label)s_%(class)s_unique_order_per_election",
                violation_error_message=_("Another stage of this election already has this position."),
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="%(app_label)s_%(class)s_ends_on_or_after_start",
                violation_error_message=_("A stage cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # The election's own schedule: a 2024 stage stays on 2024's page once a newer one is current.
        return reverse("election:schedule", kwargs={"election": self.election.slug}) + f"#tahap-{self.order}"

    @property
    def held_by_kpu(self):
        """Whether KPU runs this stage (every one in PKPU's schedule); the inauguration is not."""
        return self.kind != self.Kind.INAUGURATION

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("A stage cannot end before it starts.")})

    def state_on(self, day):
        """ "past", "current" or "upcoming" on ``day`` (a date in WITA); StageQuerySet.current(),
        upcoming() and past() filter by the same bounds, so every page and the dashboard agree."""
        if self.end < day:
            return "past"
        if self.start > day:
            return "upcoming"
        return "current"
