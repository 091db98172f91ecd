"""Elections, contests, stages, areas, TPS, voter counts and results."""

from typing import Literal

from django.db.models import F, Prefetch, Q
from django.db.models.functions import Coalesce
from ninja import Field, Router

from elections.models import (
    Contest,
    Debate,
    District,
    Election,
    PollingStation,
    Result,
    ResultVote,
    Stage,
    Subdistrict,
    VoterCount,
)
from elections.models.figures import AreaLevel

from ..core import Language, Slug
from ..schemas import (
    ContestOut,
    DebateOut,
    DistrictOut,
    ElectionOut,
    PollingStationOut,
    ResultOut,
    StageOut,
    SubdistrictOut,
    VoterCountOut,
)
from . import add_detail_endpoint, add_list_endpoint

# City first, then each kecamatan followed by its kelurahan, the same on every database (where
# NULLs sort differs): a figure's area is the kecamatan, the kelurahan, or neither (the city).
AREA_ORDER = (
    Coalesce("district__name", "subdistrict__district__name").asc(nulls_first=True),
    F("subdistrict__name").asc(nulls_first=True),
)

router = Router()

ELECTION = Field(None, description="Slug of an election, e.g. pilkada-2024.")
CONTEST = Field(None, description="Slug of a contest, e.g. walikota-balikpapan-2024.")
DISTRICT = Field(None, description="Slug of a kecamatan, e.g. balikpapan-utara.")
SUBDISTRICT = Field(None, description="Slug of a kelurahan, e.g. gunung-samarinda-baru.")
LEVEL = Field(
    None, description="Only city-wide figures (city), kecamatan (district) or kelurahan (subdistrict)."
)


def filter_by_params(queryset, params, **lookups):
    """Apply the filters that were given: ``lookups`` maps a parameter to its ORM lookup."""
    chosen = {lookup: getattr(params, name) for name, lookup in lookups.items()}
    return queryset.filter(**{lookup: value for lookup, value in chosen.items() if value is not None})


def in_area(queryset, params):
    """Figures of one level; a kecamatan covers its own figure and those of its kelurahan."""
    if params.level == AreaLevel.CITY:
        queryset = queryset.filter(district__isnull=True, subdistrict__isnull=True)
    elif params.level == AreaLevel.DISTRICT:
        queryset = queryset.filter(district__isnull=False)
    elif params.level == AreaLevel.SUBDISTRICT:
        queryset = queryset.filter(subdistrict__isnull=False)
    if params.district is not None:
        queryset = queryset.filter(
            Q(district__slug=params.district) | Q(subdistrict__district__slug=params.district)
        )
    if params.subdistrict is not None:
        queryset = queryset.filter(subdistrict__slug=params.subdistrict)
    return queryset


# Elections ------------------------------------------------------------------------------------


def elections(params):
    return Election.objects.order_by("-voting_day", "slug")


add_list_endpoint(
    router,
    "elections",
    noun="elections",
    item=ElectionOut,
    filters=Language,
    queryset=elections,
    columns=[
        "slug",
        "name",
        "voting_day",
        "polls_open",
        "polls_close",
        "polling_hours_source",
        "participation_target_min",
        "participation_target_max",
        "previous_participation",
        "previous_election_name",
        "participation_source",
        "url",
    ],
)


add_detail_endpoint(
    router,
    "elections",
    name="election",
    item=ElectionOut,
    queryset=Election.objects.all,
    summary="One election",
)


# Contests -------------------------------------------------------------------------------------


class ContestFilters(Language):
    election: Slug | None = ELECTION


def contests(params):
    queryset = with_rerun_tps(Contest.objects.select_related("election")).order_by(
        "-election__voting_day", "order", "slug"
    )
    return filter_by_params(queryset, params, election="election__slug")


def with_rerun_tps(queryset):
    stations = PollingStation.objects.select_related("subdistrict").order_by("subdistrict__slug", "number")
    return queryset.prefetch_related(Prefetch("rerun_stations", queryset=stations))


add_list_endpoint(
    router,
    "contests",
    noun="contests",
    item=ContestOut,
    filters=ContestFilters,
    queryset=contests,
    columns=[
        "slug",
        "election",
        "office",
        "area_name",
        "level",
        "level_label",
        "order",
        "state",
        "state_label",
        "voting_day",
        "revote_day",
        "state_decided_on",
        "legal_basis",
        "legal_basis_url",
        "state_explanation",
        "rerun_tps",
        "url",
    ],
)


