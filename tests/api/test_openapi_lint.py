"""The OpenAPI document passes a linter's recommended rules with no error and no warning.

Client generators and API catalogues read the document with such rules: a document with empty
``servers`` gives clients no base URL, one without ``security`` reads as "credentials unknown".
The rules below mirror Spectral's ``spectral:oas`` recommended set (and Redocly's equivalents for
servers, security and licence) in Python, so they always run; Spectral and Redocly themselves
(npm, pinned in package-lock.json) run too where `make checkers` installed them, and are
required in CI.
"""

import json
import os
import re
import subprocess

import pytest

from tests.browser.checkers import NODE_MODULES, require

pytestmark = pytest.mark.django_db

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
URL_SAFE = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]*$")
SPECTRAL = NODE_MODULES / "@stoplight" / "spectral-cli" / "dist" / "index.js"
REDOCLY = NODE_MODULES / "@redocly" / "cli" / "bin" / "cli.js"


@pytest.fixture
def document(client, world):
    return json.loads(client.get("/api/openapi.json").content)


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def refs(node):
    return set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(node)))


def schemas_in(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from schemas_in(value)
    elif isinstance(node, list):
        for value in node:
            yield from schemas_in(value)


def problems(document):
    """(rule, where) for every breach of the rules; the names are Spectral's."""
    found = []
    info = document.get("info", {})
    for field, rule in (("description", "info-description"), ("contact", "info-contact")):
        if not info.get(field):
            found.append((rule, "info"))
    licence = info.get("license") or {}
    if not licence.get("name"):
        found.append(("info-license", "info"))
    if not licence.get("url"):
        found.append(("license-url", "info"))
    servers = document.get("servers") or []
    if not servers:
        found.append(("oas3-api-servers", "servers"))
    for server in servers:
        if re.search(r"./$", server.get("url", "")):
            found.append(("oas3-server-trailing-slash", server.get("url")))
    if "security" not in document:
        found.append(("security-defined", "top level: a public API says security: []"))
    tags = [tag["name"] for tag in document.get("tags", [])]
    if len(tags) != len(set(tags)):
        found.append(("openapi-tags-uniqueness", "tags"))
    seen_ids = set()
    for path, method, operation in operations(document):
        where = f"{method.upper()} {path}"
        if re.search(r".+/$", path):
            found.append(("path-keys-no-trailing-slash", path))
        if "?" in path:
            found.append(("path-not-include-query", path))
        operation_id = operation.get("operationId")
        if not operation_id:
            found.append(("operation-operationId", where))
        elif operation_id in seen_ids:
            found.append(("operation-operationId-unique", where))
        elif not URL_SAFE.match(operation_id):
            found.append(("operation-operationId-valid-in-url", where))
        seen_ids.add(operation_id)
        if not operation.get("description"):
            found.append(("operation-description", where))
        if not operation.get("tags"):
            found.append(("operation-tags", where))
        found += [
            ("operation-tag-defined", f"{where}: {tag}")
            for tag in operation.get("tags", [])
            if tag not in tags
        ]
        if not any(str(status).startswith("2") for status in operation.get("responses", {})):
            found.append(("operation-success-response", where))
        parameters = operation.get("parameters", []) + document["paths"][path].get("parameters", [])
        keys = [(parameter["name"], parameter["in"]) for parameter in parameters]
        if len(keys) != len(set(keys)):
            found.append(("operation-parameters", where))
        in_path = set(re.findall(r"{([^}]+)}", path))
        declared = {name for name, place in keys if place == "path"}
        if in_path != declared:
            found.append(("path-params", f"{where}: {sorted(in_path ^ declared)}"))
    components = document.get("components", {}).get("schemas", {})
    used, pending = set(), refs(document["paths"])
    while pending:
        name = pending.pop()
        if name not in used:
            used.add(name)
            pending |= refs(components.get(name, {}))
    found += [("oas3-unused-component", name) for name in sorted(set(components) - used)]
    found += [("oas3-missing-component", name) for name in sorted(used - set(components))]
    for schema in schemas_in(document):
        if schema.get("type") == "array" and "items" not in schema:
            found.append(("array-items", str(schema)[:80]))
        enum = schema.get("enum")
        if isinstance(enum, list) and len({json.dumps(value) for value in enum}) != len(enum):
            found.append(("duplicated-entry-in-enum", str(enum)[:80]))
    return found


def test_the_document_breaks_no_recommended_rule(document):
    assert problems(document) == []


def test_the_rules_catch_what_the_document_used_to_get_wrong(document):
    """The checks above can fail: the document as it was before (issue 24) breaks them."""
    old = json.loads(json.dumps(document))
    old["servers"] = []
    del old["security"], old["info"]["license"]
    old["paths"]["/api/v1/"] = old["paths"].pop("/api/v1")
    old["components"]["schemas"]["Paging"] = {"type": "object"}

    assert {rule for rule, _where in problems(old)} == {
        "oas3-api-servers",
        "security-defined",
        "info-license",
        "license-url",
        "path-keys-no-trailing-slash",
        "oas3-unused-component",
    }


def test_the_servers_entry_gives_generated_clients_a_base_url(client, world, settings):
    settings.PORTAL_BASE_URL = "https://pilkada.balikpapan.go.id"

    document = json.loads(client.get("/api/openapi.json").content)

    assert document["servers"][0]["url"] == "https://pilkada.balikpapan.go.id"
    assert document["security"] == []
    assert all(path.startswith("/api/v1") for path in document["paths"])


def test_errors_are_described_as_problem_details(document):
    for path, _method, operation in operations(document):
        for status, response in operation["responses"].items():
            if str(status).startswith("4"):
                assert list(response["content"]) == ["application/problem+json"], (path, status)


def test_spectral_finds_no_error_and_no_warning(document, tmp_path):
    spectral = require(SPECTRAL, "Spectral (npm @stoplight/spectral-cli)")
    (tmp_path / "openapi.json").write_text(json.dumps(document))
    (tmp_path / ".spectral.yaml").write_text('extends: ["spectral:oas"]\n')

    result = subprocess.run(  # noqa: S603 - the pinned checker on a file this test wrote
        [
            "node",
            str(spectral),
            "lint",
            "openapi.json",
            "--ruleset",
            ".spectral.yaml",
            "--fail-severity",
            "warn",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def redocly(document, tmp_path):
    """Redocly's report on the document under its strict recommended rules (warnings as errors)."""
    checker = require(REDOCLY, "Redocly CLI (npm @redocly/cli)")
    (tmp_path / "openapi.json").write_text(json.dumps(document))
    quiet = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "PATH": os.environ["PATH"]}
    result = subprocess.run(  # noqa: S603 - the pinned checker on a file this test wrote
        ["node", str(checker), "lint", "--extends=recommended-strict", "--format=json", "openapi.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=quiet,
    )
    return json.loads(result.stdout)


def test_redocly_finds_no_error_and_no_warning_under_its_strict_recommended_rules(document, tmp_path):
    report = redocly(document, tmp_path)

    assert [(problem["ruleId"], problem["message"]) for problem in report["problems"]] == []
    assert report["totals"] == {"errors": 0, "warnings": 0, "ignored": 0}


def test_redocly_would_catch_the_empty_servers_and_missing_security_of_the_first_round(document, tmp_path):
    document["servers"] = []
    del document["security"]

    report = redocly(document, tmp_path)

    assert {"no-empty-servers", "security-defined"} <= {problem["ruleId"] for problem in report["problems"]}
