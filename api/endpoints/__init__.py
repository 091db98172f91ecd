"""Read-only endpoints: every dataset is a paginated JSON list, a CSV file and an Excel file with
the same filters.

``add_list_endpoint()`` makes both from one description; ``add_detail_endpoint()`` adds the
address of one item by its slug.
"""

from ninja import Query

from ..core import Changes, Error, Language, Paging, Slug, changed_since, get_or_404, page_schema, paginate
from ..datasets import DATASETS
from ..tables import TABLES, XLSX, Table, csv_response, xlsx_response

CSV_RESPONSE = {
    200: {
        "description": "The dataset as CSV: UTF-8 with a byte-order mark, comma-separated, header row.",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}
XLSX_RESPONSE = {
    200: {
        "description": "The dataset as an Excel workbook: one sheet, the same columns and cells as the CSV.",
        "content": {XLSX: {"schema": {"type": "string", "contentEncoding": "binary"}}},
    }
}


def add_list_endpoint(
    router, key, *, noun, item, filters, queryset, columns, rows=None, notes="", related_changes=()
):
    """Add ``GET /v1/<key>`` (JSON pages) and ``GET /v1/<key>.csv`` (everything) to ``router``.

    ``queryset(params)`` returns the filtered rows with their relations loaded, in a fixed order;
    ``columns`` flattens one JSON item into CSV cells (see ``api.tables``), after ``rows`` (if
    given) has turned each item into the CSV rows it stands for. ``related_changes`` names other
    histories whose changes count for ``modified_since`` (see ``api.core.changed_since``).
    """
    assert key in DATASETS, key
    operation = key.replace("-", "_")
    description = f"{notes} Translated fields follow `lang`.".strip()

    def selected(params, changes):
        return changed_since(queryset(params), changes.modified_since, related_changes)

    def list_items(request, params: Query[filters], changes: Query[Changes], paging: Query[Paging]):
        return paginate(request, selected(params, changes), paging)

    def flat(request, params, changes):
        context = {"request": request}
        items = [
            item.model_validate(obj, context=context).model_dump(mode="json")
            for obj in selected(params, changes)
        ]
        return items if rows is None else [row for entry in items for row in rows(entry)]

    def filename(params, extension):
        suffix = "" if params.lang == "id" else f"-{params.lang}"
        return f"pilkada-balikpapan-{key}{suffix}.{extension}"

    def download(request, params: Query[filters], changes: Query[Changes]):
        return csv_response(flat(request, params, changes), columns, filename(params, "csv"))

    def spreadsheet(request, params: Query[filters], changes: Query[Changes]):
        items = flat(request, params, changes)
        return xlsx_response(items, columns, filename(params, "xlsx"), str(DATASETS[key].title))

    TABLES[key] = Table(
        key, item, columns, lambda request, lang: flat(request, filters(lang=lang), Changes())
    )

    router.get(
        f"/{key}",
        response={200: page_schema(item), 400: Error},
        operation_id=f"list_{operation}",
        summary=f"List {noun}",
        description=description,
        tags=[key],
        url_name=key,
    )(list_items)
    router.get(
        f"/{key}.csv",
        response={400: Error},
        operation_id=f"download_{operation}",
        summary=f"Download {noun} as CSV",
        description=f"All {noun} matching the filters, in one file. {description}",
        tags=[key],
        url_name=f"{key}-csv",
        openapi_extra={"responses": CSV_RESPONSE},
    )(download)
    router.get(
        f"/{key}.xlsx",
        response={400: Error},
        operation_id=f"spreadsheet_{operation}",
        summary=f"Download {noun} as an Excel file",
        description=f"All {noun} matching the filters, in one sheet with the CSV's columns. {description}",
        tags=[key],
        url_name=f"{key}-xlsx",
        openapi_extra={"responses": XLSX_RESPONSE},
    )(spreadsheet)


def add_detail_endpoint(router, key, *, name, item, queryset, summary):
    """Add ``GET /v1/<key>/<slug>``: one item of ``queryset()``, or a JSON 404."""
    operation = name.replace("-", "_")

    def detail(request, slug: Slug, params: Query[Language]):
        return get_or_404(queryset(), "slug", slug=slug)

    router.get(
        f"/{key}/{{slug:slug}}",
        response={200: item, 404: Error, 400: Error},
        operation_id=f"get_{operation}",
        summary=summary,
        description="The item with the same fields as in the list. Translated fields follow `lang`.",
        tags=[key],
        url_name=name,
    )(detail)