add_detail_endpoint(
    router,
    "contests",
    name="contest",
    item=ContestOut,
    queryset=lambda: with_rerun_tps(Contest.objects.select_related("election")),
    summary="One contest",
)


# Stages ---------------------------------------------------------------------------------------


class StageFilters(Language):
    election: Slug | None = ELECTION
    kind: Stage.Kind | None = Field(None, description="Only stages of this kind, e.g. voting.")
    phase: Stage.Phase | None = Field(None, description="Only stages of this phase.")


def stages(params):
    queryset = Stage.objects.select_related("election").order_by("-election__voting_day", "election", "order")
    return filter_by_params(queryset, params, election="election__slug", kind="kind", phase="phase")


add_list_endpoint(
    router,
    "stages",
    noun="election stages",
    item=StageOut,
    filters=StageFilters,
    queryset=stages,
    columns=[
        "election",
        "order",
        "phase",
        "phase_label",
        "kind",
        "kind_label",
        "name",
        "description",
        "start",
        "end",
        "source",
        "source_url",
        "url",
    ],
)


# Debates --------------------------------------------------------------------------------------


class DebateFilters(Language):
    election: Slug | None = ELECTION
    contest: Slug | None = CONTEST


def debates(params):
    queryset = Debate.objects.select_related("contest__election").order_by(
        "-contest__election__voting_day", "contest__election", "contest__order", "contest__slug", "number"
    )
    return filter_by_params(queryset, params, election="contest__election__slug", contest="contest__slug")


add_list_endpoint(
    router,
    "debates",
    noun="public debates",
    item=DebateOut,
    filters=DebateFilters,
    queryset=debates,
    columns=[
        "election",
        "contest",
        "number",
        "date",
        "start",
        "end",
        "time_note",
        "venue",
        "city",
        "organiser",
        "broadcaster",
        "theme",
        "subthemes",
        "note",
        "source",
        "source_url",
        "source_date",
        "date_basis",
        "date_basis_label",
        "url",
    ],
    notes="Times are null where no source gives one; subthemes are one per line in the CSV.",
)


# Areas ----------------------------------------------------------------------------------------


def districts(params):
    return District.objects.order_by("name", "slug")


add_list_endpoint(
    router,
    "districts",
    noun="kecamatan",
    item=DistrictOut,
    filters=Language,
    queryset=districts,
    columns=["slug", "name", "code", "bps_code", "url"],
)


add_detail_endpoint(
    router,
    "districts",
    name="district",
    item=DistrictOut,
    queryset=District.objects.all,
    summary="One kecamatan",
)


class SubdistrictFilters(Language):
    district: Slug | None = DISTRICT


def subdistricts(params):
    queryset = Subdistrict.objects.select_related("district").order_by("district__name", "name", "slug")
    return filter_by_params(queryset, params, district="district__slug")


add_list_endpoint(
    router,
    "subdistricts",
    noun="kelurahan",
    item=SubdistrictOut,
    filters=SubdistrictFilters,
    queryset=subdistricts,
    columns=["slug", "name", "code", "bps_code", "district", "district_name", "url"],
)


add_detail_endpoint(
    router,
    "subdistricts",
    name="subdistrict",
    item=SubdistrictOut,
    queryset=lambda: Subdistrict.objects.select_related("district"),
    summary="One kelurahan",
)


# TPS ------------------------------------------------------------------------------------------


class PollingStationFilters(Language):
    election: Slug | None = ELECTION
    district: Slug | None = DISTRICT
    subdistrict: Slug | None = SUBDISTRICT
    access: Literal["ground", "ramp", "steps", "unknown"] | None = Field(
        None, description="Only TPS with this step-free access; unknown = not yet checked."
    )
    location_kind: PollingStation.LocationKind | None = Field(None, description="Only TPS of this kind.")


def polling_stations(params):
    queryset = PollingStation.objects.select_related("election", "subdistrict__district").order_by(
        "election", "subdistrict__district__name", "subdistrict__name", "subdistrict", "number"
    )
    queryset = filter_by_params(
        queryset,
        params,
        election="election__slug",
        district="subdistrict__district__slug",
        subdistrict="subdistrict__slug",
        location_kind="location_kind",
    )
    if params.access is not None:
        queryset = queryset.filter(access="" if params.access == "unknown" else params.access)
    return queryset


