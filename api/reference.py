"""The human-readable API reference, read from the generated OpenAPI document.

Nothing here is written by hand about an endpoint: paths, parameters, types and field
descriptions come from the document ninja generates from the code, so the page cannot drift
from the API. The dataset titles and descriptions around them come from ``api.datasets``.
"""

import re
from dataclasses import dataclass, field

from .datasets import DATASETS

COMPONENTS = "#/components/schemas/"


@dataclass
class Parameter:
    name: str
    location: str
    type: str
    required: bool
    description: str


@dataclass
class Operation:
    path: str
    summary: str
    description: str
    parameters: list
    returns: str
    is_file: bool  # a download (CSV, Excel, zip) or a document with its own format, not a type here
    media_type: str = ""
    page_of: str = ""  # for a list: the type of each item on the page

    @property
    def anchor(self):
        return re.sub(r"[^a-z0-9]+", "-", self.path.lower()).strip("-")


@dataclass
class Type:
    name: str
    description: str
    fields: list = field(default_factory=list)  # (name, type, description)


@dataclass
class Group:
    key: str
    title: str
    description: str
    operations: list
    item: str = ""


def type_name(schema, schemas=None):
    """A short, readable type: ``integer``, ``text: id | en``, ``list of ContestOut``, ``… | null``.

    A reference to an enumeration (``schemas`` holds the components) shows its values instead.
    """
    schemas = schemas or {}
    if "$ref" in schema:
        name = schema["$ref"].removeprefix(COMPONENTS)
        return type_name(schemas[name]) if "enum" in schemas.get(name, {}) else name
    if "anyOf" in schema:
        return " | ".join(type_name(option, schemas) for option in schema["anyOf"])
    if "enum" in schema:
        return "text: " + " | ".join(str(value) for value in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {type_name(schema.get('items', {}), schemas)}"
    if kind == "string" and schema.get("format") in ("date", "date-time"):
        return schema["format"]
    if kind == "string":
        return "text"
    limits = [
        f"{word} {schema[key]}" for key, word in (("minimum", "min"), ("maximum", "max")) if key in schema
    ]
    return f"{kind} ({', '.join(limits)})" if limits else kind


def references(schema):
    """Component names a schema mentions, directly or inside lists and unions."""
    if "$ref" in schema:
        yield schema["$ref"].removeprefix(COMPONENTS)
    for option in schema.get("anyOf", []):
        yield from references(option)
    if "items" in schema:
        yield from references(schema["items"])
    for prop in schema.get("properties", {}).values():
        yield from references(prop)


def _operation(path, spec, schemas):
    responses = spec.get("responses", {})
    ok = responses.get("200", {}).get("content", {})
    body = ok.get("application/json", {}).get("schema", {})
    is_file = "application/json" not in ok or body == {"type": "object"}
    parameters = [
        Parameter(
            name=parameter["name"],
            location=parameter["in"],
            # An optional query parameter is simply left out; "null" is not a value it can take.
            type=type_name(parameter.get("schema", {}), schemas).removesuffix(" | null"),
            required=parameter.get("required", False),
            description=parameter.get("description", ""),
        )
        for parameter in spec.get("parameters", [])
    ]
    return Operation(
        path=path,
        summary=spec.get("summary", ""),
        description=spec.get("description", ""),
        parameters=parameters,
        returns=next(iter(ok), "") if is_file else type_name(body, schemas),
        is_file=is_file,
        media_type=next(iter(ok), ""),
    )


def build(document):
    """Groups of operations per dataset (in the datasets' order) and the types they return.

    ``document`` is the OpenAPI document as served (JSON types: status codes are strings).
    """
    schemas = document.get("components", {}).get("schemas", {})
    groups = {key: Group(key, dataset.title, dataset.description, []) for key, dataset in DATASETS.items()}
    index = []
    for path, methods in document.get("paths", {}).items():
        spec = methods.get("get")
        if spec is None:
            continue
        operation = _operation(path, spec, schemas)
        tag = (spec.get("tags") or [""])[0]
        if tag in groups:
            groups[tag].operations.append(operation)
        else:
            index.append(operation)
    for operation in [*index, *(op for group in groups.values() for op in group.operations)]:
        page = schemas.get(operation.returns, {})
        if "results" in page.get("properties", {}):
            operation.page_of = type_name(page["properties"]["results"].get("items", {}))
    for group in groups.values():
        group.item = next((op.page_of for op in group.operations if op.page_of), "")
    roots = [group.item for group in groups.values()] + [op.returns.removeprefix("list of ") for op in index]
    return index, list(groups.values()), _types(schemas, roots)


def _types(schemas, roots):
    """Every type the datasets return, each once, items first, then the types nested in them."""
    order, pending = [], [root for root in roots if root]
    while pending:
        name = pending.pop(0)
        if name in order or name not in schemas:
            continue
        order.append(name)
        pending.extend(references(schemas[name]))
    types = []
    for name in order:
        schema = schemas[name]
        if "properties" not in schema:
            continue
        fields = [
            (prop_name, type_name(prop, schemas), prop.get("description", ""))
            for prop_name, prop in schema["properties"].items()
        ]
        types.append(Type(name, schema.get("description", ""), fields))
    return types
