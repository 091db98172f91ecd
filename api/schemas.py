"""What each dataset item looks like in JSON (and, flattened, in CSV).

Read from model instances whose relations the querysets in ``api.endpoints`` already loaded, so
serialising never queries. Translated fields and labels follow the active language; unknown
values are null, never an empty string or a guess; times carry the WITA offset (+08:00).
"""

from datetime import date, datetime
from typing import Annotated, Literal

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema
from pydantic import BeforeValidator

from announcements.models import Category, Verdict
from candidates.models import Programme
from core.markup import sanitise
from core.renditions import Picture
from core.urlutils import absolute_url
from elections.models import Contest, PollingStation, Result, Stage, VoterCount
from elections.models.debates import DateBasis
from elections.models.figures import AreaLevel


def text(value):
    """Blank text is unknown: null."""
    return value or None


def page_url(obj, context, path=None):
    return absolute_url(path or obj.get_absolute_url(), context["request"])


def local(moment):
    return timezone.localtime(moment).replace(microsecond=0) if moment else None


def number(value):
    return float(value) if value is not None else None


# Fields read straight from the attribute of the same name, shown as null when unknown.
Text = Annotated[str | None, BeforeValidator(text)]
Number = Annotated[float | None, BeforeValidator(number)]


# Elections and areas ---------------------------------------------------------------------------


class ElectionOut(Schema):
    slug: str = Field(description="Stable identifier, e.g. pilkada-2024.")
    name: str
    voting_day: date
    polls_open: datetime = Field(description="When TPS open on voting day, with the WITA offset.")
    polls_close: datetime
    polling_hours_source: Text
    participation_target_min: Number = Field(description="Lower bound of the turnout target, in %.")
    participation_target_max: Number
    previous_participation: Number = Field(description="Turnout at the previous election, in %.")
    previous_election_name: Text
    participation_source: Text
    url: str = Field(description="The page about it on the portal.")

    @staticmethod
    def resolve_polls_open(obj):
        return timezone.make_aware(datetime.combine(obj.voting_day, obj.polls_open))

    @staticmethod
    def resolve_polls_close(obj):
        return timezone.make_aware(datetime.combine(obj.voting_day, obj.polls_close))

    @staticmethod
    def resolve_url(obj, context):
        return page_url(obj, context)


class ContestOut(Schema):
    slug: str = Field(description="Stable identifier, e.g. walikota-balikpapan-2024.")
    election: str = Field(validation_alias="election.slug", description="Slug of the election.")
    office: str
    area_name: str
    level: Contest.Level
    level_label: str
    order: int
    state: Contest.State = Field(
        description="scheduled, contested, uncontested (one pair against the empty box), postponed, "
        "cancelled, partial-rerun (a re-vote, PSU, in some TPS) or full-rerun (a repeat election)."
    )
    state_label: str
    voting_day: date | None = Field(
        description="The day voters vote in this contest: the election's, or a postponed contest's "
        "new day; null when cancelled or postponed without a new day yet."
    )
    revote_day: date | None = Field(
        description="The day of a re-vote (PSU) or repeat election; null if none."
    )
    state_decided_on: date | None = Field(description="Date of the decision behind the state; null if none.")
    legal_basis: Text = Field(description="The ruling or decision behind the state; null if none.")
    legal_basis_url: Text
    state_explanation: Text = Field(description="What the state means for voters; null if none.")
    rerun_tps: list[str] = Field(
        description="For a re-vote (PSU): the TPS voting again, as kelurahan slug and number, e.g. damai/7."
    )
    url: str

    @staticmethod
    def resolve_level_label(obj):
        return str(obj.get_level_display())

    @staticmethod
    def resolve_state_label(obj):
        return str(obj.get_state_display())

    @staticmethod
    def resolve_rerun_tps(obj):
        return [f"{station.subdistrict.slug}/{station.number}" for station in obj.rerun_stations.all()]

    @staticmethod
    def resolve_url(obj, context):
        return page_url(obj, context)