add_list_endpoint(
    router,
    "polling-stations",
    noun="TPS (polling stations)",
    item=PollingStationOut,
    filters=PollingStationFilters,
    queryset=polling_stations,
    columns=[
        "election",
        "district",
        "subdistrict",
        "subdistrict_name",
        "number",
        "address",
        "location_kind",
        "location_kind_label",
        "voters",
        "access",
        "access_label",
        "wide_door",
        "braille_template",
        "priority_seating",
        "accessibility_notes",
        "source",
        "as_of",
        "url",
    ],
    notes="Accessibility facts are null until checked.",
)


# Voter counts ---------------------------------------------------------------------------------

AREA_COLUMNS = ["level", "district", "subdistrict", "area_name", "area_code"]
PROVENANCE_COLUMNS = ["note", "source", "source_url", "as_of"]


class VoterCountFilters(Language):
    election: Slug | None = ELECTION
    list_stage: VoterCount.ListStage | None = Field(None, description="Only this list: DPS, DPSHP or DPT.")
    level: AreaLevel | None = LEVEL
    district: Slug | None = Field(None, description="Only this kecamatan and its kelurahan.")
    subdistrict: Slug | None = SUBDISTRICT


def voter_counts(params):
    queryset = VoterCount.objects.select_related("election", "district", "subdistrict__district").order_by(
        "election", "list_stage", *AREA_ORDER, "pk"
    )
    return in_area(
        filter_by_params(queryset, params, election="election__slug", list_stage="list_stage"), params
    )


add_list_endpoint(
    router,
    "voter-counts",
    noun="voter counts",
    item=VoterCountOut,
    filters=VoterCountFilters,
    queryset=voter_counts,
    columns=[
        "election",
        "list_stage",
        "list_stage_label",
        *AREA_COLUMNS,
        "total",
        "male",
        "female",
        "polling_stations",
        *PROVENANCE_COLUMNS,
    ],
    notes="City-wide figures have level city and no district; unknown parts (male, female, TPS) are null.",
)


# Results --------------------------------------------------------------------------------------


class ResultFilters(Language):
    election: Slug | None = ELECTION
    contest: Slug | None = CONTEST
    level: AreaLevel | None = LEVEL
    district: Slug | None = Field(None, description="Only this kecamatan and its kelurahan.")
    subdistrict: Slug | None = SUBDISTRICT
    count_stage: Result.CountStage | None = Field(None, description="Only this stage of the count.")


def results(params):
    votes = ResultVote.objects.select_related("pair").prefetch_related("pair__candidates")
    queryset = (
        Result.objects.with_stage_rank()
        .select_related("contest__election", "district", "subdistrict__district")
        .prefetch_related(Prefetch("votes", queryset=votes.order_by("pair__ballot_number")))
        .order_by("contest__election", "contest__order", "contest", *AREA_ORDER, "stage_rank", "pk")
    )
    return in_area(
        filter_by_params(
            queryset,
            params,
            election="contest__election__slug",
            contest="contest__slug",
            count_stage="count_stage",
        ),
        params,
    )


NO_VOTES = {"ballot_number": None, "pair": None, "names": None, "votes": None}


def per_pair(item):
    """One CSV row per pair's tally (one row with empty pair cells when none is published)."""
    return [{**item, **vote} for vote in item["votes"]] or [{**item, **NO_VOTES}]


add_list_endpoint(
    router,
    "results",
    noun="results",
    item=ResultOut,
    filters=ResultFilters,
    queryset=results,
    columns=[
        "election",
        "contest",
        *AREA_COLUMNS,
        "count_stage",
        "count_stage_label",
        "official",
        "decision",
        "reported_at",
        "stations_counted",
        "stations_total",
        "ballot_number",
        "pair",
        "names",
        "votes",
        "empty_box_votes",
        "valid_votes",
        "invalid_votes",
        "correction",
        *PROVENANCE_COLUMNS,
    ],
    rows=per_pair,
    notes="Valid votes are the sum of the pairs' votes and, with one pair against the empty box (kotak "
    "kosong), the empty box's votes. The CSV has one row per pair and area.",
    related_changes=[(ResultVote.history.model, "result_id")],
)
