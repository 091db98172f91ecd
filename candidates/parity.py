"""How evenly each contest's pairs are documented: the figures behind the admin parity report.

Staff use it to check, before publishing, that no pair is shown with more (or less) than
another: a photo for every candidate, vision, mission and programmes in both languages, the
official documents and a source link. A dashboard can reuse ``parity_report()`` as it is.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname as localized

from elections.models import Contest

from .models import Candidate, CandidatePair, Programme, Theme, lines


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
        *[Column(f"theme:{theme.slug}", theme.name) for theme in themes],
        Column("documents", _("Official documents")),
        Column("source_link", _("Source link")),
    ]


def _values(pair, themes, programme_counts):
    photos = {c.role: bool(c.photo) for c in pair.candidates.all()}
    return {
        "head_photo": photos.get(Candidate.Role.HEAD, False),
        "deputy_photo": photos.get(Candidate.Role.DEPUTY, False),
        "vision_id": bool(getattr(pair, localized("vision", "id"))),
        "vision_en": bool(getattr(pair, localized("vision", "en"))),
        "mission_id": len(lines(getattr(pair, localized("mission", "id")))),
        "mission_en": len(lines(getattr(pair, localized("mission", "en")))),
        **{f"theme:{theme.slug}": programme_counts[pair.pk, theme.pk] for theme in themes},
        "documents": pair.document_count,
        "source_link": bool(pair.source_url),
    }


def parity_report():
    """One ContestParity per contest (pairs in ballot order), in five queries whatever the data."""
    themes = list(Theme.objects.all())
    programme_counts = Counter(
        {
            (row["pair_id"], row["theme_id"]): row["count"]
            for row in Programme.objects.values("pair_id", "theme_id").annotate(count=Count("pk")).order_by()
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
            PairParity(pair, _values(pair, themes, programme_counts)) for pair in contest.pairs.all()
        ]
        report.append(parity)
    return report
