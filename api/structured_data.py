"""schema.org DataCatalog and Dataset JSON-LD for the open-data page (dataset search engines)."""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import structured_data
from core.structured_data import LICENCE_URL, publisher
from core.urlutils import absolute_url

from .datasets import DATASETS
from .templatetags.open_data import dataset_url

FORMATS = (("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))


def dataset(request, item, updated):
    downloads = [(media_type, dataset_url(item, kind)) for kind, media_type in FORMATS]
    url = dataset_url(item, "json")
    return structured_data.dataset(
        item.title, item.description, url, request, downloads=downloads, modified=updated
    )


def data_catalog(request, updates):
    return {
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "name": _("Open data of the Pilkada portal of Balikpapan"),
        "url": request.build_absolute_uri(request.path)
        if not settings.PORTAL_BASE_URL
        else absolute_url(request.path),
        "license": LICENCE_URL,
        "publisher": publisher(request),
        "inLanguage": get_language(),
        "dataset": [dataset(request, item, updates[key]) for key, item in DATASETS.items()],
    }
