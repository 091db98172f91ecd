"""Real Pilkada 2024 Balikpapan figures from data/pilkada-balikpapan-2024 (see its README)."""

from datetime import date, time
from decimal import Decimal

from django.utils.text import slugify
from modeltranslation.utils import build_localized_fieldname as localized

from core.datafiles import DATA_DIR, read_csv, upsert

from .importers import VoterCountImporter
from .models import Contest, Debate, District, Election, Stage, Subdistrict, Turnout
from .models.debates import DateBasis

LANGUAGES = ("id", "en")
# How debates.csv states where a report's date comes from (the text may go on in brackets).
DATE_BASES = {
    "date in URL": DateBasis.LINK,
    "date on page": DateBasis.PAGE,
    "event date stated in article": DateBasis.EVENT,
}


def load(stdout):
    election = _election()
    _contests(election)
    _stages(election)
    _areas()
    debates = _debates()
    _turnout()
    report = VoterCountImporter((DATA_DIR / "voter_counts.csv").read_bytes(), reason="load_demo").run()
    if not report.ok:
        raise RuntimeError(f"Demo voter counts do not import: {report.problems}")
    stdout.write(
        f"Elections: schedule, contests, {debates} debates, announced turnout and areas with their codes "
        f"loaded; voter counts {report.summary()}"
    )


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
            "max_voters_per_tps": int(row["max_voters_per_tps"]),
            "max_voters_per_tps_source": row["max_voters_per_tps_source"],
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
                "state": row["state"],
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
                "source_url": row["source_url"],
            },
        )


def _areas():
    codes = _area_codes()
    for row in read_csv("kelurahan.csv"):
        kecamatan, kelurahan = row["kecamatan"], row["kelurahan"]
        district, _status = upsert(
            District, {"name": kecamatan}, {"slug": slugify(kecamatan), **codes[(kecamatan, kecamatan)]}
        )
        upsert(
            Subdistrict,
            {"district": district, "name": kelurahan},
            {"slug": slugify(kelurahan), **codes[(kecamatan, kelurahan)]},
        )


def _area_codes():
    """Kemendagri and BPS codes by (kecamatan, name); a kecamatan's own row is (name, name).

    The city's row is left out: its codes live in the settings (PORTAL_CITY_CODE and
    PORTAL_CITY_BPS_CODE, see the data README), as no area record stands for the city itself.
    A kecamatan or kelurahan missing from area_codes.csv stops the load instead of going without.
    """
    return {
        (row["kecamatan"], row["name"]): {"code": row["kemendagri_code"], "bps_code": row["bps_code"]}
        for row in read_csv("area_codes.csv")
        if row["level"] != "city"
    }


def _debates():
    contests = {contest.slug: contest for contest in Contest.objects.all()}
    rows = read_csv("debates.csv")
    for row in rows:
        upsert(
            Debate,
            {"contest": contests[row["contest"]], "number": int(row["number"])},
            {
                "date": date.fromisoformat(row["date"]),
                "start_time": _time(row["start"]),
                "end_time": _time(row["end"]),
                "city": row["city"],
                "organiser": row["organiser"],
                **_translated(row, "time_note", "venue", "broadcaster", "theme", "note"),
                **{
                    localized("subthemes", language): "\n".join(_split(row[f"subthemes_{language}"]))
                    for language in LANGUAGES
                },
                "source": row["source"],
                "source_url": row["source_url"],
                "source_date": date.fromisoformat(row["source_date"]),
                "date_basis": _date_basis(row["date_basis"]),
            },
        )
    return len(rows)


def _turnout():
    contests = {contest.slug: contest for contest in Contest.objects.all()}
    districts = {district.name: district for district in District.objects.all()}
    for row in read_csv("turnout.csv"):
        upsert(
            Turnout,
            {
                "contest": contests[row["contest"]],
                "district": districts.get(row["kecamatan"]),
                "subdistrict": None,
            },
            {
                "percent": Decimal(row["turnout"]),
                "ballots_cast": int(row["ballots_cast"]) if row["ballots_cast"] else None,
                "registered": int(row["registered"]) if row["registered"] else None,
                "as_of": date.fromisoformat(row["as_of"]),
                "source": row["source"],
                "source_url": row["source_url"],
                **_translated(row, "note"),
            },
        )


def _translated(row, *names):
    """Both languages of each field; an empty English cell falls back to Indonesian on the page."""
    return {localized(name, language): row[f"{name}_{language}"] for name in names for language in LANGUAGES}


def _split(cell):
    return [part.strip() for part in cell.split(";") if part.strip()]


def _time(cell):
    return time.fromisoformat(cell) if cell else None


def _date_basis(text):
    for prefix, basis in DATE_BASES.items():
        if text.startswith(prefix):
            return basis
    raise ValueError(f"debates.csv: unknown date basis {text!r}")
