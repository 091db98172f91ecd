"""Fictional data for load tests: many times the demo's rows, every name marked as fictional.

``generate(factor)`` adds ``factor - 1`` times what the demo holds (kecamatan, kelurahan, voter
counts, TPS, contests with pairs, candidates, parties and programmes, results, announcements
and fact checks), so the database holds about ``factor`` times the demo data. The schedule is
left alone: it does not grow with a place's size. Rows are written with ``bulk_create`` (no
history records, no signals), then a new content version starts so cached pages render afresh.

Nothing here is about a real person, party or place: names read "Fiktif" / "uji beban"
(load test), and the sources say the figures are invented. Use a scratch database only
(``make bench`` creates one; see docs/performance.md).
"""

from dataclasses import dataclass
from datetime import date, datetime
from itertools import cycle

from django.db import transaction
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from announcements.models import Announcement, Category, FactCheck, Status
from announcements.models.factchecks import Verdict
from candidates.models import Candidate, CandidatePair, PairDocument, Party, Programme, Theme
from elections.models import (
    Contest,
    District,
    Election,
    PollingStation,
    Result,
    ResultVote,
    Subdistrict,
    VoterCount,
)
from pagecache.store import bump_content_version

SLUG_PREFIX = "fiktif-"
SOURCE = "Data fiktif untuk uji beban (generate_load_data); bukan data resmi"
AS_OF = date(2024, 11, 20)
# Real TPS of the city on the DPT (996); the demo has no TPS rows, so this sets the scale.
TPS_PER_FACTOR = 996
PAIRS_PER_CONTEST = 5
PARTIES_PER_PAIR = 3
PROGRAMMES_PER_THEME = 2
FIRST_PUBLICATION = datetime(2024, 6, 1, 9, 0)
LAST_PUBLICATION = datetime(2024, 11, 26, 9, 0)


class AlreadyGenerated(Exception):
    pass


@dataclass
class Counts:
    districts: int = 0
    subdistricts: int = 0
    voter_counts: int = 0
    polling_stations: int = 0
    contests: int = 0
    parties: int = 0
    pairs: int = 0
    candidates: int = 0
    programmes: int = 0
    results: int = 0
    announcements: int = 0
    fact_checks: int = 0

    def summary(self):
        return ", ".join(f"{value} {name.replace('_', ' ')}" for name, value in vars(self).items())


def both(name, indonesian, english):
    """Keyword arguments for one translated field in both languages."""
    return {
        build_localized_fieldname(name, "id"): indonesian,
        build_localized_fieldname(name, "en"): english,
    }


def generate(factor=10):
    """Add fictional rows so the database holds about ``factor`` times the demo data."""
    if factor < 2:
        raise ValueError("The factor must be at least 2.")
    election = Election.objects.featured()
    if election is None:
        raise LookupError("Load the demo data first (manage.py load_demo).")
    if District.objects.filter(slug__startswith=SLUG_PREFIX).exists():
        raise AlreadyGenerated("Fictional load data is already present; start from a fresh database.")
    extra = factor - 1
    counts = Counts()
    with transaction.atomic():
        subdistricts = _areas(extra, counts)
        _voter_counts(election, subdistricts, counts)
        _polling_stations(election, subdistricts, extra, counts)
        pairs = _candidates(election, extra, counts)
        _results(pairs, subdistricts, counts)
        _announcements(election, extra, counts)
    bump_content_version()
    return counts


def _areas(extra, counts):
    districts = District.objects.bulk_create(
        District(name=f"Kecamatan Fiktif {n:03d}", slug=f"{SLUG_PREFIX}kecamatan-{n:03d}")
        for n in range(1, District.objects.count() * extra + 1)
    )
    wanted = Subdistrict.objects.count() * extra
    homes = cycle(districts)
    subdistricts = Subdistrict.objects.bulk_create(
        Subdistrict(
            district=next(homes),
            name=f"Kelurahan Fiktif {n:04d}",
            slug=f"{SLUG_PREFIX}kelurahan-{n:04d}",
        )
        for n in range(1, wanted + 1)
    )
    counts.districts, counts.subdistricts = len(districts), len(subdistricts)
    return subdistricts


