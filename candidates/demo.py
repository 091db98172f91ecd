"""Demo data: the real candidate pairs of both contests, from data/pilkada-balikpapan-2024.

Only published facts are loaded: names, ballot numbers, supporting parties and the incumbent
flag (candidates.csv); the vision, mission and programme points news reports published for each
pair (programmes.csv) and the offices and occupations reported for each candidate
(backgrounds.csv), each paraphrased with its source, date and a note for readers; and why a
pair's published record is shorter, where the notes on the sources say (record_notes.csv). The
official texts submitted to KPU, photos and CVs were not found: the pages show them as
"belum tersedia" until staff enter them.
"""

from datetime import date
from urllib.parse import urlsplit

from django.core.management.base import CommandError
from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname as localized

from core.datafiles import read_csv, upsert
from elections.models import Contest, District, Result, ResultVote

from .models import Background, Candidate, CandidatePair, Party, Programme, Theme

AS_OF = date(2024, 9, 23)
SOURCE = (
    "Pengundian nomor urut oleh KPU, 23 September 2024; nama dan partai pengusung sebagaimana "
    "dilaporkan inews.id, holopis.com, berandaindonesia.id dan prokal.co"
)
INCUMBENT = {"yes": True, "no": False}
# programmes.csv names some themes differently from themes.csv; "other" is what its compilers
# could not place, kept apart as "Lainnya" rather than guessed into a theme.
THEME_ALIASES = {"pemerintahan": "tata-kelola-pemerintahan", "other": "lainnya"}


def load(stdout):
    rows = read_csv("candidates.csv")
    contests = _contests({row["contest"] for row in rows})
    themes = _themes()
    parties = _parties()
    pairs = _pairs(rows, contests, parties)
    by_number = {(pair.contest.slug, pair.ballot_number): pair for pair in pairs}
    points = _points(by_number, {theme.slug: theme for theme in themes})
    backgrounds = _backgrounds(by_number)
    _record_notes(by_number)
    stdout.write(
        f"Candidates: {len(pairs)} pairs, {len(parties)} parties, {len(themes)} themes, "
        f"{len(points)} points, {len(backgrounds)} backgrounds"
    )


def _themes():
    return [
        upsert(
            Theme,
            {"slug": row["slug"]},
            {
                "order": int(row["order"]),
                localized("name", "id"): row["name_id"],
                localized("name", "en"): row["name_en"],
            },
        )[0]
        for row in read_csv("themes.csv")
    ]


def _parties():
    return {
        row["abbreviation"]: upsert(Party, {"abbreviation": row["abbreviation"]}, {"name": row["name"]})[0]
        for row in read_csv("parties.csv")
    }


def _contests(slugs):
    contests = {contest.slug: contest for contest in Contest.objects.filter(slug__in=slugs)}
    if missing := sorted(slugs - contests.keys()):
        raise CommandError(
            f"candidates.csv needs the contests {', '.join(missing)}: load the elections demo first."
        )
    return contests


def _pairs(rows, contests, parties):
    pairs = []
    for line, row in enumerate(rows, start=2):
        names = [name.strip() for name in row["supporting_parties"].split(";") if name.strip()]
        if unknown := [name for name in names if name not in parties]:
            raise CommandError(f"candidates.csv line {line}: add {', '.join(unknown)} to parties.csv first.")
        if row["incumbent"] not in INCUMBENT:
            raise CommandError(f"candidates.csv line {line}: incumbent must be yes or no.")
        pair, _status = upsert(
            CandidatePair,
            {"contest": contests[row["contest"]], "ballot_number": int(row["ballot_number"])},
            {
                "slug": slugify(f"{row['head']} {row['deputy']}"),
                "incumbent": INCUMBENT[row["incumbent"]],
                "source": SOURCE,
                "as_of": AS_OF,
            },
        )
        upsert(Candidate, {"pair": pair, "role": Candidate.Role.HEAD}, {"full_name": row["head"]})
        upsert(Candidate, {"pair": pair, "role": Candidate.Role.DEPUTY}, {"full_name": row["deputy"]})
        pair.parties.set([parties[name] for name in names])
        pairs.append(pair)
    return pairs


