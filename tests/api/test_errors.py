"""Bad input answers 400 naming the parameter, unknown objects 404, both as RFC 9457 problem details;
never a 500."""

import pytest

from .conftest import get_json

pytestmark = pytest.mark.django_db

LIST_PATHS = [
    "/api/v1/elections",
    "/api/v1/contests",
    "/api/v1/stages",
    "/api/v1/districts",
    "/api/v1/subdistricts",
    "/api/v1/polling-stations",
    "/api/v1/voter-counts",
    "/api/v1/results",
    "/api/v1/candidate-pairs",
    "/api/v1/programmes",
    "/api/v1/announcements",
    "/api/v1/fact-checks",
]
CSV_PATHS = [f"{path}.csv" for path in LIST_PATHS]
DETAIL_PATHS = [
    "/api/v1/elections/pilkada-contoh",
    "/api/v1/contests/walikota-contoh",
    "/api/v1/districts/kecamatan-contoh-1",
    "/api/v1/subdistricts/kelurahan-contoh-1-1",
    "/api/v1/candidate-pairs/walikota-contoh/1",
]

BAD_PAGING = [
    ("limit", "0"),
    ("limit", "-1"),
    ("limit", "101"),
    ("limit", "100000000000000000000000000000"),
    ("limit", "abc"),
    ("limit", "1.5"),
    ("limit", ""),
    ("offset", "-5"),
    ("offset", "1000001"),
    ("offset", "99999999999999999999999"),
    ("offset", "ten"),
    ("lang", "fr"),
    ("lang", ""),
    ("lang", "ID"),
]


def assert_bad(response, parameter, status=400):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["parameter"] == parameter
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"] == {400: "Bad Request", 404: "Not Found"}[status]
    assert body["detail"]
    return body


@pytest.mark.parametrize("path", LIST_PATHS)
@pytest.mark.parametrize(("parameter", "value"), BAD_PAGING)
def test_bad_paging_or_language_answers_400_naming_the_parameter(client, world, path, parameter, value):
    assert_bad(client.get(path, {parameter: value}), parameter)


@pytest.mark.parametrize("path", LIST_PATHS + CSV_PATHS + DETAIL_PATHS + ["/api/v1"])
def test_unknown_parameters_are_refused_not_ignored(client, world, path):
    body = assert_bad(client.get(path, {"sort": "name"}), "sort")

    assert "lang" in body["detail"]


@pytest.mark.parametrize("path", CSV_PATHS)
def test_csv_files_have_no_pages_so_paging_parameters_are_refused(client, world, path):
    assert_bad(client.get(path, {"limit": "10"}), "limit")


def test_a_parameter_given_twice_is_refused(client, world):
    assert_bad(client.get("/api/v1/districts?limit=1&limit=2"), "limit")


@pytest.mark.parametrize(
    ("path", "parameter", "value"),
    [
        ("/api/v1/contests", "election", "x" * 500),
        ("/api/v1/contests", "election", "bukan slug!"),
        ("/api/v1/contests", "election", ""),
        ("/api/v1/contests", "election", "pilkada\x00contoh"),
        ("/api/v1/polling-stations", "district", "kecamatan\x00"),
        ("/api/v1/polling-stations", "access", "elevator"),
        ("/api/v1/polling-stations", "location_kind", "REGULAR"),
        ("/api/v1/voter-counts", "list_stage", "dpt"),
        ("/api/v1/voter-counts", "level", "province"),
        ("/api/v1/results", "contest", "walikota contoh"),
        ("/api/v1/stages", "kind", "election"),
        ("/api/v1/programmes", "theme", "ké"),
        ("/api/v1/announcements", "category", "rahasia"),
        ("/api/v1/announcements.csv", "category", "rahasia"),
        ("/api/v1/fact-checks", "verdict", "palsu"),
    ],
)
def test_bad_filter_values_answer_400_naming_the_filter(client, world, path, parameter, value):
    assert_bad(client.get(path, {parameter: value}), parameter)


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/elections/tidak-ada", "slug"),
        ("/api/v1/contests/tidak-ada", "slug"),
        ("/api/v1/districts/tidak-ada", "slug"),
        ("/api/v1/subdistricts/tidak-ada", "slug"),
        ("/api/v1/candidate-pairs/walikota-contoh/9", "number"),
        ("/api/v1/candidate-pairs/tidak-ada/1", "number"),
        ("/api/v1/candidate-pairs/walikota-contoh/0", "number"),
        ("/api/v1/candidate-pairs/walikota-contoh/99999999999999999999999", "number"),
        ("/api/v1/announcements/tidak-ada", "slug"),
        ("/api/v1/fact-checks/tidak-ada", "slug"),
    ],
)
def test_unknown_objects_answer_404_as_json(client, world, path, parameter):
    assert_bad(client.get(path), parameter, status=404)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/tidak-ada",
        "/api/v2/elections",
        "/api/v1/elections/bukan%20slug",
        "/api/v1/elections/%00",
        "/api/v1/candidate-pairs/walikota-contoh/satu",
        "/api/v1/elections.json",
        "/api/" + "x" * 3000,
    ],
)
def test_unknown_addresses_under_api_answer_404_as_json(client, world, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.json()["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/districts", "/api/openapi.json", "/api/v1/districts.csv"])
def test_the_api_is_read_only(client, world, method, path):
    response = getattr(client, method)(path, data="{}", content_type="application/json")

    assert response.status_code == 405
    assert "read-only" in response.json()["detail"]
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_trace_is_refused_even_on_the_openapi_document(client, world):
    response = client.generic("TRACE", "/api/openapi.json")

    assert response.status_code == 405


