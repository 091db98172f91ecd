"""The open-data API: one read-only NinjaAPI, its parameters, its error format and what every
response shares.

Every operation answers GET, is cached like a public page (``pagecache.store.public_page``, so the
cache key is the full URL including ``?lang=``), may be read from any origin, and speaks the
language chosen with ``?lang=id|en`` (Indonesian by default). Bad input never reaches the
database: unknown, repeated or malformed query parameters answer 400 naming the parameter, and
unknown objects answer 404, both as RFC 9457 problem details (``application/problem+json``)
with the parameter's name in ``parameter``.
"""

import json
import re
from datetime import UTC, datetime
from functools import wraps
from http import HTTPStatus
from typing import Annotated, Literal

from django.conf import settings
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.utils import timezone, translation
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError
from pydantic import create_model, field_validator

from core.urlutils import absolute_url
from pagecache.store import public_page

from .datasets import DATASETS, LICENCE_NAME, LICENCE_URL

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
MAX_LIMIT = 100
DEFAULT_LIMIT = 50
# Far beyond any dataset of one city, and small enough for every database's integer type.
MAX_OFFSET = 1_000_000
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"

Slug = Annotated[str, Field(min_length=1, max_length=120, pattern=SLUG_PATTERN)]


PROBLEM_JSON = "application/problem+json"


class ApiError(Exception):
    """A client mistake to answer with problem details naming the ``parameter`` at fault."""

    def __init__(self, message, parameter=None, status=400):
        super().__init__(message)
        self.message = message
        self.parameter = parameter
        self.status = status


class Error(Schema):
    """Problem details (RFC 9457) with one extension member, ``parameter``."""

    type: str = Field(description="Always about:blank: the status code says what kind of problem it is.")
    title: str = Field(description="The status code's name, e.g. Bad Request.")
    status: int = Field(description="The HTTP status code, e.g. 400.")
    detail: str = Field(description="What was wrong, in English.")
    parameter: str | None = Field(description="The query or path parameter at fault, if any.")


def error_response(message, parameter=None, status=400):
    problem = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": message,
        "parameter": parameter,
    }
    return JsonResponse(problem, status=status, content_type=PROBLEM_JSON)


class Language(Schema):
    lang: Literal["id", "en"] = Field(
        DEFAULT_LANGUAGE, description="Language of translated fields and labels: id (default) or en."
    )


class Paging(Schema):
    limit: int = Field(
        DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT} (default 50)."
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Number of items to skip (default 0).")