def publisher(url):
    """Who published an article, named by its site, e.g. kaltim.tribunnews.com."""
    return urlsplit(url).hostname.removeprefix("www.")


def sourced(row):
    """The provenance fields of a row of programmes.csv or backgrounds.csv (its link is in the lookup)."""
    return {
        "source": publisher(row["source_url"]),
        "as_of": date.fromisoformat(row["source_date"]),
        localized("note", "id"): row["note_id"],
        localized("note", "en"): row["note_en"],
    }


def _pair(by_number, row, name, line):
    key = (row["contest"], int(row["ballot_number"]))
    if key not in by_number:
        raise CommandError(f"{name} line {line}: no pair {key[1]} in {key[0]} in candidates.csv.")
    return by_number[key]


def _points(by_number, themes):
    points, orders = [], {}
    for line, row in enumerate(read_csv("programmes.csv"), start=2):
        pair = _pair(by_number, row, "programmes.csv", line)
        theme = themes.get(THEME_ALIASES.get(row["theme"], row["theme"]))
        if theme is None or row["kind"] not in Programme.Kind.values:
            raise CommandError(
                f"programmes.csv line {line}: unknown theme or kind ({row['theme']}, {row['kind']})."
            )
        # Points are numbered in file order within their pair and kind (mission 1, 2, ...).
        order = orders[pair.pk, row["kind"]] = orders.get((pair.pk, row["kind"]), 0) + 1
        point, _status = upsert(
            Programme,
            {"pair": pair, "kind": row["kind"], "order": order, "source_url": row["source_url"]},
            {
                "theme": theme,
                localized("title", "id"): row["text_id"],
                localized("title", "en"): row["text_en"],
                **sourced(row),
            },
        )
        points.append(point)
    return points


def _backgrounds(by_number):
    entries, orders = [], {}
    for line, row in enumerate(read_csv("backgrounds.csv"), start=2):
        pair = _pair(by_number, row, "backgrounds.csv", line)
        person = next((c for c in pair.candidates.all() if c.role == row["role"]), None)
        if person is None or person.full_name not in row["person"]:
            raise CommandError(
                f"backgrounds.csv line {line}: {row['person']} is not the {row['role']} of {pair}."
            )
        order = orders[pair.pk, row["role"]] = orders.get((pair.pk, row["role"]), 0) + 1
        entry, _status = upsert(
            Background,
            {"pair": pair, "role": row["role"], "order": order, "source_url": row["source_url"]},
            {
                localized("text", "id"): row["background_id"],
                localized("text", "en"): row["background_en"],
                **sourced(row),
            },
        )
        entries.append(entry)
    return entries


def _record_notes(by_number):
    for line, row in enumerate(read_csv("record_notes.csv"), start=2):
        pair = _pair(by_number, row, "record_notes.csv", line)
        upsert(
            CandidatePair,
            {"pk": pair.pk},
            {localized("record_note", "id"): row["note_id"], localized("record_note", "en"): row["note_en"]},
        )


def load_results(stdout):
    """The official results by pair (elections.Result and ResultVote), after the pairs exist."""
    rows = read_csv("results.csv")
    pairs = {(p.contest.slug, p.ballot_number): p for p in CandidatePair.objects.select_related("contest")}
    districts = {d.name: d for d in District.objects.all()}
    count = 0
    for row in rows:
        contest = Contest.objects.get(slug=row["contest"])
        result, _status = upsert(
            Result,
            {
                "contest": contest,
                "district": districts.get(row["kecamatan"]),
                "subdistrict": None,
                "count_stage": row["count_stage"],
            },
            {
                "decision": row["decision"],
                "invalid_votes": int(row["invalid"]) if row["invalid"] else None,
                "as_of": date.fromisoformat(row["as_of"]),
                "source": row["source"],
                localized("note", "id"): row["note"],
                localized("note", "en"): row["note_en"],
            },
        )
        pair = pairs[(row["contest"], int(row["ballot_number"]))]
        upsert(ResultVote, {"result": result, "pair": pair}, {"votes": int(row["votes"])})
        count += 1
    stdout.write(f"Results: {count} pair tallies")