def _voter_counts(election, subdistricts, counts):
    """DPS and DPT per fictional kelurahan; each fictional kecamatan holds the sum of its parts."""
    rows, sums = [], {}
    for n, subdistrict in enumerate(subdistricts):
        for list_stage, total in (("DPS", 4_000 + n % 997), ("DPT", 4_100 + n % 991)):
            male = total // 2
            rows.append(
                VoterCount(
                    election=election,
                    list_stage=list_stage,
                    subdistrict=subdistrict,
                    total=total,
                    male=male,
                    female=total - male,
                    polling_stations=total // 450 + 1,
                    source=SOURCE,
                    as_of=AS_OF,
                )
            )
            whole = sums.setdefault((subdistrict.district_id, list_stage), [0, 0, 0, 0])
            for index, value in enumerate((total, male, total - male, total // 450 + 1)):
                whole[index] += value
    for (district_id, list_stage), (total, male, female, tps) in sums.items():
        rows.append(
            VoterCount(
                election=election,
                list_stage=list_stage,
                district_id=district_id,
                total=total,
                male=male,
                female=female,
                polling_stations=tps,
                source=SOURCE,
                as_of=AS_OF,
            )
        )
    counts.voter_counts = len(VoterCount.objects.bulk_create(rows, batch_size=500))


def _polling_stations(election, subdistricts, extra, counts):
    """The city's 996 TPS, ``extra`` times over, spread evenly over the fictional kelurahan."""
    share, remainder = divmod(TPS_PER_FACTOR * extra, len(subdistricts))
    access = cycle(PollingStation.Access.values)
    rows = [
        PollingStation(
            election=election,
            subdistrict=subdistrict,
            number=number,
            address=f"Jalan Fiktif {number}, {subdistrict.name}",
            voters=300 + number,
            access=next(access),
            **both("accessibility_notes", "Catatan fiktif.", "Fictional note."),
            source=SOURCE,
            as_of=AS_OF,
        )
        for index, subdistrict in enumerate(subdistricts)
        for number in range(1, share + (index < remainder) + 1)
    ]
    counts.polling_stations = len(PollingStation.objects.bulk_create(rows, batch_size=1000))


def _candidates(election, extra, counts):
    """Fictional contests, each with five pairs, their candidates, parties, programmes and a document."""
    real_pairs = CandidatePair.objects.count()
    contests = Contest.objects.bulk_create(
        Contest(
            election=election,
            slug=f"{SLUG_PREFIX}pemilihan-{n:02d}",
            **both("office", f"Pemilihan Fiktif {n:02d}", f"Fictional Contest {n:02d}"),
            **both("area_name", "Wilayah Uji Beban", "Load-test Area"),
            level=Contest.Level.CITY,
            order=100 + n,
        )
        for n in range(1, max(1, real_pairs * extra // PAIRS_PER_CONTEST) + 1)
    )
    pairs = CandidatePair.objects.bulk_create(
        CandidatePair(
            contest=contest,
            ballot_number=number,
            slug=f"calon-fiktif-{c:02d}-{number}-wakil-fiktif-{c:02d}-{number}",
            **both("vision", f"Visi fiktif pasangan {number}.", f"Fictional vision of pair {number}."),
            **both(
                "mission",
                "\n".join(f"Misi fiktif {m}" for m in range(1, 6)),
                "\n".join(f"Fictional mission {m}" for m in range(1, 6)),
            ),
            source=SOURCE,
            as_of=AS_OF,
        )
        for c, contest in enumerate(contests, start=1)
        for number in range(1, PAIRS_PER_CONTEST + 1)
    )
    candidates = Candidate.objects.bulk_create(
        Candidate(
            pair=pair,
            role=role,
            full_name=f"{title} Fiktif {pair.contest.order - 100:02d}-{pair.ballot_number}",
        )
        for pair in pairs
        for role, title in ((Candidate.Role.HEAD, "Calon"), (Candidate.Role.DEPUTY, "Wakil"))
    )
    parties = Party.objects.bulk_create(
        Party(name=f"Partai Fiktif {n:03d}", abbreviation=f"PF{n:03d}")
        for n in range(1, len(pairs) * PARTIES_PER_PAIR + 1)
    )
    Through = CandidatePair.parties.through
    Through.objects.bulk_create(
        Through(candidatepair=pair, party=parties[i * PARTIES_PER_PAIR + k])
        for i, pair in enumerate(pairs)
        for k in range(PARTIES_PER_PAIR)
    )
    themes = list(Theme.objects.all())
    programmes = Programme.objects.bulk_create(
        (
            Programme(
                pair=pair,
                theme=theme,
                order=order,
                **both("title", f"Program fiktif {order} ({theme.name})", f"Fictional programme {order}"),
                **both("description", "Uraian program fiktif.", "A fictional programme."),
                page_reference=f"hlm. {order + 1}",
                source=SOURCE,
                as_of=AS_OF,
            )
            for pair in pairs
            for theme in themes
            for order in range(1, PROGRAMMES_PER_THEME + 1)
        ),
        batch_size=500,
    )
    PairDocument.objects.bulk_create(
        PairDocument(
            pair=pair,
            **both("title", "Dokumen visi-misi fiktif", "Fictional vision and mission document"),
            url="https://example.org/dokumen-fiktif.pdf",
            publisher="Penerbit Fiktif",
        )
        for pair in pairs
    )
    counts.contests, counts.pairs, counts.candidates = len(contests), len(pairs), len(candidates)
    counts.parties, counts.programmes = len(parties), len(programmes)
    return pairs


def _results(pairs, subdistricts, counts):
    """A city tally and one per fictional kecamatan (those of the first kelurahan) for each contest."""
    by_contest = {}
    for pair in pairs:
        by_contest.setdefault(pair.contest, []).append(pair)
    district_ids = sorted({subdistrict.district_id for subdistrict in subdistricts})[:6]
    results = Result.objects.bulk_create(
        Result(contest=contest, district_id=district_id, invalid_votes=100, source=SOURCE, as_of=AS_OF)
        for contest in by_contest
        for district_id in [None, *district_ids]
    )
    ResultVote.objects.bulk_create(
        (
            ResultVote(result=result, pair=pair, votes=1_000 * pair.ballot_number + i)
            for i, result in enumerate(results)
            for pair in by_contest[result.contest]
        ),
        batch_size=500,
    )
    counts.results = len(results)


def _announcements(election, extra, counts):
    span = (LAST_PUBLICATION - FIRST_PUBLICATION) / max(1, Announcement.objects.count() * extra)
    categories = cycle(Category.values)
    announcements = []
    for n in range(1, Announcement.objects.count() * extra + 1):
        item = Announcement(
            slug=f"{SLUG_PREFIX}pengumuman-{n:03d}",
            **both(
                "title", f"[Uji beban] Pengumuman fiktif {n:03d}", f"[Load test] Fictional notice {n:03d}"
            ),
            **both("summary", "Pengumuman fiktif untuk uji beban.", "A fictional notice for load tests."),
            **both(
                "body",
                "Ini **pengumuman fiktif** untuk uji beban.\n\n- butir satu\n- butir dua",
                "This is a **fictional notice** for load tests.\n\n- item one\n- item two",
            ),
            category=next(categories),
            election=election,
            status=Status.PUBLISHED,
            publish_at=_moment(FIRST_PUBLICATION + span * n),
            source=SOURCE,
        )
        item.render_html()
        announcements.append(item)
    verdicts = cycle(Verdict.values)
    fact_checks = []
    for n in range(1, FactCheck.objects.count() * extra + 1):
        item = FactCheck(
            slug=f"{SLUG_PREFIX}cek-fakta-{n:03d}",
            **both(
                "title", f"[Uji beban] Cek fakta fiktif {n:03d}", f"[Load test] Fictional fact check {n:03d}"
            ),
            **both("claim", "Klaim fiktif untuk uji beban.", "A fictional claim for load tests."),
            **both("explanation", "Penjelasan **fiktif**.", "A **fictional** explanation."),
            verdict=next(verdicts),
            status=Status.PUBLISHED,
            publish_at=_moment(FIRST_PUBLICATION + span * n),
        )
        item.render_html()
        fact_checks.append(item)
    counts.announcements = len(Announcement.objects.bulk_create(announcements))
    counts.fact_checks = len(FactCheck.objects.bulk_create(fact_checks))


def _moment(naive):
    """A publication time in WITA, the portal's time zone."""
    return timezone.make_aware(naive)
