"""``GET /api/v1``: the datasets, with their licence, source, last update and addresses; the data
package that describes them all, and a zip of every CSV."""

from datetime import datetime

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from core.urlutils import absolute_url

from .. import datapackage
from ..core import Error, Language
from ..datasets import DATASETS, LICENCE_NAME, LICENCE_URL, last_updates

router = Router()


class DatasetOut(Schema):
    key: str = Field(description="The dataset's name in addresses, e.g. voter-counts.")
    title: str
    description: str
    source: str
    licence: str
    licence_url: str
    last_update: datetime | None = Field(description="When the dataset last changed; null if it is empty.")
    json_url: str
    csv_url: str
    xlsx_url: str


def describe(request, dataset, updated):
    return {
        "key": dataset.key,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "source": str(dataset.source),
        "licence": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "last_update": timezone.localtime(updated) if updated else None,
        "json_url": absolute_url(dataset.json_path, request),
        "csv_url": absolute_url(dataset.csv_path, request),
        "xlsx_url": absolute_url(dataset.xlsx_path, request),
    }


@router.get(
    "",
    response={200: list[DatasetOut], 400: Error},
    operation_id="list_datasets",
    summary="List the datasets",
    description="Every dataset with its licence, source, last update and JSON and CSV addresses.",
    tags=["datasets"],
    url_name="index",
)
def index(request, params: Query[Language]):
    updates = last_updates()
    return [describe(request, dataset, updates[key]) for key, dataset in DATASETS.items()]


@router.get(
    "/datapackage.json",
    response={400: Error},
    operation_id="get_datapackage",
    summary="The data package",
    description=(
        "A Frictionless Data Package describing every CSV: a Table Schema per file (types, keys, "
        "foreign keys, the `; ` list separator), licence, sources and last change. Follows `lang`."
    ),
    tags=["datasets"],
    url_name="datapackage",
    openapi_extra={
        "responses": {
            200: {
                "description": "The package descriptor (https://specs.frictionlessdata.io/data-package/).",
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        }
    },
)
def package(request, params: Query[Language]):
    return JsonResponse(
        datapackage.descriptor(request, params.lang), json_dumps_params={"ensure_ascii": False}
    )


@router.get(
    "/datasets.zip",
    response={400: Error},
    operation_id="download_datasets",
    summary="Download every dataset",
    description="Every CSV in one zip, with a datapackage.json whose paths are the files beside it.",
    tags=["datasets"],
    url_name="datasets-zip",
    openapi_extra={
        "responses": {
            200: {
                "description": "A zip of the CSV files and their data package.",
                "content": {"application/zip": {"schema": {"type": "string", "contentEncoding": "binary"}}},
            }
        }
    },
)
def archive(request, params: Query[Language]):
    suffix = "" if params.lang == "id" else f"-{params.lang}"
    response = HttpResponse(datapackage.zip_bytes(request, params.lang), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="pilkada-balikpapan-data{suffix}.zip"'
    return response
