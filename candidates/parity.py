"""How evenly each contest's pairs are documented: the parity report, and the check before saving.

Staff use the report to see that no pair is shown with more (or less) than another: a photo for
every candidate, the official vision and mission in both languages, sourced vision, mission and
programme points, the official documents, the reported backgrounds and a source link. A
dashboard can reuse ``parity_report()`` as it is. ``uneven_content()`` tells the pair screen
when a save would publish one kind of content for one pair while another pair of the contest
has none of it (see ``admin.CandidatePairAdmin``).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname as localized

from elections.models import Contest

from .models import Background, Candidate, CandidatePair, Programme, Theme, lines

HEAD, DEPUTY = Candidate.Role.HEAD, Candidate.Role.DEPUTY
Kind = Programme.Kind


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass
class PairParity:
    pair: CandidatePair
    values: dict  # column key -> bool (present or not) or int (how many)

    @property
    def missing(self):
        """Keys of the columns this pair has nothing for."""
        return [key for key, value in self.values.items() if not value]


@dataclass
class ContestParity:
    contest: Contest
    columns: list
    rows: list = field(default_factory=list)

    @property
    def uneven(self):
        """Keys of the columns where the pairs differ, i.e. where one pair is shown with more."""
        return {c.key for c in self.columns if len({row.values[c.key] for row in self.rows}) > 1}

    def table(self):
        """Rows of (pair, [(column, value, uneven), ...]) in column order, for a template."""
        uneven = self.uneven
        return [
            (row.pair, [(c, row.values[c.key], c.key in uneven) for c in self.columns]) for row in self.rows
        ]


def columns(themes):
    return [
        Column("head_photo", _("Head: photo")),
        Column("deputy_photo", _("Deputy: photo")),
        Column("vision_id", _("Vision (Indonesian)")),
        Column("vision_en", _("Vision (English)")),
        Column("mission_id", _("Mission points (Indonesian)")),
        Column("mission_en", _("Mission points (English)")),
        Column("points:vision", _("Vision points with sources")),
        Column("points:mission", _("Mission points with sources")),
        *[Column(f"theme:{theme.slug}", theme.name) for theme in themes],
        Column("documents", _("Official documents")),
        Column("background:head", _("Head: reported background")),
        Column("background:deputy", _("Deputy: reported background")),
        Column("source_link", _("Source link")),
    ]


def _values(pair, themes, point_counts, background_counts):
    photos = {c.role: bool(c.photo) for c in pair.candidates.all()}
    return {
        "head_photo": photos.get(HEAD, False),
        "deputy_photo": photos.get(DEPUTY, False),
        "vision_id": bool(getattr(pair, localized("vision", "id"))),
        "vision_en": bool(getattr(pair, localized("vision", "en"))),
        "mission_id": len(lines(getattr(pair, localized("mission", "id")))),
        "mission_en": len(lines(getattr(pair, localized("mission", "en")))),
        "points:vision": sum(point_counts[pair.pk, Kind.VISION, theme.pk] for theme in themes),
        "points:mission": sum(point_counts[pair.pk, Kind.MISSION, theme.pk] for theme in themes),
        # Programmes are compared theme by theme, as on the comparison page.
        **{f"theme:{theme.slug}": point_counts[pair.pk, Kind.PROGRAMME, theme.pk] for theme in themes},
        "documents": pair.document_count,
        "background:head": background_counts[pair.pk, HEAD],
        "background:deputy": background_counts[pair.pk, DEPUTY],
        "source_link": bool(pair.source_url),
    }


def parity_report():
    """One ContestParity per contest (pairs in ballot order), in six queries whatever the data."""
    themes = list(Theme.objects.all())
    point_counts = Counter(
        {
            (row["pair_id"], row["kind"], row["theme_id"]): row["count"]
            for row in Programme.objects.values("pair_id", "kind", "theme_id")
            .annotate(count=Count("pk"))
            .order_by()
        }
    )
    background_counts = Counter(
        {
            (row["pair_id"], row["role"]): row["count"]
            for row in Background.objects.values("pair_id", "role").annotate(count=Count("pk")).order_by()
        }
    )
    pairs = CandidatePair.objects.annotate(document_count=Count("documents")).order_by("ballot_number")
    contests = Contest.objects.prefetch_related(
        Prefetch("pairs", queryset=pairs.prefetch_related("candidates"))
    )
    report = []
    for contest in contests:
        parity = ContestParity(contest, columns(themes))
        parity.rows = [
            PairParity(pair, _values(pair, themes, point_counts, background_counts))
            for pair in contest.pairs.all()
        ]
        report.append(parity)
    return report


# Before saving ---------------------------------------------------------------------------------

# What readers see of a pair, kind by kind: the pair screen asks before a save publishes more of
# one of these for one pair while another pair of the contest has none of it.
CONTENT = [
    Column("head_photo", _("Head: photo")),
    Column("deputy_photo", _("Deputy: photo")),
    Column("vision", _("Vision (official text)")),
    Column("mission", _("Mission (official text, points)")),
    Column("points:vision", _("Vision points with sources")),
    Column("points:mission", _("Mission points with sources")),
    Column("points:programme", _("Programme points with sources")),
    Column("documents", _("Official documents")),
    Column("backgrounds", _("Reported backgrounds")),
]


def content(vision, mission, candidates, points, documents, backgrounds):
    """How much of each kind of CONTENT a pair has: {key: count}, 0 when the page says "not yet available".

    Takes the pair's official texts in the default language and its rows, saved or about to be.
    """
    photos = {candidate.role for candidate in candidates if candidate.photo}
    kinds = Counter(point.kind for point in points)
    return {
        "head_photo": int(HEAD in photos),
        "deputy_photo": int(DEPUTY in photos),
        "vision": int(bool(vision)),
        "mission": len(lines(mission)),
        **{f"points:{kind}": kinds[kind] for kind in Kind.values},
        "documents": len(documents),
        "backgrounds": len(backgrounds),
    }


def stored_content(pair):
    """CONTENT counts of a saved pair, loaded with ``with_content()``."""
    language = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return content(
        getattr(pair, localized("vision", language)),
        getattr(pair, localized("mission", language)),
        pair.candidates.all(),
        pair.programmes.all(),
        pair.documents.all(),
        pair.backgrounds.all(),
    )


def with_content(pairs):
    return pairs.prefetch_related("candidates", "programmes", "documents", "backgrounds")


@dataclass
class Uneven:
    """One kind of content a save would add for a pair while another pair of the contest has none."""

    column: Column
    count: int  # what the pair being saved would have
    others: list  # [(pair, count)] for every other pair of the contest, in ballot order

    @property
    def lacking(self):
        return [pair for pair, count in self.others if not count]


def uneven_content(contest, pair_pk, before, after):
    """The kinds of content that saving ``after`` (counts, see ``content()``) over ``before`` would
    make or keep uneven: added to this pair while another pair of the contest has none of it."""
    others = with_content(CandidatePair.objects.filter(contest=contest).exclude(pk=pair_pk)).order_by(
        "ballot_number"
    )
    others = [(pair, stored_content(pair)) for pair in others]
    found = []
    for column in CONTENT:
        key = column.key
        if after[key] > before[key] and any(not counts[key] for _pair, counts in others):
            found.append(Uneven(column, after[key], [(pair, counts[key]) for pair, counts in others]))
    return found