class PageBase(Schema):
    count: int = Field(description="Items matching the filters, on all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="Address of the next page, or null on the last page.")
    previous: str | None = Field(description="Address of the previous page, or null on the first page.")


class Changes(Schema):
    modified_since: datetime | None = Field(
        None,
        description=(
            "Only items changed at or after this moment (ISO 8601; without an offset, WITA), e.g. "
            "2024-11-27T13:00:00Z or 2024-11-27. A change is an edit of the item's own record (for "
            "results, also of its votes; for announcements and fact checks, publication or a correction)."
        ),
    )

    @field_validator("modified_since", mode="before")
    @classmethod
    def _iso_8601(cls, value):
        # pydantic would also take a number of seconds; the document promises ISO 8601 only.
        if value is None:
            return value
        if not re.match(r"\d{4}-\d\d-\d\d", value):
            raise ValueError("expected an ISO 8601 date or date and time, e.g. 2024-11-27T13:00:00+08:00")
        # An unencoded "+08:00" in a query string arrives as " 08:00".
        return re.sub(r" (\d\d:?\d\d)$", r"+\1", value)

    @field_validator("modified_since")
    @classmethod
    def _representable_in_utc(cls, value):
        # ISO 8601 allows offsets (e.g. -21:35) and years the database cannot compare with.
        if value is None or value.tzinfo is None:
            return value
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError("out of range once converted to UTC") from None


def changed_since(queryset, since, related=()):
    """The rows changed at or after ``since``, by their history (django-simple-history).

    ``related`` names (history model, field pointing at the row) pairs whose changes count too.
    Published content counts from its publication or correction, which is when readers saw it.
    """
    if since is None:
        return queryset
    if timezone.is_naive(since):
        since = timezone.make_aware(since)
    # In UTC for the database: PostgreSQL refuses offsets beyond its range (e.g. -21:35), which
    # ISO 8601 and Python accept.
    since = since.astimezone(UTC)
    model = queryset.model
    if hasattr(model, "corrected_at"):
        return queryset.filter(Q(publish_at__gte=since) | Q(corrected_at__gte=since))
    changed = Q(pk__in=model.history.filter(history_date__gte=since).values("id"))
    for history, field in related:
        changed |= Q(pk__in=history.objects.filter(history_date__gte=since).values(field))
    return queryset.filter(changed)


def page_schema(item):
    """``{count, limit, offset, next, previous, results: [item]}`` named after the item schema."""
    name = item.__name__.removesuffix("Out") + "Page"
    return create_model(name, __base__=PageBase, results=(list[item], ...))


def paginate(request, queryset, paging):
    """One page of ``queryset``: two queries (count and rows) plus one per prefetched relation.

    An offset past the last item is an empty page with the ``count``, not an error: a list can
    shrink while a client pages through it (a correction, ``modified_since``), and a harvester
    must be able to finish. Only an offset outside 0 to ``MAX_OFFSET`` is refused (400).
    """
    count = queryset.count()
    end = paging.offset + paging.limit
    return {
        "count": count,
        "limit": paging.limit,
        "offset": paging.offset,
        "next": _page_link(request, end, paging.limit) if end < count else None,
        "previous": _page_link(request, max(paging.offset - paging.limit, 0), paging.limit)
        if paging.offset
        else None,
        "results": list(queryset[paging.offset : end]),
    }


def _page_link(request, offset, limit):
    query = request.GET.copy()
    query["offset"] = str(offset)
    query["limit"] = str(limit)
    return absolute_url(f"{request.path}?{query.urlencode()}", request)


def get_or_404(queryset, parameter, **lookup):
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        raise ApiError(f"Nothing published with this {parameter}.", parameter, status=404) from None


# Every operation ------------------------------------------------------------------------------


def query_parameters(operation):
    """The query parameters an operation declares (after ninja flattens its schemas)."""
    names = set()
    for model in operation.models:
        if model.__ninja_param_source__ == "query":
            flattened = getattr(model, "__ninja_flatten_map__", None)
            names.update(flattened or (field.alias or name for name, field in model.model_fields.items()))
    return frozenset(names)


def check_query(request, allowed):
    """400 for a parameter the operation does not know, one given twice, or one holding NUL."""
    for name in request.GET:
        shown = name[:100]
        if name not in allowed:
            known = ", ".join(sorted(allowed)) or "none"
            raise ApiError(f"Unknown parameter {shown!r}; this address accepts: {known}.", shown)
        values = request.GET.getlist(name)
        if len(values) > 1:
            raise ApiError(f"Parameter {shown!r} is given more than once.", shown)
        if "\x00" in values[0]:
            raise ApiError(f"Parameter {shown!r} contains a NUL character.", shown)
    # Checked here for every address (the OpenAPI document has no schema to check it): each
    # answer is cached by its full address, so ?lang=<anything> must not be one of them.
    if request.GET.get("lang", DEFAULT_LANGUAGE) not in LANGUAGES:
        raise ApiError("Invalid parameter lang: Input should be 'id' or 'en'.", "lang")


def requested_language(request):
    lang = request.GET.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def public_api_view(view, allowed=None):
    """What every API address does around its view: check the query, mark it a public page (kept
    by the fast path), answer in the asked language. CORS: ``api.middleware``.

    ``allowed`` is the set of query parameters; ``None`` reads it from the ninja operation the
    view belongs to (``view`` is then its bound ``run`` method).
    """
    if allowed is None:
        allowed = query_parameters(view.__self__)
    page = public_page(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            check_query(request, allowed)
        except ApiError as error:
            return error_response(error.message, error.parameter, error.status)
        lang = requested_language(request)
        with translation.override(lang):
            response = page(request, *args, **kwargs)
        response["Content-Language"] = lang
        return response

    return wrapped


def openapi_view(view):
    """The OpenAPI document: cached like every API response; the same in either ``lang``."""
    return public_api_view(view, allowed=frozenset({"lang"}))


class OpenDataAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The generated document, with each dataset (an operation tag) described.

        It depends on the code alone (never on data or the reader's language) and takes about
        0.3 s to build, so it is built once per process and prefix instead of after every
        content change; only ``servers`` follows the settings. Callers must not modify it.
        """
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        documents = self.__dict__.setdefault("_documents", {})
        if path_prefix not in documents:
            documents[path_prefix] = self._described_schema(path_prefix)
        # Paths carry /api/v1, so the server is the site itself; "/" (this host) without a base URL.
        server = {"url": settings.PORTAL_BASE_URL or "/", "description": "The portal of Kota Balikpapan."}
        return {**documents[path_prefix], "servers": [server]}

    def _described_schema(self, path_prefix):
        schema = super().get_openapi_schema(path_prefix=path_prefix)
        with translation.override("en"):
            schema["tags"] = [
                {"name": "datasets", "description": "The list of datasets."},
                *(
                    {"name": dataset.key, "description": f"{dataset.title}: {dataset.description}"}
                    for dataset in DATASETS.values()
                ),
            ]
        schema["info"]["license"] = {"name": LICENCE_NAME, "url": LICENCE_URL}
        schema["info"]["contact"] = {"name": settings.PORTAL_PUBLISHER, "url": settings.PORTAL_OFFICIAL_SITE}
        # A public API: no operation needs credentials, said explicitly for linters and generators.
        schema["security"] = []
        _problem_details(schema)
        _without_unused_components(schema)
        return schema


def _problem_details(schema):
    """Error answers are ``application/problem+json`` (ninja labels every JSON answer application/json)."""
    for methods in schema["paths"].values():
        for operation in methods.values():
            for status, response in operation["responses"].items():
                content = response.get("content", {})
                if str(status).startswith("4") and "application/json" in content:
                    content[PROBLEM_JSON] = content.pop("application/json")


def _without_unused_components(schema):
    """Drop the schemas no answer refers to (ninja also lists the query parameters' models)."""
    schemas = schema.get("components", {}).get("schemas", {})
    refs = re.compile(r'"#/components/schemas/([^"]+)"')
    used, pending = set(), set(refs.findall(json.dumps(schema["paths"])))
    while pending:
        name = pending.pop()
        if name in used or name not in schemas:
            continue
        used.add(name)
        pending |= set(refs.findall(json.dumps(schemas[name])))
    for name in set(schemas) - used:
        del schemas[name]


api = OpenDataAPI(
    title="Portal Pilkada Kota Balikpapan: open data API",
    version="1",
    description=(
        "Read-only data of the portal of Kota Balikpapan for the 2024 regional election (Pilkada): "
        "the schedule, areas, TPS, voter counts, results, candidate pairs, announcements and fact "
        "checks, under the CC BY 4.0 licence. Every list takes `limit` (1-100) and `offset`, and "
        "every address takes `lang` (`id`, the default, or `en`) for translated fields. Dates are "
        "ISO 8601; times carry their offset (+08:00, WITA). Each figure names its `source` and "
        "`as_of` date; what is unknown is null. Every list takes `modified_since` for what changed "
        "since a moment. Each dataset is also a CSV file (UTF-8 with a byte-order mark so that Excel "
        "reads it, header row) and an Excel file; `/api/v1/datapackage.json` describes them all "
        "(Frictionless Data Package). An offset past the last item gives an empty page. Errors: 400 for a "
        "bad parameter and 404 for an unknown object, as RFC 9457 problem details "
        "(`application/problem+json`) with the parameter's name in `parameter`."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url=None,
    docs_decorator=openapi_view,
)
api.add_decorator(public_api_view, mode="view")


@api.exception_handler(ApiError)
def _api_error(request, error):
    return error_response(error.message, error.parameter, error.status)


@api.exception_handler(ValidationError)
def _invalid_parameter(request, error):
    """Ninja's 422 becomes 400 naming the parameter; a malformed path means no such object (404)."""
    first = error.errors[0] if error.errors else {}
    location = [str(part) for part in first.get("loc", ())]
    source, name = (location + ["", ""])[:2]
    message = f"{name}: {first.get('msg', 'invalid value')}" if name else first.get("msg", "Invalid input.")
    if source == "path":
        return error_response(f"Not found ({message}).", name or None, status=404)
    return error_response(f"Invalid parameter {message}.", name or None)


@api.exception_handler(Http404)
def _not_found(request, error):
    return error_response("Not found.", status=404)


def json_not_found(request, unknown=""):
    """Any other address under /api/: a JSON 404, as clients of an API expect."""
    return error_response("No such address in the API; see /api/openapi.json.", status=404)
