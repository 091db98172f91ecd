"""CSV downloads: parse the file as a spreadsheet user would and compare it with the database."""

import csv
import io

import pytest
from django.utils import timezone

from announcements.models import Announcement, FactCheck
from candidates.models import CandidatePair, Programme
from elections.models import District, PollingStation, Result, Stage, Subdistrict, VoterCount

from .conftest import get_json

pytestmark = pytest.mark.django_db

DATASETS = [
    "elections",
    "contests",
    "stages",
    "debates",
    "districts",
    "subdistricts",
    "polling-stations",
    "voter-counts",
    "results",
    "candidate-pairs",
    "programmes",
    "announcements",
    "fact-checks",
]


def download(client, dataset, **params):
    response = client.get(f"/api/v1/{dataset}.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = response.content
    # The byte-order mark makes Excel on Windows read UTF-8; exactly one, before the header.
    assert raw.startswith(b"\xef\xbb\xbf") and not raw[3:].startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def optional(value):
    return "" if value in (None, "") else str(value)


@pytest.mark.parametrize("dataset", DATASETS)
def test_every_dataset_downloads_as_csv_with_a_header_and_a_file_name(client, world, dataset):
    response = client.get(f"/api/v1/{dataset}.csv")
    english = client.get(f"/api/v1/{dataset}.csv", {"lang": "en"})

    header = response.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[0] and len(header) == len(set(header))
    assert response["Content-Disposition"] == f'attachment; filename="pilkada-balikpapan-{dataset}.csv"'
    assert english["Content-Disposition"] == f'attachment; filename="pilkada-balikpapan-{dataset}-en.csv"'


@pytest.mark.parametrize("dataset", [d for d in DATASETS if d != "results"])
def test_csv_has_one_row_per_item_of_the_json_list(client, world, dataset):
    rows = download(client, dataset)
    items = get_json(client, f"/api/v1/{dataset}", limit=100)["results"]

    assert len(rows) == len(items) > 0


def test_voter_counts_csv_round_trips(client, world):
    rows = download(client, "voter-counts")

    assert len(rows) == VoterCount.objects.count()
    for row in rows:
        count = VoterCount.objects.get(
            list_stage=row["list_stage"],
            district__slug=row["district"] if row["level"] == "district" else None,
            subdistrict__slug=row["subdistrict"] or None,
        )
        assert int(row["total"]) == count.total
        assert row["male"] == optional(count.male) and row["female"] == optional(count.female)
        assert row["polling_stations"] == optional(count.polling_stations)
        assert (row["source"], row["source_url"], row["as_of"]) == (
            count.source,
            count.source_url,
            count.as_of.isoformat(),
        )


def test_polling_stations_csv_round_trips_with_unknowns_as_empty_cells(client, world):
    rows = download(client, "polling-stations")

    assert len(rows) == PollingStation.objects.count()
    for row in rows:
        station = PollingStation.objects.get(subdistrict__slug=row["subdistrict"], number=int(row["number"]))
        assert row["address"] == station.address
        assert row["access"] == station.access
        assert row["voters"] == optional(station.voters)
        assert row["wide_door"] == {True: "true", False: "false", None: ""}[station.wide_door]
        assert row["braille_template"] == {True: "true", False: "false", None: ""}[station.braille_template]
        assert row["accessibility_notes"] == (station.accessibility_notes_ind or "")
        assert (row["source"], row["as_of"]) == (station.source, station.as_of.isoformat())


def test_results_csv_has_one_row_per_pair_and_area_that_adds_up(client, world):
    rows = download(client, "results")

    city = [row for row in rows if row["contest"] == "walikota-contoh" and row["level"] == "city"]
    result = Result.objects.get(contest__slug="walikota-contoh", district__isnull=True)
    assert {int(row["ballot_number"]): int(row["votes"]) for row in city} == {
        vote.pair.ballot_number: vote.votes for vote in result.votes.all()
    }
    assert {row["valid_votes"] for row in city} == {str(sum(v.votes for v in result.votes.all()))}
    assert {row["invalid_votes"] for row in city} == {"50"}
    (province,) = [row for row in rows if row["contest"] == "gubernur-contoh"]
    assert (province["ballot_number"], province["votes"], province["invalid_votes"]) == ("", "", "7")
    assert len(rows) == sum(max(r.votes.count(), 1) for r in Result.objects.all())


def test_candidate_pairs_csv_round_trips(client, world):
    rows = download(client, "candidate-pairs", lang="en")

    assert len(rows) == CandidatePair.objects.count()
    for row in rows:
        pair = CandidatePair.objects.get(
            contest__slug=row["contest"], ballot_number=int(row["ballot_number"])
        )
        head = pair.candidates.get(role="head")
        assert row["head_full_name"] == head.full_name
        assert row["head_education"].splitlines() == head.education_en.splitlines()
        assert row["deputy_full_name"] == pair.candidates.get(role="deputy").full_name
        assert row["parties"].split("; ") == sorted(p.abbreviation for p in pair.parties.all())
        assert row["vision"] == pair.vision_en and row["mission"].splitlines() == pair.mission_en.splitlines()
        assert int(row["programmes"]) == pair.programmes.count()
        assert row["programme_points"].splitlines() == [
            f"{point.title_en} ({point.source}, {point.as_of.isoformat()})" for point in pair.programmes.all()
        ]
        assert row["vision_points"] == row["mission_points"] == ""
        assert row["head_background"] == row["deputy_background"] == ""
        assert row["incumbent"] == ("true" if pair.incumbent else "false")
        assert (row["source"], row["as_of"]) == (pair.source, pair.as_of.isoformat())


def test_programmes_csv_round_trips(client, world):
    rows = download(client, "programmes")

    assert sorted((r["pair"], r["kind"], r["theme"], r["title"]) for r in rows) == sorted(
        (p.pair.slug, p.kind, p.theme.slug, p.title_ind)
        for p in Programme.objects.select_related("pair", "theme")
    )
    # The same provenance as in JSON, one column each.
    json_rows = get_json(client, "/api/v1/programmes", limit=100)["results"]
    fields = ("source", "source_url", "as_of", "note")
    assert [[r[f] for f in fields] for r in rows] == [[r[f] or "" for f in fields] for r in json_rows]


def test_areas_and_stages_csv_round_trip(client, world):
    districts = download(client, "districts")
    subdistricts = download(client, "subdistricts")
    stages = download(client, "stages", lang="en")

    assert [(r["slug"], r["name"], r["code"], r["bps_code"]) for r in districts] == [
        (d.slug, d.name, d.code, d.bps_code) for d in District.objects.order_by("name")
    ]
    assert sorted((r["slug"], r["district"]) for r in subdistricts) == sorted(
        Subdistrict.objects.values_list("slug", "district__slug")
    )
    assert [(int(r["order"]), r["name"], r["start"], r["end"]) for r in stages] == [
        (s.order, s.name_en, s.start.isoformat(), s.end.isoformat()) for s in Stage.objects.order_by("order")
    ]


def test_announcement_and_fact_check_csv_round_trip(client, world):
    announcements = download(client, "announcements", lang="en")
    fact_checks = download(client, "fact-checks")

    published = Announcement.objects.published()
    assert {r["slug"]: r["title"] for r in announcements} == {a.slug: a.title_en for a in published}
    for row in announcements:
        announcement = published.get(slug=row["slug"])
        assert row["published_at"] == timezone.localtime(announcement.publish_at).isoformat()
        assert row["body"] == announcement.body_en
    assert {r["slug"]: r["verdict"] for r in fact_checks} == {
        f.slug: f.verdict for f in FactCheck.objects.published()
    }


def test_csv_follows_the_filters_of_the_json_list(client, world):
    rows = download(client, "voter-counts", list_stage="DPT", level="city")

    assert len(rows) == 1 and rows[0]["total"] == "2000"


def test_csv_values_follow_the_language(client, world):
    indonesian = download(client, "voter-counts", level="city")[0]
    english = download(client, "voter-counts", level="city", lang="en")[0]

    assert indonesian["note"] == "Termasuk TPS lokasi khusus."
    assert english["note"] == "Includes special-location TPS."
    assert indonesian["list_stage"] == english["list_stage"] == "DPT"


def test_text_that_looks_like_a_formula_is_not_run_by_spreadsheets(client, world):
    District.objects.filter(slug="kecamatan-contoh-2").update(name='=HYPERLINK("https://evil.example")')

    rows = download(client, "districts")

    assert '\'=HYPERLINK("https://evil.example")' in [row["name"] for row in rows]


def test_debates_csv_leaves_unknown_times_empty_and_puts_one_subtheme_per_line(client, world):
    rows = download(client, "debates", lang="en")

    by_key = {(row["contest"], row["number"]): row for row in rows}
    first = by_key[("walikota-contoh", "1")]
    assert (first["start"], first["end"]) == ("2024-10-21T20:00:00+08:00", "")
    assert first["subthemes"].splitlines() == ["clean water", "floods"]
    assert first["theme"] == "Example theme 1" and first["venue"] == "Example Hall"
    assert by_key[("walikota-contoh", "2")]["start"] == ""
    assert all(row["source_url"].startswith("https://") and row["source_date"] for row in rows)
