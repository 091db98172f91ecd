"""Site search across pairs, areas and TPS, stages, announcements, fact checks and the guide.

The searchable set is small (hundreds of rows), so every kind is read in one query and matched
in Python after folding case and accents. The same code then behaves identically on SQLite and
PostgreSQL, the query count is fixed, and "Sa'bani" is found as "sabani".
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from announcements.models import Announcement, FactCheck
from candidates.models import CandidatePair
from elections.models import PollingStation, Stage, Subdistrict
from guide.models import Section, Term

MAX_QUERY_LENGTH = 100
MAX_RESULTS_PER_KIND = 20


def fold(text):
    """Lower case, without accents or apostrophes, with single spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"['’`]", "", plain.casefold())
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", plain)).strip()


def clean_query(raw):
    """(terms, shown query, was_truncated) for what the reader typed."""
    text = (raw or "").replace("\x00", "").strip()
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    return fold(text).split(), text, truncated


@dataclass
class Hit:
    title: str
    url: str
    detail: str = ""


@dataclass
class Group:
    key: str
    label: str
    hits: list = field(default_factory=list)
    total: int = 0


def _match(terms, *texts):
    haystack = fold(" ".join(str(t) for t in texts if t))
    return all(term in haystack for term in terms)


def _collect(group, terms, rows):
    for title, url, detail, searchable in rows:
        if _match(terms, title, detail, *searchable):
            group.total += 1
            if len(group.hits) < MAX_RESULTS_PER_KIND:
                group.hits.append(Hit(title=title, url=url, detail=detail))
    return group


def search(raw_query):
    """Groups of hits by kind, in a fixed order; empty when the query has no terms."""

    terms, _shown, _truncated = clean_query(raw_query)
    if not terms:
        return []
    pairs = CandidatePair.objects.for_cards()
    subdistricts = Subdistrict.objects.select_related("district")
    stations = PollingStation.objects.select_related("subdistrict__district").order_by(
        "subdistrict__name", "number"
    )
    groups = [
        _collect(
            Group("pairs", _("Candidate pairs")),
            terms,
            (
                (
                    f"{pair.ballot_number}. {pair.names}",
                    pair.get_absolute_url(),
                    str(pair.contest),
                    [f"{party.abbreviation} {party.name}" for party in pair.parties.all()],
                )
                for pair in pairs
            ),
        ),
        _collect(
            Group("areas", _("Kecamatan and kelurahan")),
            terms,
            (
                (
                    subdistrict.name,
                    subdistrict.get_absolute_url(),
                    _("Kecamatan %(name)s") % {"name": subdistrict.district.name},
                    [subdistrict.district.name, "kelurahan"],
                )
                for subdistrict in subdistricts
            ),
        ),
        _collect(
            Group("tps", _("TPS")),
            terms,
            (
                (
                    f"TPS {station.number:03d} {station.subdistrict.name}",
                    station.get_absolute_url(),
                    station.address,
                    [station.subdistrict.district.name, f"tps {station.number}"],
                )
                for station in stations
            ),
        ),
        _collect(
            Group("stages", _("Schedule")),
            terms,
            ((s.name, s.get_absolute_url(), "", [s.description]) for s in Stage.objects.all()),
        ),
        _collect(
            Group("announcements", _("Announcements")),
            terms,
            (
                (item.title, item.get_absolute_url(), item.summary, [item.get_category_display()])
                for item in Announcement.objects.published().order_by("-publish_at")
            ),
        ),
        _collect(
            Group("fact_checks", _("Fact checks")),
            terms,
            (
                (item.title, item.get_absolute_url(), item.get_verdict_display(), [item.claim])
                for item in FactCheck.objects.published().order_by("-publish_at")
            ),
        ),
        _collect(
            Group("guide", _("How to vote")),
            terms,
            (
                *((s.title, s.get_absolute_url(), "", [s.body]) for s in Section.objects.all()),
                *((t.term, t.get_absolute_url(), t.definition, [t.expansion]) for t in Term.objects.all()),
            ),
        ),
    ]
    return [group for group in groups if group.total]
