"""Real Pilkada 2024 Balikpapan figures from data/pilkada-balikpapan-2024 (see its README)."""

from datetime import date, time

from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname as localized

from portal.demo import DATA_DIR, read_csv, upsert

from .importers import VoterCountImporter
from .models import Contest, District, Election, Result, ResultVote, Stage, Subdistrict


def load(stdout):
    election = _election()
    _contests(election)
    _stages(election)
    _areas()
    report = VoterCountImporter((DATA_DIR / "voter_counts.csv").read_bytes(), reason="load_demo").run()
    if not report.ok:
        raise RuntimeError(f"Demo voter counts do not import: {report.errors}")
    stdout.write(f"Elections: schedule, contests and areas loaded; voter counts {report.summary()}")


def load_results(stdout):
    """Results need the candidate pairs, so this runs after the candidates demo."""
    from candidates.models import CandidatePair

    rows = read_csv("results.csv")
    pairs = {(p.contest.slug, p.ballot_number): p for p in CandidatePair.objects.select_related("contest")}
    districts = {d.name: d for d in District.objects.all()}
    count = 0
    for row in rows:
        contest = Contest.objects.get(slug=row["contest"])
        result, _status = upsert(
            Result,
            {"contest": contest, "district": districts.get(row["kecamatan"]), "subdistrict": None},
            {
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


def _election():
    row = read_csv("election.csv")[0]
    election, _status = upsert(
        Election,
        {"slug": row["slug"]},
        {
            localized("name", "id"): row["name_id"],
            localized("name", "en"): row["name_en"],
            "voting_day": date.fromisoformat(row["voting_day"]),
            "polls_open": time.fromisoformat(row["polls_open"]),
            "polls_close": time.fromisoformat(row["polls_close"]),
            "polling_hours_source": row["polling_hours_source"],
            "participation_target_min": int(row["target_min"]),
            "participation_target_max": int(row["target_max"]),
            "previous_participation": int(row["previous"]),
            "previous_election_name": row["previous_name"],
            "participation_source": row["participation_source"],
        },
    )
    return election


def _contests(election):
    for row in read_csv("contests.csv"):
        upsert(
            Contest,
            {"slug": row["contest"]},
            {
                "election": election,
                localized("office", "id"): row["office_id"],
                localized("office", "en"): row["office_en"],
                localized("area_name", "id"): row["area_id"],
                localized("area_name", "en"): row["area_en"],
                "level": row["level"],
                "order": int(row["order"]),
            },
        )


def _stages(election):
    for row in read_csv("stages.csv"):
        upsert(
            Stage,
            {"election": election, "order": int(row["order"])},
            {
                "phase": row["phase"],
                "kind": row["kind"],
                localized("name", "id"): row["stage"],
                localized("name", "en"): row["stage_en"],
                localized("description", "id"): row["description_id"],
                localized("description", "en"): row["description_en"],
                "start": date.fromisoformat(row["start"]),
                "end": date.fromisoformat(row["end"]),
                "source": row["source"],
            },
        )


def _areas():
    for row in read_csv("kelurahan.csv"):
        district, _status = upsert(District, {"name": row["kecamatan"]}, {"slug": slugify(row["kecamatan"])})
        upsert(
            Subdistrict, {"district": district, "name": row["kelurahan"]}, {"slug": slugify(row["kelurahan"])}
        )
