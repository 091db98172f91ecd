"""The API serves the real Balikpapan 2024 figures of the demo data, each with its source."""

import pytest

from .conftest import get_json

pytestmark = pytest.mark.django_db


def test_the_city_dpt_comes_with_its_source_and_date(client, demo):
    (dpt,) = get_json(client, "/api/v1/voter-counts", list_stage="DPT", level="city")["results"]

    assert (dpt["total"], dpt["polling_stations"]) == (520986, 996)
    assert dpt["source"] and dpt["as_of"] == "2024-09-19"
    assert (dpt["male"], dpt["female"]) == (261555, 259431)  # Bawaslu's split, named in the source
    assert "Bawaslu" in dpt["source"]


def test_the_mayoral_result_adds_up_to_the_published_valid_votes(client, demo):
    (city,) = get_json(client, "/api/v1/results", contest="walikota-balikpapan-2024", level="city")["results"]

    assert [vote["votes"] for vote in city["votes"]] == [177290, 45668, 76187]
    assert (city["valid_votes"], city["invalid_votes"]) == (299145, 16278)
    assert city["source"].startswith("SK KPU Kota Balikpapan")


def test_the_areas_schedule_and_pairs_are_all_there(client, demo):
    assert get_json(client, "/api/v1/districts")["count"] == 6
    assert get_json(client, "/api/v1/subdistricts")["count"] == 34
    assert get_json(client, "/api/v1/stages", election="pilkada-2024")["count"] == 20
    pairs = get_json(client, "/api/v1/candidate-pairs", contest="walikota-balikpapan-2024")["results"]
    assert [pair["ballot_number"] for pair in pairs] == [1, 2, 3]
    assert all(pair["source"] and pair["as_of"] for pair in pairs)


def test_every_kecamatan_and_kelurahan_carries_its_kemendagri_and_bps_code(client, demo):
    districts = get_json(client, "/api/v1/districts")["results"]
    subdistricts = get_json(client, "/api/v1/subdistricts", limit=100)["results"]

    assert len(districts) == 6 and len(subdistricts) == 34
    assert all(area["code"] and area["bps_code"] for area in districts + subdistricts)
    utara = next(d for d in districts if d["slug"] == "balikpapan-utara")
    assert (utara["code"], utara["bps_code"]) == ("64.71.03", "6471030")
    (city_dpt,) = get_json(client, "/api/v1/voter-counts", list_stage="DPT", level="city")["results"]
    assert city_dpt["area_code"] == "64.71"  # the city's own code, from settings (area_codes.csv)


def test_the_six_debates_are_a_dataset_with_their_sources(client, demo):
    debates = get_json(client, "/api/v1/debates", lang="en")["results"]

    assert [(d["contest"], d["number"]) for d in debates] == [
        ("walikota-balikpapan-2024", 1),
        ("walikota-balikpapan-2024", 2),
        ("walikota-balikpapan-2024", 3),
        ("gubernur-kaltim-2024", 1),
        ("gubernur-kaltim-2024", 2),
        ("gubernur-kaltim-2024", 3),
    ]
    assert all(d["source_url"] and d["source_date"] and d["theme"] for d in debates)
    moved = debates[2]
    assert (moved["date"], moved["start"], moved["end"]) == (
        "2024-11-22",
        "2024-11-22T20:00:00+08:00",
        "2024-11-22T22:30:00+08:00",
    )
    assert "18 November 2024" in moved["note"]
    assert debates[1]["start"] is None  # no source gives the time


def test_the_published_points_of_the_mayoral_pairs_each_name_their_source(client, demo):
    page = get_json(client, "/api/v1/programmes", contest="walikota-balikpapan-2024", limit=100)

    assert page["count"] == 13 + 10 + 10
    assert all(p["source"] and p["source_url"].startswith("http") and p["as_of"] for p in page["results"])
    assert [p["kind"] for p in page["results"]][:3] == ["vision"] * 3
    pair = get_json(client, "/api/v1/candidate-pairs/gubernur-kaltim-2024/1", lang="en")
    assert pair["vision"] is None  # the official text was not found
    assert pair["candidates"][0]["background"][0]["source"] == "akselerasi.id"
