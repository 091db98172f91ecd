"""API responses are cacheable like public pages and readable from other sites."""

import pytest

from elections.models import District

from .conftest import get_json

pytestmark = pytest.mark.django_db

ADDRESSES = [
    "/api/v1",
    "/api/v1/districts",
    "/api/v1/districts.csv",
    "/api/v1/districts/kecamatan-contoh-1",
    "/api/v1/announcements",
    "/api/openapi.json",
]


@pytest.mark.parametrize("url", ADDRESSES)
def test_responses_are_public_briefly_cacheable_and_open_to_other_sites(client, world, settings, url):
    response = client.get(url)

    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", f"max-age={settings.PORTAL_PUBLIC_MAX_AGE}"} <= directives
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.has_header("Access-Control-Allow-Credentials")
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.parametrize("url", ADDRESSES)
def test_a_conditional_request_for_unchanged_data_answers_304(client, world, url):
    first = client.get(url)

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert first["ETag"]
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize(
    ("url", "status"), [("/api/v1/districts?limit=0", 400), ("/api/v1/districts/x", 404)]
)
def test_errors_are_readable_from_other_sites_but_not_cached_as_public(client, world, url, status):
    response = client.get(url)

    assert response.status_code == status
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" not in response.get("Cache-Control", "")


def test_each_language_is_cached_separately(client, world):
    indonesian = get_json(client, "/api/v1/contests/walikota-contoh")
    english = client.get("/api/v1/contests/walikota-contoh", {"lang": "en"})

    assert indonesian["office"] == "Wali Kota dan Wakil Wali Kota"
    assert english.json()["office"] == "Mayor and Deputy Mayor"
    assert english["Content-Language"] == "en"
    assert client.get("/api/v1/contests/walikota-contoh")["Content-Language"] == "id"


def test_the_language_of_the_data_is_not_taken_from_the_browser(client, world):
    response = client.get("/api/v1/contests/walikota-contoh", headers={"accept-language": "en"})

    assert response.json()["office"] == "Wali Kota dan Wakil Wali Kota"


def test_a_change_in_the_admin_is_served_at_once(client, world, committed):
    assert get_json(client, "/api/v1/districts/kecamatan-contoh-1")["name"] == "Kecamatan Contoh 1"

    district = District.objects.get(slug="kecamatan-contoh-1")
    district.name = "Kecamatan Contoh Satu"
    with committed():
        district.save()

    assert get_json(client, "/api/v1/districts/kecamatan-contoh-1")["name"] == "Kecamatan Contoh Satu"


def test_a_cached_answer_needs_no_database(client, world, django_assert_num_queries):
    client.get("/api/v1/voter-counts")

    with django_assert_num_queries(0):
        assert client.get("/api/v1/voter-counts").status_code == 200
