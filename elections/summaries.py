"""Shapes published figures into what the public pages show, in a fixed number of queries.

Nothing here estimates: a figure that was not published stays ``None`` and templates show it
as "not yet available".
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, ngettext
from modeltranslation.utils import build_localized_fieldname

from core.sharecards import Card

from .links import election_path
from .models import Debate, District, Result, ResultVote, Stage, Turnout, VoterCount
from .models.figures import AreaLevel

LIST_ORDER = [choice.value for choice in VoterCount.ListStage]

# When several stages overlap, the banner speaks about the one that matters most to a voter.
BANNER_PRIORITY = [
    Stage.Kind.VOTING,
    Stage.Kind.QUIET_PERIOD,
    Stage.Kind.COUNTING,
    Stage.Kind.CAMPAIGN,
    Stage.Kind.VOTER_LIST,
    Stage.Kind.OTHER,
]


def percent(part, whole):
    if part is None or not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


# Schedule -------------------------------------------------------------------------------------


@dataclass
class Timeline:
    stages: list
    current: list
    today: object
    election: object
    # Every contest postponed or cancelled: voting day is not a day to vote (Contest states).
    nothing_voted: bool = False

    @property
    def days_to_voting(self):
        return (self.election.voting_day - self.today).days

    @property
    def finished(self):
        return bool(self.stages) and all(stage.state == "past" for stage in self.stages)

    @property
    def next_stage(self):
        """The first stage still to come (stages overlap, so the earliest start, not the order)."""
        upcoming = [stage for stage in self.stages if stage.state == "upcoming"]
        return min(upcoming, key=lambda stage: (stage.start, stage.order), default=None)

    def share_card(self):
        """The link preview of the schedule page: the current stage or days to voting."""
        days = self.days_to_voting
        if self.finished:
            title, badge = gettext("All stages are finished"), ""
        else:
            title = "; ".join(stage.name for stage in self.current) or gettext("No stage is under way today.")
            if days > 0:
                badge = ngettext("%(days)d day to go", "%(days)d days to go", days) % {"days": days}
            else:
                badge = gettext("Voting day") if days == 0 else ""
        election = self.election
        return Card(
            label=gettext("Schedule · %(election)s") % {"election": election.name},
            badge=badge,
            title=title,
            subtitle=gettext("Voting day: %(day)s")
            % {"day": date_format(election.voting_day, "DATE_FORMAT")},
            alt=gettext("Schedule of %(election)s") % {"election": election.name},
        )

    def get_share_image_url(self):
        return election_path(self.election, "og-schedule")

    @property
    def voting_first(self):
        """In the quiet period and on voting day, what it takes to vote comes before anything else,
        unless no contest is voted on that day (all postponed or cancelled)."""
        return self.banner_kind in (Stage.Kind.VOTING, Stage.Kind.QUIET_PERIOD) and not self.nothing_voted

    @property
    def banner_kind(self):
        if self.finished:
            return "finished"
        kinds = {stage.kind for stage in self.current}
        for kind in BANNER_PRIORITY:
            if kind in kinds:
                return kind
        return "countdown" if self.days_to_voting > 0 else Stage.Kind.OTHER


def timeline(election, today, contests=None):
    """The election's stages as of ``today``; with ``contests`` (the election's, already read),
    whether voting day still has a vote."""
    stages = list(Stage.objects.filter(election=election).order_by("order"))
    for stage in stages:
        stage.state = stage.state_on(today)
    return Timeline(
        stages=stages,
        current=[stage for stage in stages if stage.state == "current"],
        today=today,
        election=election,
        nothing_voted=election.nothing_voted_on_the_day(contests or []),
    )


@dataclass
class ContestDebates:
    contest: object
    debates: list


def debates(election):
    """The election's public debates grouped by contest, in the contests' order, in one query."""
    groups = {}
    for debate in Debate.objects.for_schedule(election):
        groups.setdefault(debate.contest_id, ContestDebates(debate.contest, [])).debates.append(debate)
    return list(groups.values())


# Voters ---------------------------------------------------------------------------------------


@dataclass
class VoterRow:
    """One area's figures for each list stage shown, plus the DPS → DPT change when both exist."""

    area: object
    name: str
    figures: dict = field(default_factory=dict)

    def cells(self, lists):
        return [self.figures.get(list_stage) for list_stage in lists]

    @property
    def dps_to_dpt(self):
        dps, dpt = self.figures.get("DPS"), self.figures.get("DPT")
        if dps is None or dpt is None:
            return None
        return dpt.total - dps.total


@dataclass
class VoterTable:
    lists: list
    whole: VoterRow
    rows: list

    def sources(self):
        """One line per distinct source behind the table's figures, list stage by list stage."""
        seen = {}
        for row in [self.whole, *self.rows]:
            for count in row.figures.values():
                seen.setdefault((count.list_stage, count.source, count.as_of, count.note), count)
        return sorted(seen.values(), key=lambda count: (LIST_ORDER.index(count.list_stage), count.as_of))

    @property
    def chart_list(self):
        """The latest list stage for which every row has a figure, for the bar chart."""
        for list_stage in reversed(self.lists):
            if self.rows and all(row.figures.get(list_stage) for row in self.rows):
                return list_stage
        return None

    def chart_bars(self):
        list_stage = self.chart_list
        if list_stage is None:
            return []
        values = [row.figures[list_stage].total for row in self.rows]
        top = max(values) or 1
        return [
            {"label": row.name, "value": value, "width": round(value * 100 / top, 1)}
            for row, value in zip(self.rows, values, strict=True)
        ]


