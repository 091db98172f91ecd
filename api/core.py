"""The open-data API: one read-only NinjaAPI, its parameters, its error format and what every
response shares.

Every operation answers GET, is cached like a public page (``pagecache.store.public_page``, so the
cache key is the full URL including ``?lang=``), may be read from any origin, and speaks the
language chosen with ``?lang=id|en`` (Indonesian by default). Bad input never reaches the
database: unknown, repeated or malformed query parameters answer 400 naming the parameter, and
unknown objects answer 404, both as ``{"error": ..., "parameter": ...}``.
"""

from functools import wraps
from typing import Annotated, Literal

from django.http import Http404, JsonResponse
from django.utils import translation
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError
from pydantic import create_model

from core.urlutils import absolute_url
from pagecache.store import public_page

from .datasets import DATASETS

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
MAX_LIMIT = 100
DEFAULT_LIMIT = 50
# Far beyond any dataset of one city, and small enough for every database's integer type.
MAX_OFFSET = 1_000_000
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"

Slug = Annotated[str, Field(min_length=1, max_length=120, pattern=SLUG_PATTERN)]


class ApiError(Exception):
    """A client mistake to answer with ``{"error": message, "parameter": parameter}``."""

    def __init__(self, message, parameter=None, status=400):
        super().__init__(message)
        self.message = message
        self.parameter = parameter
        self.status = status


class Error(Schema):
    error: str = Field(description="What was wrong, in English.")
    parameter: str | None = Field(None, description="The query or path parameter at fault, if any.")


def error_response(message, parameter=None, status=400):
    return JsonResponse({"error": message, "parameter": parameter}, status=status)


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


def page_schema(item):
    """``{count, limit, offset, next, previous, results: [item]}`` named after the item schema."""
    name = item.__name__.removesuffix("Out") + "Page"
    return create_model(name, __base__=PageBase, results=(list[item], ...))


def paginate(request, queryset, paging):
    """One page of ``queryset``: two queries (count and rows) plus one per prefetched relation."""
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
        content change. Callers must not modify it.
        """
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        documents = self.__dict__.setdefault("_documents", {})
        if path_prefix not in documents:
            documents[path_prefix] = self._described_schema(path_prefix)
        return documents[path_prefix]

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
        return schema


api = OpenDataAPI(
    title="Portal Pilkada Kota Balikpapan: open data API",
    version="1",
    description=(
        "Read-only data of the portal of Kota Balikpapan for the 2024 regional election (Pilkada): "
        "the schedule, areas, TPS, voter counts, results, candidate pairs, announcements and fact "
        "checks, under the CC BY 4.0 licence. Every list takes `limit` (1-100) and `offset`, and "
        "every address takes `lang` (`id`, the default, or `en`) for translated fields. Dates are "
        "ISO 8601; times carry their offset (+08:00, WITA). Each figure names its `source` and "
        "`as_of` date; what is unknown is null. Each dataset is also a CSV file (UTF-8 without "
        "BOM, header row). Errors: 400 for a bad parameter and 404 for an unknown object, both "
        'as `{"error": "...", "parameter": "..."}`.'
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