class StageOut(Schema):
    election: str = Field(validation_alias="election.slug")
    order: int = Field(description="Position in the schedule; with the election, a stable identifier.")
    phase: Stage.Phase
    phase_label: str
    kind: Stage.Kind
    kind_label: str
    name: str
    description: Text
    start: date
    end: date
    source: str
    source_url: Text
    url: str

    @staticmethod
    def resolve_phase_label(obj):
        return str(obj.get_phase_display())

    @staticmethod
    def resolve_kind_label(obj):
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_url(obj, context):
        return page_url(obj, context)


class DebateOut(Schema):
    election: str = Field(validation_alias="contest.election.slug")
    contest: str = Field(
        validation_alias="contest.slug", description="Slug of the contest; with the number, the debate."
    )
    number: int = Field(description="Which debate of the contest, from 1.")
    date: date
    start: datetime | None = Field(
        validation_alias="starts_at", description="Start with the WITA offset; null when no source gives one."
    )
    end: datetime | None = Field(
        validation_alias="ends_at", description="End with the WITA offset; null unless a source gives it."
    )
    time_note: Text = Field(description="What a reported time refers to, e.g. the broadcast.")
    venue: str
    city: str
    organiser: str
    broadcaster: Text = Field(description="Channels, separated by semicolons.")
    theme: str
    subthemes: list[str] = Field(validation_alias="subtheme_list")
    note: Text = Field(description="Format, and where sources disagree (a moved date, a different time).")
    source: str
    source_url: str
    source_date: date
    date_basis: DateBasis = Field(description="Where the report's date comes from: link, page or event.")
    date_basis_label: str
    url: str

    @staticmethod
    def resolve_date_basis_label(obj):
        return str(obj.get_date_basis_display())

    @staticmethod
    def resolve_url(obj, context):
        return page_url(obj, context)


class DistrictOut(Schema):
    slug: str = Field(description="Stable identifier, e.g. balikpapan-utara.")
    name: str
    code: Text = Field(description="Official Kemendagri region code, e.g. 64.71.03; null where not known.")
    bps_code: Text = Field(
        description="Statistics Indonesia (BPS) code, e.g. 6471030; numbered differently from Kemendagri's."
    )
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return page_url(obj, context)


class SubdistrictOut(DistrictOut):
    district: str = Field(validation_alias="district.slug", description="Slug of the kecamatan.")
    district_name: str = Field(validation_alias="district.name")


class PollingStationOut(Schema):
    election: str = Field(validation_alias="election.slug")
    district: str = Field(validation_alias="subdistrict.district.slug", description="Slug of the kecamatan.")
    subdistrict: str = Field(
        validation_alias="subdistrict.slug",
        description="Slug of the kelurahan; with the election and number, the TPS.",
    )
    subdistrict_name: str = Field(validation_alias="subdistrict.name")
    number: int = Field(description="TPS number within the kelurahan.")
    address: Text
    location_kind: PollingStation.LocationKind
    location_kind_label: str
    voters: int | None = Field(description="Voters on the DPT of this TPS; null if not published.")
    access: Literal["ground", "ramp", "steps"] | None = Field(
        description="Step-free access: ground (no steps), ramp, or steps (no ramp); null until checked."
    )
    access_label: str
    wide_door: bool | None = Field(description="Entrance 90 cm or wider; null when not checked.")
    braille_template: bool | None = Field(description="Braille ballot template; null when not checked.")
    priority_seating: bool | None = Field(description="Seating and priority; null when not checked.")
    accessibility_notes: Text
    source: str
    as_of: date
    url: str

    @staticmethod
    def resolve_location_kind_label(obj):
        return str(obj.get_location_kind_display())

    @staticmethod
    def resolve_access(obj):
        return text(obj.access)

    @staticmethod
    def resolve_access_label(obj):
        return str(obj.get_access_display())

    @staticmethod
    def resolve_url(obj, context):
        return page_url(obj, context)