def voter_table(election, district=None):
    """City (or one kecamatan) and its parts, each with a figure per list stage."""
    counts = VoterCount.objects.filter(election=election).select_related("district", "subdistrict")
    if district is None:
        parts = list(District.objects.order_by("name"))
        counts = counts.filter(subdistrict__isnull=True)
        whole = VoterRow(area=None, name="")
        part_of = lambda count: count.district_id  # noqa: E731
    else:
        parts = list(district.subdistricts.order_by("name"))
        counts = counts.filter(Q(district=district) | Q(subdistrict__district=district))
        whole = VoterRow(area=district, name=district.name)
        part_of = lambda count: count.subdistrict_id  # noqa: E731
    rows = {part.pk: VoterRow(area=part, name=part.name) for part in parts}
    present = set()
    for count in counts:
        present.add(count.list_stage)
        key = part_of(count)
        if key is None:
            whole.figures[count.list_stage] = count
        elif key in rows:
            rows[key].figures[count.list_stage] = count
    lists = [list_stage for list_stage in LIST_ORDER if list_stage in present]
    return VoterTable(lists=lists, whole=whole, rows=list(rows.values()))


# Results --------------------------------------------------------------------------------------


@dataclass
class Tally:
    result: object
    votes: list  # ResultVote rows in ballot order

    @property
    def valid(self):
        return self.result.valid_votes(self.votes)

    @property
    def empty_box(self):
        """The empty box's votes and share (kotak kosong), or None where it is not on the ballot."""
        votes = self.result.empty_box_votes
        return None if votes is None else {"votes": votes, "share": percent(votes, self.valid)}

    @property
    def invalid(self):
        return self.result.invalid_votes

    @property
    def cast(self):
        return None if self.valid is None or self.invalid is None else self.valid + self.invalid

    def share(self, vote):
        return percent(vote.votes, self.valid)

    def rows(self):
        return [{"pair": vote.pair, "votes": vote.votes, "share": self.share(vote)} for vote in self.votes]


@dataclass
class ContestResults:
    contest: object
    pairs: list
    city: Tally | None
    districts: list  # Tally per kecamatan, by name
    registered: object  # the city DPT VoterCount used as the turnout base, or None
    announced: object = None  # the city Turnout as KPU announced it, or None

    @property
    def complete(self):
        """The city tally counts every ballot: an official stage, or every TPS in."""
        if self.city is None:
            return False
        result = self.city.result
        return result.stage.official or (
            result.stations_total is not None and result.stations_counted == result.stations_total
        )

    @property
    def turnout(self):
        # A count in progress would show a turnout far below the real one.
        if not self.complete or self.registered is None:
            return None
        return percent(self.city.cast, self.registered.total)

    @property
    def cast_difference(self):
        """KPU's announced voters minus the tally's valid + invalid votes; None when one is unknown
        or the count is not complete."""
        if self.announced is None or not self.complete:
            return None
        return self.announced.difference_from(self.city.cast)

    @property
    def tally_fewer_by(self):
        """How many fewer ballots the tally counts than KPU announced voters, when it counts fewer."""
        difference = self.cast_difference
        return difference if difference and difference > 0 else None

    @property
    def tally_more_by(self):
        difference = self.cast_difference
        return -difference if difference and difference < 0 else None

    def district_bars(self):
        """Per kecamatan, one bar per pair, scaled to the largest pair tally anywhere."""
        top = max((vote.votes for tally in self.districts for vote in tally.votes), default=0) or 1
        return [
            {
                "label": tally.result.district.name,
                "bars": [
                    {
                        "label": vote.pair.ballot_number,
                        "value": vote.votes,
                        "width": round(vote.votes * 100 / top, 1),
                    }
                    for vote in tally.votes
                ],
            }
            for tally in self.districts
        ]


def contest_results(election, pairs):
    """Results of every contest of the election, with the city DPT for turnout; ``pairs`` are
    the candidate pairs as their cards show them (the candidates app owns that query)."""
    pairs = pairs.filter(contest__election=election)
    results = (
        Result.objects.filter(contest__election=election, subdistrict__isnull=True)
        .select_related("contest", "district")
        .prefetch_related(
            Prefetch(
                "votes", queryset=ResultVote.objects.select_related("pair").order_by("pair__ballot_number")
            )
        )
        .order_by("contest__order", "district__name")
        .furthest_stage()
    )
    registered = VoterCount.objects.city_dpt(election)
    announced = {
        turnout.contest_id: turnout
        for turnout in Turnout.objects.filter(
            contest__election=election, district__isnull=True, subdistrict__isnull=True
        )
    }
    pair_map = {}
    for pair in pairs:
        pair_map.setdefault(pair.contest_id, []).append(pair)
    pairs_by_id = {pair.pk: pair for pair in pairs}
    by_contest = {}
    for result in results:
        votes = list(result.votes.all())
        for vote in votes:
            vote.pair = pairs_by_id.get(vote.pair_id, vote.pair)
        entry = by_contest.setdefault(
            result.contest_id,
            ContestResults(
                contest=result.contest,
                pairs=pair_map.get(result.contest_id, []),
                city=None,
                districts=[],
                registered=registered,
                announced=announced.get(result.contest_id),
            ),
        )
        tally = Tally(result=result, votes=votes)
        if result.district_id is None:
            entry.city = tally
        else:
            entry.districts.append(tally)
    return list(by_contest.values())


