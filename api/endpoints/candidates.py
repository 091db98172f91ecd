"""Candidate pairs (with candidates, parties, sourced points and documents) and their points.

The points are the pairs' vision, mission and programme points as published, each with its
source; the "programmes" dataset lists them all, one row each, with its kind.
"""

from django.db.models import Prefetch
from ninja import Field, Path, Query, Router

from candidates.models import KIND_ORDER, Background, CandidatePair, Programme

from ..core import Error, Language, Slug, get_or_404
from ..schemas import CandidatePairOut, ProgrammeOut
from ..tables import joined
from . import add_list_endpoint

router = Router()


class PairFilters(Language):
    election: Slug | None = Field(None, description="Slug of an election, e.g. pilkada-2024.")
    contest: Slug | None = Field(None, description="Slug of a contest, e.g. walikota-balikpapan-2024.")


def pairs():
    """Pairs with everything their item shows, in ballot order, in a fixed number of queries."""
    return (
        CandidatePair.objects.select_related("contest__election")
        .prefetch_related(
            "candidates",
            "parties",
            "documents",
            Prefetch(
                "programmes",
                queryset=Programme.objects.select_related("theme").order_by(KIND_ORDER, "order", "pk"),
            ),
            Prefetch("backgrounds", queryset=Background.objects.order_by("role", "order", "pk")),
        )
        .order_by("-contest__election__voting_day", "contest__order", "contest", "ballot_number")
    )


def candidate_pairs(params):
    queryset = pairs()
    if params.election is not None:
        queryset = queryset.filter(contest__election__slug=params.election)
    if params.contest is not None:
        queryset = queryset.filter(contest__slug=params.contest)
    return queryset


def person(role, field):
    def value(item):
        people = [candidate for candidate in item["candidates"] if candidate["role"] == role]
        return people[0][field] if people else None

    return value


def sourced(entries, text):
    """One line per sourced entry: what it says, who published it and when."""
    return "\n".join(f"{entry[text]} ({entry['source']}, {entry['as_of']})" for entry in entries)


def background(role):
    def value(item):
        people = [candidate for candidate in item["candidates"] if candidate["role"] == role]
        return sourced(people[0]["background"], "text") if people else None

    return value


def points(kind):
    return lambda item: sourced([point for point in item["programmes"] if point["kind"] == kind], "title")


def documents(item):
    return "\n".join(
        f"{entry['title']} ({entry['publisher']}): {entry['url']}" for entry in item["documents"]
    )


ROLES = ("head", "deputy")
PERSON_FIELDS = ("full_name", "birth_place", "birth_date", "education", "career")

add_list_endpoint(
    router,
    "candidate-pairs",
    noun="candidate pairs",
    item=CandidatePairOut,
    filters=PairFilters,
    queryset=candidate_pairs,
    columns=[
        "election",
        "contest",
        "ballot_number",
        "slug",
        "names",
        "incumbent",
        *[(f"{role}_{field}", person(role, field)) for role in ROLES for field in PERSON_FIELDS],
        *[(f"{role}_background", background(role)) for role in ROLES],
        ("parties", joined("parties", "abbreviation")),
        ("party_names", joined("parties", "name")),
        "vision",
        "mission",
        ("programmes", lambda item: len(item["programmes"])),
        *[(f"{kind}_points", points(kind)) for kind in Programme.Kind.values],
        ("documents", documents),
        "source",
        "source_url",
        "as_of",
        "url",
    ],
    notes=(
        "Pairs are always in ballot-number order. Photos are links to the stored web-sized copies. "
        "`vision` and `mission` are the official texts submitted to KPU; `programmes` holds the vision, "
        "mission and programme points as published, each with its source (in CSV, one line per point)."
    ),
)


@router.get(
    "/candidate-pairs/{slug:contest}/{int:number}",
    response={200: CandidatePairOut, 404: Error, 400: Error},
    operation_id="get_candidate_pair",
    summary="One candidate pair, by contest and ballot number",
    description="The pair with the same fields as in the list. Translated fields follow `lang`.",
    tags=["candidate-pairs"],
    url_name="candidate-pair",
)
def candidate_pair_detail(
    request,
    contest: Slug,
    params: Query[Language],
    # Ballot numbers are small: a bigger one cannot exist and must not overflow the database.
    number: int = Path(..., ge=1, le=32767),
):
    return get_or_404(pairs(), "number", contest__slug=contest, ballot_number=number)


# Programmes -----------------------------------------------------------------------------------


class ProgrammeFilters(PairFilters):
    kind: Programme.Kind | None = Field(None, description="Only vision, mission or programme points.")
    theme: Slug | None = Field(None, description="Slug of a theme, e.g. kesehatan.")


def programmes(params):
    queryset = (
        Programme.objects.select_related("theme", "pair__contest__election")
        .prefetch_related("pair__candidates")
        .order_by(
            "-pair__contest__election__voting_day",
            "pair__contest__order",
            "pair__contest",
            KIND_ORDER,
            "theme__order",
            "theme",
            "pair__ballot_number",
            "order",
            "pk",
        )
    )
    if params.kind is not None:
        queryset = queryset.filter(kind=params.kind)
    if params.election is not None:
        queryset = queryset.filter(pair__contest__election__slug=params.election)
    if params.contest is not None:
        queryset = queryset.filter(pair__contest__slug=params.contest)
    if params.theme is not None:
        queryset = queryset.filter(theme__slug=params.theme)
    return queryset


add_list_endpoint(
    router,
    "programmes",
    noun="programmes",
    item=ProgrammeOut,
    filters=ProgrammeFilters,
    queryset=programmes,
    columns=[
        "election",
        "contest",
        "kind",
        "theme",
        "theme_name",
        "ballot_number",
        "pair",
        "names",
        "order",
        "title",
        "description",
        "page_reference",
        "source",
        "source_url",
        "as_of",
        "note",
    ],
    notes=(
        "Vision points, then mission points, then programmes; theme by theme, then in ballot-number "
        "order, so pairs line up for comparison. Each point names its own source and date."
    ),
)
