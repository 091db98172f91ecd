"""Demo data: the real candidate pairs of both contests, from data/pilkada-balikpapan-2024.

Only published facts are loaded: names, ballot numbers, supporting parties and the incumbent
flag. Vision, mission, programmes, photos and biographies stay empty for real people, so the
pages show "belum tersedia" until staff enter them from the official KPU documents.
"""

from datetime import date

from django.core.management.base import CommandError
from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname as localized

from elections.models import Contest
from portal.demo import read_csv, upsert

from .models import Candidate, CandidatePair, Party, Theme

AS_OF = date(2024, 9, 23)
SOURCE = (
    "Pengundian nomor urut oleh KPU, 23 September 2024; nama dan partai pengusung sebagaimana "
    "dilaporkan inews.id, holopis.com, berandaindonesia.id dan prokal.co"
)
INCUMBENT = {"yes": True, "no": False}


def load(stdout):
    rows = read_csv("candidates.csv")
    contests = _contests({row["contest"] for row in rows})
    themes = _themes()
    parties = _parties()
    pairs = _pairs(rows, contests, parties)
    stdout.write(f"Candidates: {len(pairs)} pairs, {len(parties)} parties, {len(themes)} themes")


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
