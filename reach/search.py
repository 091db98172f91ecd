"""Site search across pairs, areas and TPS, stages, announcements, fact checks and the guide.

The searchable set is small (hundreds of rows), so every kind is read in one query and matched
in Python after folding case and accents: the query count is fixed and "Sa'bani" is found as
"sabani". Matching understands Indonesian: common little words ("yang", "sudah") are left out,
and words are compared by stem (``core.stemming``), so "surat suara sudah dicoblos" finds a
text about "surat suara tercoblos". A word found nowhere is taken as a typo and replaced by the
nearest words of the portal's own text: by trigram similarity on PostgreSQL (pg_trgm, installed
by elections 0007), by a plain edit-distance comparison elsewhere. Kinds come in the order a
voter most often means them (kelurahan, pair, fact check, announcement, then the rest), the best
matches of each kind first.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connections, router
from django.utils.translation import gettext_lazy as _

from announcements.models import Announcement, FactCheck
from candidates.models import CandidatePair
from core.stemming import stem
from elections.models import PollingStation, Stage, Subdistrict
from guide.models import Section, Term

MAX_QUERY_LENGTH = 100
MAX_RESULTS_PER_KIND = 20
# Words that carry no meaning on their own in a query, in both languages.
_LITTLE_WORDS = (
    "yang dan atau di ke dari pada dalam untuk dengan ini itu sudah telah akan sedang masih adalah "
    "apakah apa bagaimana kapan dimana siapa saya kami kita ada oleh",
    "the a an of in on at to is are was and or for with what how when where who has have been already",
)
STOP_WORDS = frozenset(word for words in _LITTLE_WORDS for word in words.split())
# Typo tolerance: only words this long are corrected, to words at least this similar.
MIN_TYPO_LENGTH = 4
TRIGRAM_THRESHOLD = 0.4
PLAIN_THRESHOLD = 0.8


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


def meaningful(terms):
    """The query's words without the little ones, unless nothing else is left."""
    kept = [term for term in terms if term not in STOP_WORDS]
    return kept or terms


@dataclass
class Hit:
    title: str
    url: str
    detail: str = ""
    score: int = 0


@dataclass
class Group:
    key: str
    label: str
    hits: list = field(default_factory=list)
    total: int = 0


@dataclass
class Document:
    """One row's text, folded once: its words and their stems, the title's apart for ranking."""

    title: str
    url: str
    detail: str
    text: str
    words: frozenset
    stems: frozenset
    title_words: frozenset

    @classmethod
    def of(cls, title, url, detail, searchable):
        text = fold(" ".join(str(t) for t in (title, detail, *searchable) if t))
        words = frozenset(text.split())
        return cls(
            title, url, detail, text, words, frozenset(map(stem, words)), frozenset(fold(title).split())
        )

    def score(self, terms, corrections):
        """How well the document answers every term (0 = not at all): an exact word or the
        title counts most, a shared stem next, a part of a word or a corrected typo least."""
        total = 0
        for term in terms:
            if term in self.words:
                points = 4
            elif stem(term) in self.stems:
                points = 3
            elif term in self.text:
                points = 2
            elif corrections.get(term, set()) & self.words:
                points = 1
            else:
                return 0
            total += points + (2 if term in self.title_words else 0)
        return total


def _collect(group, terms, corrections, documents):
    scored = [(document.score(terms, corrections), document) for document in documents]
    matches = sorted((pair for pair in scored if pair[0]), key=lambda pair: -pair[0])
    group.total = len(matches)
    group.hits = [
        Hit(title=doc.title, url=doc.url, detail=doc.detail, score=score)
        for score, doc in matches[:MAX_RESULTS_PER_KIND]
    ]
    return group


def similar_words(terms, vocabulary, using):
    """{term: words of ``vocabulary`` that look like a typo of it}, for terms found nowhere."""
    if not terms or not vocabulary:
        return {}
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term, word FROM unnest(%s::text[]) AS term CROSS JOIN unnest(%s::text[]) AS word "
                "WHERE similarity(term, word) >= %s",
                [list(terms), sorted(vocabulary), TRIGRAM_THRESHOLD],
            )
            found = {}
            for term, word in cursor.fetchall():
                found.setdefault(term, set()).add(word)
            return found
    return {
        term: set(difflib.get_close_matches(term, vocabulary, n=5, cutoff=PLAIN_THRESHOLD)) for term in terms
    }


def _corrections(terms, documents, using):
    vocabulary = set().union(*(document.words for document in documents)) if documents else set()
    stems = {stem(word) for word in vocabulary}
    unknown = [
        term
        for term in terms
        if len(term) >= MIN_TYPO_LENGTH
        and not term.isdigit()
        and stem(term) not in stems
        and not any(term in word for word in vocabulary)
    ]
    return similar_words(unknown, vocabulary, using)


def search(raw_query):
    """Groups of hits by kind, in a fixed order; empty when the query has no terms."""

    terms, _shown, _truncated = clean_query(raw_query)
    if not terms:
        return []
    terms = meaningful(terms)
    stations = PollingStation.objects.select_related("subdistrict__district").order_by(
        "subdistrict__name", "number"
    )
    # (key, label, rows of (title, url, detail, other searchable texts)), in the order shown.
    kinds = [
        (
            "areas",
            _("Kecamatan and kelurahan"),
            (
                (
                    subdistrict.name,
                    subdistrict.get_absolute_url(),
                    _("Kecamatan %(name)s") % {"name": subdistrict.district.name},
                    [subdistrict.district.name, "kelurahan"],
                )
                for subdistrict in Subdistrict.objects.select_related("district")
            ),
        ),
        (
            "pairs",
            _("Candidate pairs"),
            (
                (
                    f"{pair.ballot_number}. {pair.names}",
                    pair.get_absolute_url(),
                    str(pair.contest),
                    [f"{party.abbreviation} {party.name}" for party in pair.parties.all()],
                )
                for pair in CandidatePair.objects.for_cards()
            ),
        ),
        (
            "fact_checks",
            _("Fact checks"),
            (
                (
                    item.title,
                    item.get_absolute_url(),
                    item.get_verdict_display(),
                    [item.claim, item.explanation],
                )
                for item in FactCheck.objects.published().order_by("-publish_at")
            ),
        ),
        (
            "announcements",
            _("Announcements"),
            (
                (item.title, item.get_absolute_url(), item.summary, [item.get_category_display()])
                for item in Announcement.objects.published().order_by("-publish_at")
            ),
        ),
        (
            "tps",
            _("TPS"),
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
        (
            "stages",
            _("Schedule"),
            (
                (s.name, s.get_absolute_url(), "", [s.description])
                for s in Stage.objects.select_related("election")
            ),
        ),
        (
            "guide",
            _("How to vote"),
            (
                *((s.title, s.get_absolute_url(), "", [s.body]) for s in Section.objects.all()),
                *((t.term, t.get_absolute_url(), t.definition, [t.expansion]) for t in Term.objects.all()),
            ),
        ),
    ]
    documents = {key: [Document.of(*row) for row in rows] for key, _label, rows in kinds}
    every_document = [document for found in documents.values() for document in found]
    corrections = _corrections(terms, every_document, router.db_for_read(Subdistrict))
    groups = [_collect(Group(key, label), terms, corrections, documents[key]) for key, label, _rows in kinds]
    return [group for group in groups if group.total]