class AreaFigureOut(Schema):
    """Where a figure applies: the whole city, one kecamatan or one kelurahan, and its provenance."""

    level: AreaLevel = Field(description="city, district (kecamatan) or subdistrict (kelurahan).")
    district: str | None = Field(description="Slug of the kecamatan (also for a kelurahan figure).")
    subdistrict: str | None = Field(description="Slug of the kelurahan, for a kelurahan figure.")
    area_name: str
    area_code: str | None = Field(
        description="Kemendagri code of the area (city-wide: the city's, 64.71); null if not known."
    )
    note: Text
    source: str
    source_url: Text
    as_of: date

    @staticmethod
    def resolve_district(obj):
        if obj.subdistrict_id:
            return obj.subdistrict.district.slug
        return obj.district.slug if obj.district_id else None

    @staticmethod
    def resolve_subdistrict(obj):
        return obj.subdistrict.slug if obj.subdistrict_id else None

    @staticmethod
    def resolve_area_name(obj):
        return str(obj.area_name)

    @staticmethod
    def resolve_area_code(obj):
        return text(obj.area.code) if obj.area else settings.PORTAL_CITY_CODE


class VoterCountOut(AreaFigureOut):
    election: str = Field(validation_alias="election.slug")
    list_stage: VoterCount.ListStage = Field(description="DPS, DPSHP or DPT.")
    list_stage_label: str
    total: int
    male: int | None
    female: int | None
    polling_stations: int | None = Field(description="Number of TPS in the area for this list.")

    @staticmethod
    def resolve_list_stage_label(obj):
        return str(obj.get_list_stage_display())


class PairVotesOut(Schema):
    ballot_number: int = Field(validation_alias="pair.ballot_number")
    pair: str = Field(validation_alias="pair.slug", description="Slug of the candidate pair.")
    names: str = Field(
        validation_alias="pair.names", description="Head and deputy, e.g. “Name One & Name Two”."
    )
    votes: int


class ResultOut(AreaFigureOut):
    election: str = Field(validation_alias="contest.election.slug")
    contest: str = Field(validation_alias="contest.slug", description="Slug of the contest.")
    count_stage: Result.CountStage = Field(
        description="Stage of the count: sementara (provisional, Sirekap), rekap-kecamatan (PPK), "
        "rekap-kota or rekap-provinsi (official recapitulation), setelah-sengketa (after a ruling)."
    )
    count_stage_label: str
    official: bool = Field(description="Whether the stage's figures are official.")
    decision: Text = Field(description="The decision that set the figures; null if none or unknown.")
    reported_at: datetime | None = Field(description="When KPU published the figures; null if unknown.")
    stations_counted: int | None = Field(description="TPS counted so far; null when not reported.")
    stations_total: int | None = Field(description="TPS in the area; null when not reported.")
    votes: list[PairVotesOut] = Field(description="Valid votes per pair, in ballot order.")
    empty_box_votes: int | None = Field(
        description="Votes for the empty box (kotak kosong) where one pair stood against it; null otherwise."
    )
    valid_votes: int | None = Field(
        description="Sum of the pairs' votes and the empty box's; null when none is published."
    )
    invalid_votes: int | None
    correction: Text = Field(
        description="What the last change to published figures corrected and why; null if never corrected. "
        "Every change is on the results' change log (/id/pemilihan/<election>/hasil/riwayat/)."
    )

    @staticmethod
    def resolve_count_stage_label(obj):
        return str(obj.get_count_stage_display())

    @staticmethod
    def resolve_official(obj):
        return obj.stage.official

    @staticmethod
    def resolve_reported_at(obj):
        return local(obj.reported_at)

    @staticmethod
    def resolve_votes(obj):
        return list(obj.votes.all())

    @staticmethod
    def resolve_valid_votes(obj):
        return obj.valid_votes(list(obj.votes.all()))


