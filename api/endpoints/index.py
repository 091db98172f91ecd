"""``GET /api/v1``: the datasets, with their licence, source, last update and addresses."""

from datetime import datetime

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from portal.urlutils import absolute_url

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
