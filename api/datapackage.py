"""The datasets as a Frictionless Data Package: ``datapackage.json`` and a zip of every CSV.

The descriptor gives each CSV a Table Schema (types, required and unique keys, foreign keys
between areas, contests, pairs and results, the "; " list separator), the licence, the sources
and when each dataset last changed, so a validator or a loader knows the data without guessing
(without a schema an empty column reads as ``any``). The zip holds the CSVs with a descriptor
whose paths are the files beside it: a package that works offline.

Types come from the JSON item schemas the CSVs are flattened from, so they cannot drift apart.
"""

import io
import json
import zipfile

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.urlutils import absolute_url

from .datasets import DATASETS, LICENCE_NAME, LICENCE_URL, last_updates
from .tables import TABLES, column_names

PROFILE = "tabular-data-package"
# Each row's identity: a slug, or for a pair its contest and ballot number (pair slugs are
# readable names, the same in two contests when the same people run again).
PRIMARY_KEYS = {
    "elections": ["slug"],
    "contests": ["slug"],
    "districts": ["slug"],
    "subdistricts": ["slug"],
    "candidate-pairs": ["contest", "ballot_number"],
    "announcements": ["slug"],
    "fact-checks": ["slug"],
}
PAIR = (["contest", "ballot_number"], "candidate-pairs")
# Columns that point at another dataset's rows: (columns, dataset); its primary key is meant.
FOREIGN_KEYS = {
    "contests": [(["election"], "elections")],
    "stages": [(["election"], "elections")],
    "debates": [(["election"], "elections"), (["contest"], "contests")],
    "subdistricts": [(["district"], "districts")],
    "polling-stations": [
        (["election"], "elections"),
        (["district"], "districts"),
        (["subdistrict"], "subdistricts"),
    ],
    "voter-counts": [
        (["election"], "elections"),
        (["district"], "districts"),
        (["subdistrict"], "subdistricts"),
    ],
    "results": [
        (["election"], "elections"),
        (["contest"], "contests"),
        (["district"], "districts"),
        (["subdistrict"], "subdistricts"),
        # No pair reference: a row for an area with no tally yet has a contest but no ballot
        # number, and a composite key half empty fails the check. Each pair's row names it.
    ],
    "candidate-pairs": [(["election"], "elections"), (["contest"], "contests")],
    "programmes": [(["election"], "elections"), (["contest"], "contests"), PAIR],
    "announcements": [(["election"], "elections")],
}
# Columns that hold several entries in one cell, separated by "; " (parties of a pair).
LIST_COLUMNS = {"parties", "party_names"}
LIST_SEPARATOR = "; "
JSON_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}
JSON_FORMATS = {"date": "date", "date-time": "datetime", "time": "time", "uri": "string"}


def _properties(item):
    """Every property of the item schema and of the schemas it nests, by name (the item's first)."""
    schema = item.model_json_schema(mode="serialization")
    found = {}
    for nested in schema.get("$defs", {}).values():
        found.update(nested.get("properties", {}))
    found.update(schema.get("properties", {}))
    return found


def _field(name, spec):
    """A Table Schema field from a JSON Schema property (``anyOf`` with null means optional)."""
    options = spec.get("anyOf", [spec])
    concrete = next((option for option in options if option.get("type") != "null"), {})
    field = {"name": name, "type": "string"}
    if name in LIST_COLUMNS:
        field.update(type="list", delimiter=LIST_SEPARATOR, itemType="string")
    elif concrete.get("format") in JSON_FORMATS:
        field["type"] = JSON_FORMATS[concrete["format"]]
    elif concrete.get("type") in JSON_TYPES:
        field["type"] = JSON_TYPES[concrete["type"]]
    if concrete.get("type") == "array":
        field["description"] = _("Several entries, one per line.")
    if spec.get("description"):
        field["description"] = spec["description"]
    constraints = {}
    if "enum" in concrete:
        constraints["enum"] = concrete["enum"]
    for bound in ("minimum", "maximum"):
        if bound in concrete:
            constraints[bound] = concrete[bound]
    if field["type"] == "integer" and name in {
        "votes",
        "empty_box_votes",
        "valid_votes",
        "invalid_votes",
        "total",
        "male",
        "female",
    }:
        constraints["minimum"] = 0
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(table):
    properties = _properties(table.item)
    fields = [_field(name, properties.get(name, {})) for name in column_names(table.columns)]
    names = {field["name"] for field in fields}
    schema = {"fields": fields, "missingValues": [""]}
    key = PRIMARY_KEYS.get(table.key)
    if key:
        schema["primaryKey"] = key
        for field in fields:
            if field["name"] in key:
                field.setdefault("constraints", {})["required"] = True
    references = [
        (columns, target) for columns, target in FOREIGN_KEYS.get(table.key, []) if set(columns) <= names
    ]
    if references:
        schema["foreignKeys"] = [
            {"fields": columns, "reference": {"resource": target, "fields": PRIMARY_KEYS[target]}}
            for columns, target in references
        ]
    return schema


def descriptor(request, lang, paths=None):
    """The package in ``lang``; ``paths`` maps a dataset to its file (default: its CSV address)."""
    updates = last_updates()
    changed = [moment for moment in updates.values() if moment]
    resources = []
    for key, dataset in DATASETS.items():
        table = TABLES[key]
        path = (
            paths[key]
            if paths
            else absolute_url(dataset.csv_path, request) + ("" if lang == "id" else f"?lang={lang}")
        )
        resource = {
            "name": key,
            "path": path,
            "title": str(dataset.title),
            "description": str(dataset.description),
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            # Frictionless reads "utf-8" with the byte-order mark Excel needs as part of the first name.
            "encoding": "utf-8-sig",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
            "sources": [{"title": str(dataset.source)}],
            "licenses": [{"name": "CC-BY-4.0", "path": LICENCE_URL, "title": LICENCE_NAME}],
            "schema": table_schema(table),
        }
        if updates[key]:
            resource["lastModified"] = timezone.localtime(updates[key]).isoformat()
        resources.append(resource)
    package = {
        "profile": PROFILE,
        "name": "pilkada-balikpapan",
        "title": _("Pilkada 2024 in Kota Balikpapan: open data"),
        "description": _(
            "The schedule, areas with their Kemendagri and BPS codes, TPS, voter counts, results, "
            "candidate pairs, announcements and fact checks published by the Balikpapan city portal."
        ),
        "homepage": absolute_url("/", request),
        "version": "1",
        "keywords": ["pilkada", "balikpapan", "election", "pemilihan"],
        "contributors": [
            {"title": settings.PORTAL_PUBLISHER, "role": "publisher", "path": settings.PORTAL_OFFICIAL_SITE}
        ],
        "licenses": [{"name": "CC-BY-4.0", "path": LICENCE_URL, "title": LICENCE_NAME}],
        "sources": [{"title": str(dataset.source)} for dataset in DATASETS.values()],
        "resources": resources,
    }
    if changed:
        package["created"] = timezone.localtime(max(changed)).isoformat()
    return package


def zip_bytes(request, lang):
    """Every CSV and a ``datapackage.json`` whose paths are those files."""
    paths = {key: f"{key}.csv" for key in DATASETS}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for key in DATASETS:
            archive.writestr(paths[key], TABLES[key].csv_text(request, lang).encode("utf-8"))
        package = descriptor(request, lang, paths=paths)
        archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
    return buffer.getvalue()
