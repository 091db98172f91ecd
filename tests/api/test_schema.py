"""The OpenAPI document is valid, describes every address, and the answers match it.

Two checks: every operation is called with real data and its answer validated against the
document with jsonschema; then schemathesis generates requests from the document (valid and
invalid ones) against the application in-process and checks for server errors and conformance.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate as validate_spec
from schemathesis import GenerationMode

pytestmark = pytest.mark.django_db

# Real objects of the fictional world for every path parameter.
PATH_VALUES = {
    "{slug}": None,  # filled per path below
    "{contest}": "walikota-contoh",
    "{number}": "1",
}
DETAIL_SLUGS = {
    "elections": "pilkada-contoh",
    "contests": "walikota-contoh",
    "districts": "kecamatan-contoh-1",
    "subdistricts": "kelurahan-contoh-1-1",
}


@pytest.fixture
def document(client, world):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def concrete(path, world):
    dataset = (path.split("/") + [""])[3]
    slugs = {
        **DETAIL_SLUGS,
        "announcements": world["announcements"][0].slug,
        "fact-checks": world["fact_checks"][0].slug,
    }
    return (
        path.replace("{slug}", slugs.get(dataset, ""))
        .replace("{contest}", "walikota-contoh")
        .replace("{number}", "1")
    )


def validator(document, schema):
    """A JSON Schema 2020-12 validator (OpenAPI 3.1's dialect) whose "#/components/..." resolve."""
    return Draft202012Validator(
        {**schema, "components": document["components"]}, format_checker=FormatChecker()
    )


def test_the_openapi_document_is_valid_openapi_3(document):
    validate_spec(document)

    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1"


def api_routes(resolver=None, prefix=""):
    """Every ninja route under /api/v1/, as the OpenAPI path it should have."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from api_routes(pattern, route)
        elif isinstance(pattern, URLPattern) and route.startswith("api/v1") and route != "api/v1/":
            yield "/" + route.replace("<slug:", "{").replace("<int:", "{").replace(">", "}")


def test_the_document_describes_every_api_address(document):
    routes = set(api_routes())

    assert routes and routes == set(document["paths"])


def test_every_dataset_has_a_json_list_and_a_csv_file(document):
    from api.datasets import DATASETS

    for key in DATASETS:
        assert f"/api/v1/{key}" in document["paths"]
        csv = document["paths"][f"/api/v1/{key}.csv"]["get"]["responses"]["200"]["content"]
        assert "text/csv" in csv


def test_every_answer_matches_the_document(client, world, document):
    checked = 0
    for path, methods in document["paths"].items():
        responses = methods["get"]["responses"]
        for lang in ("id", "en"):
            response = client.get(concrete(path, world), {"lang": lang})
            assert response.status_code == 200, path
            content = responses["200"]["content"]
            if "application/json" not in content:
                assert response["Content-Type"].split(";")[0] == next(iter(content)), path
                continue
            validator(document, content["application/json"]["schema"]).validate(response.json())
            checked += 1
    assert checked >= 40


@pytest.mark.parametrize(
    ("url", "status"),
    [("/api/v1/districts?limit=1000", "400"), ("/api/v1/districts/tidak-ada", "404")],
)
def test_error_answers_match_the_document(client, world, document, url, status):
    path = url.split("?")[0].replace("tidak-ada", "{slug}")
    schema = document["paths"][path]["get"]["responses"][status]["content"]["application/problem+json"][
        "schema"
    ]

    response = client.get(url)

    assert str(response.status_code) == status
    validator(document, schema).validate(response.json())


def fuzz(strategy, examples=6):
    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        case.call_and_validate()

    run()


def uncompressed(application):
    """Schemathesis asks for gzip but its WSGI transport does not unpack it (core.compression)."""

    def app(environ, start_response):
        environ.pop("HTTP_ACCEPT_ENCODING", None)
        return application(environ, start_response)

    return app


@pytest.fixture
def _connection_kept_open():
    """Like Django's test client: requests must not close the connection holding the test data."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("_connection_kept_open")
def test_a_schema_driven_fuzz_run_finds_no_server_error_and_no_nonconformance(world, settings):
    """Schemathesis against the WSGI application in-process, with valid and invalid requests, and
    with the real objects in the path so detail answers are checked too. Bounded to stay quick."""
    settings.ALLOWED_HOSTS = ["*"]
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", uncompressed(get_wsgi_application()))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == len(schema.raw_schema["paths"]) > 30

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz(operation.as_strategy(mode))
        if "{" in operation.path:
            parts, real = operation.path.split("/"), concrete(operation.path, world).split("/")
            values = {
                part[1:-1]: value for part, value in zip(parts, real, strict=True) if part.startswith("{")
            }
            fuzz(operation.as_strategy(path_parameters=values))


def test_the_openapi_document_takes_lang_like_every_address(client):
    default = client.get("/api/openapi.json")
    english = client.get("/api/openapi.json", {"lang": "en"})

    assert english.status_code == 200
    assert english.json() == default.json()