# Candidates -----------------------------------------------------------------------------------


class RenditionOut(Schema):
    format: str = Field(description="webp or jpeg.")
    width: int
    height: int
    url: str


class PhotoOut(Schema):
    description: str | None = Field(description="What the photo shows, for readers who cannot see it.")
    source: str | None
    renditions: list[RenditionOut] = Field(description="The stored web-sized copies, smallest first.")


def photo(record, description, source, request):
    picture = Picture(record)
    if not picture:
        return None
    renditions = [
        {**rendition, "format": key, "url": absolute_url(default_storage.url(rendition["name"]), request)}
        for key, renditions in (("webp", picture.webp), ("jpeg", picture.jpeg))
        for rendition in renditions
    ]
    return {"description": text(description), "source": text(source), "renditions": renditions}


class PartyOut(Schema):
    abbreviation: str
    name: str


class SourcedOut(Schema):
    """Who published a fact about a pair, where and when, and what a reader should know about it."""

    source: str = Field(description="Who published it, e.g. ibukotakini.com or KPU Kota Balikpapan.")
    source_url: Text
    as_of: date = Field(description="Date of the source.")
    note: Text = Field(description="What a reader should know about the source, e.g. reported later.")


class BackgroundOut(SourcedOut):
    text: str = Field(description="An office or occupation, as the source reported it (paraphrased).")


class CandidateOut(Schema):
    role: str = Field(description="head or deputy.")
    title: str = Field(description="What the person stands for, e.g. candidate for mayor.")
    full_name: str
    birth_place: Text
    birth_date: date | None
    education: list[str] = Field(
        validation_alias="education_entries",
        description="One entry per line of the official CV, most recent first.",
    )
    career: list[str] = Field(validation_alias="career_entries")
    background: list[BackgroundOut] = Field(
        validation_alias="reported_background",
        description="Offices and occupations as reported, with sources.",
    )
    photo: PhotoOut | None

    @staticmethod
    def resolve_title(obj):
        return str(obj.title)

    @staticmethod
    def resolve_photo(obj, context):
        return photo(obj.photo_renditions, obj.photo_alt, obj.photo_source, context["request"])


class ProgrammeItemOut(SourcedOut):
    kind: Programme.Kind = Field(description="Part of the pair's vision, mission or programmes.")
    theme: str = Field(validation_alias="theme.slug", description="Slug of the theme, e.g. kesehatan.")
    theme_name: str = Field(validation_alias="theme.name")
    order: int = Field(description="Position among the pair's points of the same kind.")
    title: str = Field(description="The point, paraphrased from its source.")
    description: Text
    page_reference: Text = Field(description="Page in the official document, e.g. p. 12.")


class DocumentOut(Schema):
    title: str
    url: str
    publisher: str


class CandidatePairOut(Schema):
    election: str = Field(validation_alias="contest.election.slug")
    contest: str = Field(
        validation_alias="contest.slug", description="Slug of the contest; with the ballot number, the pair."
    )
    ballot_number: int
    slug: str = Field(description="Readable name part of the pair's page address.")
    names: str
    incumbent: bool
    candidates: list[CandidateOut] = Field(description="Head first, then deputy.")
    parties: list[PartyOut] = Field(description="Supporting parties.")
    vision: Text = Field(description="The official text submitted to KPU.")
    mission: list[str] = Field(
        validation_alias="mission_points",
        description="The official mission points, in the order submitted to KPU.",
    )
    programmes: list[ProgrammeItemOut] = Field(
        description="Vision, mission and programme points as published, each with its source."
    )
    documents: list[DocumentOut] = Field(description="Official documents, such as the KPU visi-misi PDF.")
    source: str
    source_url: Text
    as_of: date
    url: str

    @staticmethod
    def resolve_slug(obj):
        return obj.slug or "paslon"

    @staticmethod
    def resolve_candidates(obj):
        return obj.ordered_candidates()

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.all())

    @staticmethod
    def resolve_programmes(obj):
        return list(obj.programmes.all())

    @staticmethod
    def resolve_documents(obj):
        return list(obj.documents.all())

    @staticmethod
    def resolve_url(obj, context):
        return page_url(obj, context)


