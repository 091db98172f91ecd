"""The API serves the real Balikpapan 2024 figures of the demo data, each with its source."""

from io import StringIO

import pytest
from django.core.management import call_command

from .conftest import get_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_the_city_dpt_comes_with_its_source_and_date(client, demo):
    (dpt,) = get_json(client, "/api/v1/voter-counts", list_stage="DPT", level="city")["results"]

    assert (dpt["total"], dpt["polling_stations"]) == (520986, 996)
    assert dpt["source"] and dpt["as_of"] == "2024-09-19"


def test_the_mayoral_result_adds_up_to_the_published_valid_votes(client, demo):
    (city,) = get_json(client, "/api/v1/results", contest="walikota-balikpapan-2024", level="city")["results"]

    assert [vote["votes"] for vote in city["votes"]] == [177290, 45668, 76187]
    assert (city["valid_votes"], city["invalid_votes"]) == (299145, 16278)
    assert city["source"].startswith("SK KPU Kota Balikpapan")


def test_the_areas_schedule_and_pairs_are_all_there(client, demo):
    assert get_json(client, "/api/v1/districts")["count"] == 6
    assert get_json(client, "/api/v1/subdistricts")["count"] == 34
    assert get_json(client, "/api/v1/stages", election="pilkada-2024")["count"] == 14
    pairs = get_json(client, "/api/v1/candidate-pairs", contest="walikota-balikpapan-2024")["results"]
    assert [pair["ballot_number"] for pair in pairs] == [1, 2, 3]
    assert all(pair["source"] and pair["as_of"] for pair in pairs)


def test_region_codes_are_unknown_rather_than_guessed(client, demo):
    districts = get_json(client, "/api/v1/districts")["results"]

    assert {district["code"] for district in districts} == {None}