@dataclass
class Outcome:
    """A contest's leading pair in its furthest city-wide count, for the archive of elections."""

    result: object
    leader: object
    share: Decimal | None


def outcomes(elections):
    """Each contest of ``elections`` with its outcome so far: ``{contest_id: Outcome}``; a contest
    with no city-wide result yet has none. Three queries, whatever the number of elections."""
    results = (
        Result.objects.filter(
            contest__election__in=elections, district__isnull=True, subdistrict__isnull=True
        )
        .select_related("contest")
        .prefetch_related(
            Prefetch(
                "votes",
                queryset=ResultVote.objects.select_related("pair")
                .prefetch_related("pair__candidates")
                .order_by("-votes"),
            )
        )
        .order_by("contest_id")
        .furthest_stage()
    )
    found = {}
    for result in results:
        votes = list(result.votes.all())
        if not votes:
            continue
        valid = result.valid_votes(votes)
        if (result.empty_box_votes or 0) > votes[0].votes:
            # The empty box won (kotak kosong): no pair is elected, the law calls a new election.
            found[result.contest_id] = Outcome(result, None, percent(result.empty_box_votes, valid))
        else:
            found[result.contest_id] = Outcome(result, votes[0].pair, percent(votes[0].votes, valid))
    return found


# Corrections ----------------------------------------------------------------------------------


@dataclass
class Correction:
    """One change to a figure of a published result: what it was, what it is, when and why."""

    at: object  # when the change was saved
    result: object  # the result as it was then (a historical record)
    what: str  # the pair's number and names, "Kotak kosong", "Suara tidak sah" or the whole result
    before: int | None
    after: int | None  # None: the figure or the whole result was withdrawn
    reason: str

    @property
    def area_name(self):
        area = self.result.subdistrict or self.result.district
        return str(area) if area else AreaLevel.CITY.label

    @property
    def anchor(self):
        """Its place on the change log, the same in the feed."""
        return f"koreksi-{self.result.id}-{int(self.at.timestamp() * 1000)}"


def corrections(election):
    """Every change to ``election``'s results after they were first entered, newest first: a
    pair's votes, the empty box's, invalid votes, a result withdrawn. The reason is the result's
    correction note saved with the change (the result is saved before its votes in the admin).
    Four queries, whatever the number of changes."""
    result_rows = list(
        Result.history.filter(contest__election=election)
        .select_related("contest__election", "district", "subdistrict")
        .order_by("id", "history_date")
    )
    vote_rows = list(
        ResultVote.history.filter(result__contest__election=election)
        .select_related("pair")
        .prefetch_related("pair__candidates")
        .order_by("id", "history_date")
    )
    by_result = {}
    for row in result_rows:
        by_result.setdefault(row.id, []).append(row)
    found = []
    for rows in by_result.values():
        for before, after in zip(rows, rows[1:], strict=False):
            for figure, label in (
                ("empty_box_votes", gettext("Empty box (kotak kosong)")),
                ("invalid_votes", gettext("Invalid votes")),
            ):
                old, new = getattr(before, figure), getattr(after, figure)
                if old != new and after.history_type == "~":
                    found.append(Correction(after.history_date, after, label, old, new, _reason(after)))
        if rows[-1].history_type == "-":
            last = rows[-1]
            found.append(
                Correction(last.history_date, last, gettext("The whole result"), None, None, last.correction)
            )
    votes = {}
    for row in vote_rows:
        votes.setdefault(row.id, []).append(row)
    for rows in votes.values():
        for before, after in zip(rows, rows[1:], strict=False):
            if after.history_type == "~" and before.votes != after.votes or after.history_type == "-":
                record = _result_at(by_result.get(after.result_id, []), after.history_date)
                if record is None:
                    continue
                found.append(
                    Correction(
                        after.history_date,
                        record,
                        str(after.pair),
                        before.votes,
                        None if after.history_type == "-" else after.votes,
                        _reason(record),
                    )
                )
    return sorted(found, key=lambda correction: correction.at, reverse=True)


def _reason(record):
    """A historical result's correction note in the reader's language (Indonesian without one)."""
    return getattr(record, build_localized_fieldname("correction", get_language())) or record.correction_ind


def _result_at(rows, moment):
    """The result as it was saved last before ``moment`` (its votes follow it within a save)."""
    earlier = [row for row in rows if row.history_date <= moment]
    return earlier[-1] if earlier else (rows[0] if rows else None)
