"""Candidate pairs (with candidates, parties, programmes and documents) and their programmes."""

from django.db.models import Prefetch
from ninja import Field, Path, Query, Router

from candidates.models import CandidatePair, Programme

from ..core import Error, Language, Slug, get_or_404
from ..schemas import CandidatePairOut, ProgrammeOut
from ..tables import joined
from . import publish

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
            Prefetch("programmes", queryset=Programme.objects.select_related("theme")),
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


def documents(item):
    return "\n".join(
        f"{entry['title']} ({entry['publisher']}): {entry['url']}" for entry in item["documents"]
    )


PERSON_FIELDS = ("full_name", "birth_place", "birth_date", "education", "career")

publish(
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
        *[(f"{role}_{field}", person(role, field)) for role in ("head", "deputy") for field in PERSON_FIELDS],
        ("parties", joined("parties", "abbreviation")),
        ("party_names", joined("parties", "name")),
        "vision",
        "mission",
        ("programmes", lambda item: len(item["programmes"])),
        ("documents", documents),
        "source",
        "source_url",
        "as_of",
        "url",
    ],
    notes="Pairs are always in ballot-number order. Photos are links to the stored web-sized copies.",
)


@router.get(
    "/candidate-pairs/{slug:contest}/{int:number}",
    response={200: CandidatePairOut, 404: Error, 400: Error},
    operation_id="get_candidate_pair",
    summary="One candidate pair, by contest and ballot number",
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
    theme: Slug | None = Field(None, description="Slug of a theme, e.g. kesehatan.")


def programmes(params):
    queryset = (
        Programme.objects.select_related("theme", "pair__contest__election")
        .prefetch_related("pair__candidates")
        .order_by(
            "-pair__contest__election__voting_day",
            "pair__contest__order",
            "pair__contest",
            "theme__order",
            "theme",
            "pair__ballot_number",
            "order",
            "pk",
        )
    )
    if params.election is not None:
        queryset = queryset.filter(pair__contest__election__slug=params.election)
    if params.contest is not None:
        queryset = queryset.filter(pair__contest__slug=params.contest)
    if params.theme is not None:
        queryset = queryset.filter(theme__slug=params.theme)
    return queryset


publish(
    router,
    "programmes",
    noun="programmes",
    item=ProgrammeOut,
    filters=ProgrammeFilters,
    queryset=programmes,
    columns=[
        "election",
        "contest",
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
    ],
    notes="Theme by theme, then in ballot-number order, so pairs line up for comparison.",
)