@pytest.mark.parametrize(
    "path", ["/api/v1/districts", "/api/v1/districts.csv", "/api/openapi.json", "/api/v1"]
)
def test_head_answers_like_get_without_a_body(client, world, path):
    got = client.get(path)
    head = client.head(path)

    assert got.status_code == head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == got["Content-Type"]
    assert int(head["Content-Length"]) == len(got.content)
    assert head["Access-Control-Allow-Origin"] == "*"


def test_options_says_what_the_api_allows(client, world):
    response = client.options("/api/v1/districts")

    assert response.status_code == 204
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_a_browser_may_revalidate_across_origins(client, world):
    """A preflight allows the conditional headers, and a page on another site can read the ETag."""
    preflight = client.options(
        "/api/v1/districts",
        headers={"origin": "https://example.org", "access-control-request-headers": "if-none-match"},
    )
    answer = client.get("/api/v1/districts", headers={"origin": "https://example.org"})

    allowed = {name.strip().lower() for name in preflight["Access-Control-Allow-Headers"].split(",")}
    assert {"if-none-match", "if-modified-since"} <= allowed
    exposed = {name.strip().lower() for name in answer["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "last-modified", "content-language"} <= exposed


def test_an_empty_list_still_answers_its_first_page(client, world):
    assert get_json(client, "/api/v1/districts", modified_since="2999-01-01")["results"] == []


def test_hostile_values_on_every_list_never_cause_a_server_error(client, world):
    """Each answer is a 400 naming the parameter, or (for a value that is a valid slug) a 200."""
    hostile = [
        "\x00",
        "'; DROP TABLE x; --",
        "%",
        "\u202e",
        "🙂",
        "a" * 5000,
        "../..",
        "<script>",
        "1e309",
        "NaN",
    ]
    names = [
        "election",
        "contest",
        "district",
        "subdistrict",
        "list_stage",
        "level",
        "limit",
        "offset",
        "lang",
    ]
    for path in LIST_PATHS + CSV_PATHS:
        for name in names:
            for value in hostile:
                response = client.get(path, {name: value})
                assert response.status_code in (200, 400), (path, name, value, response.status_code)
                if response.status_code == 400:
                    assert response.json()["parameter"] == name
                else:
                    assert value in ("1e309", "NaN") and name not in ("limit", "offset", "lang")


def test_good_values_still_answer_after_bad_ones(client, world):
    client.get("/api/v1/districts", {"limit": "abc"})

    assert get_json(client, "/api/v1/districts", limit="1")["count"] == 2


@pytest.mark.parametrize("path", ["/api/v1/districts?lang=en", "/api/v1/districts.csv", "/api/openapi.json"])
def test_answers_do_not_vary_on_the_browser_language(client, world, path):
    """The language is ``?lang=``; a CDN must keep one copy per address, not per browser."""
    english_browser = client.get(path, headers={"accept-language": "en-US,en;q=0.9"})
    indonesian_browser = client.get(path, headers={"accept-language": "id-ID,id;q=0.9"})

    assert "accept-language" not in english_browser.get("Vary", "").lower()
    assert english_browser.content == indonesian_browser.content
