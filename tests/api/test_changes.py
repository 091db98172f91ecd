"""``modified_since`` on every list and CSV, and validators (ETag) on every answer, detail too."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from api.datasets import DATASETS
from elections.models import District, ResultVote

from .conftest import get_json

pytestmark = pytest.mark.django_db


def next_second():
    """The next whole second, once it has come: nothing the fixture saved counts as changed since
    (``modified_since`` is given to the second, and a fixture saves within the same one)."""
    since = timezone.now().replace(microsecond=0) + timedelta(seconds=1)
    time.sleep(max(0, (since - timezone.now()).total_seconds()))
    return since


@pytest.mark.parametrize("key", list(DATASETS))
def test_every_list_and_csv_takes_modified_since(client, world, key):
    everything = get_json(client, f"/api/v1/{key}")["count"]

    assert get_json(client, f"/api/v1/{key}", modified_since="2000-01-01")["count"] == everything
    assert get_json(client, f"/api/v1/{key}", modified_since="2999-01-01T00:00:00Z")["count"] == 0
    csv = client.get(f"/api/v1/{key}.csv", {"modified_since": "2999-01-01"})
    assert csv.status_code == 200 and len(csv.content.decode("utf-8-sig").splitlines()) == 1


def test_only_what_changed_since_the_moment_is_listed(client, world):
    since = next_second()
    district = District.objects.get(slug="kecamatan-contoh-2")
    district.code = "64.71.99"
    district.save()

    page = get_json(client, "/api/v1/districts", modified_since=since.isoformat())

    assert [item["slug"] for item in page["results"]] == ["kecamatan-contoh-2"]


def test_a_changed_vote_lists_its_result(client, world):
    since = next_second()
    vote = ResultVote.objects.select_related("result").first()
    vote.votes += 1
    vote.save()

    results = get_json(client, "/api/v1/results", modified_since=since.isoformat())["results"]

    assert len(results) == 1
    assert vote.votes in [tally["votes"] for tally in results[0]["votes"]]


def test_an_unencoded_plus_in_the_offset_is_understood(client, world):
    """``?modified_since=2000-01-01T00:00:00+08:00`` typed into a browser sends the + as a space."""
    response = client.get("/api/v1/districts?modified_since=2000-01-01T00:00:00+08:00")

    assert response.status_code == 200 and response.json()["count"] == 2


@pytest.mark.parametrize("value", ["yesterday", "-70", "1700000000", "2024-13-40"])
def test_a_moment_that_is_not_iso_8601_is_refused_naming_the_parameter(client, world, value):
    response = client.get("/api/v1/districts", {"modified_since": value})

    assert response.status_code == 400
    assert response.json()["parameter"] == "modified_since"


@pytest.mark.parametrize(
    "path", ["/api/v1/districts/kecamatan-contoh-1", "/api/v1/candidate-pairs/walikota-contoh/1", "/api/v1"]
)
def test_detail_answers_carry_an_etag_and_answer_304_on_a_match(client, world, path):
    first = client.get(path)

    assert first["ETag"]
    assert client.get(path, headers={"if-none-match": first["ETag"]}).status_code == 304


def test_city_wide_figures_carry_the_citys_official_code(client, world):
    counts = get_json(client, "/api/v1/voter-counts", level="city")["results"]

    assert counts and {item["area_code"] for item in counts} == {"64.71"}


@pytest.mark.parametrize("value", ["5000-11-19T08:22:52-21:35", "9999-12-31T23:59:59-23:59"])
def test_a_moment_with_an_offset_the_database_cannot_take_answers_without_a_server_error(
    client, world, value
):
    response = client.get("/api/v1/elections", {"modified_since": value})

    assert response.status_code in (200, 400)