class ProgrammeOut(ProgrammeItemOut):
    election: str = Field(validation_alias="pair.contest.election.slug")
    contest: str = Field(validation_alias="pair.contest.slug")
    ballot_number: int = Field(validation_alias="pair.ballot_number")
    pair: str = Field(description="Slug of the candidate pair.")
    names: str = Field(validation_alias="pair.names")

    @staticmethod
    def resolve_pair(obj):
        return obj.pair.slug or "paslon"


# Announcements --------------------------------------------------------------------------------


class StageRefOut(Schema):
    order: int
    name: str


class AttachmentOut(Schema):
    title: str
    size: int = Field(description="Size in bytes.")
    url: str

    @staticmethod
    def resolve_url(obj, context):
        path = reverse("announcements:attachment", kwargs={"slug": obj.announcement.slug, "pk": obj.pk})
        return absolute_url(path, context["request"])


class PublishedOut(Schema):
    slug: str = Field(description="Stable identifier, the same in both languages.")
    title: str
    published_at: datetime
    updated_at: datetime | None = Field(description="When a published correction was made; null if never.")
    correction_note: str | None = Field(description="Why it was corrected.")
    url: str

    @staticmethod
    def resolve_published_at(obj):
        return local(obj.publish_at)

    @staticmethod
    def resolve_updated_at(obj):
        return local(obj.corrected_at)

    @staticmethod
    def resolve_correction_note(obj):
        return text(obj.correction_note) if obj.corrected_at else None

    @staticmethod
    def resolve_url(obj, context):
        return page_url(obj, context)


class AnnouncementOut(PublishedOut):
    summary: str
    body: Text = Field(description="The text as Markdown.")
    body_html: str | None = Field(description="The text as sanitised HTML.")
    category: Category
    category_label: str
    pinned: bool
    election: str | None
    stage: StageRefOut | None
    source: Text
    cover: PhotoOut | None
    attachments: list[AttachmentOut] = Field(description="PDF documents, downloaded through the portal.")

    @staticmethod
    def resolve_body_html(obj):
        return text(str(sanitise(obj.body_html)))

    @staticmethod
    def resolve_category_label(obj):
        return str(obj.get_category_display())

    @staticmethod
    def resolve_election(obj):
        return obj.election.slug if obj.election_id else None

    @staticmethod
    def resolve_stage(obj):
        return obj.stage if obj.stage_id else None

    @staticmethod
    def resolve_cover(obj, context):
        return photo(obj.cover_renditions, obj.cover_alt, None, context["request"])

    @staticmethod
    def resolve_attachments(obj):
        return list(obj.attachments.all())


class EvidenceOut(Schema):
    label: str
    url: str


class FactCheckOut(PublishedOut):
    claim: str
    claim_channel: Text = Field(description="Where the claim circulates.")
    claim_seen_on: date | None
    verdict: Verdict
    verdict_label: str
    rating: int = Field(description="schema.org ClaimReview rating: 1 (hoax) to 4 (true).")
    explanation: str = Field(description="Markdown.")
    explanation_html: str = Field(description="Sanitised HTML.")
    evidence: list[EvidenceOut]

    @staticmethod
    def resolve_verdict_label(obj):
        return str(obj.get_verdict_display())

    @staticmethod
    def resolve_rating(obj):
        return Verdict(obj.verdict).rating

    @staticmethod
    def resolve_explanation_html(obj):
        return str(sanitise(obj.explanation_html))

    @staticmethod
    def resolve_evidence(obj):
        return [{"label": label, "url": url} for label, url in obj.evidence_links]
