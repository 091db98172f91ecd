"""schema.org DataCatalog and Dataset JSON-LD for the open-data page (dataset search engines)."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.structured_data import publisher
from core.urlutils import absolute_url

from .datasets import DATASETS, LICENCE_URL
from .templatetags.open_data import dataset_url

FORMATS = (("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))


def city():
    """Kota Balikpapan with its official codes, the area every dataset covers."""
    return {
        "@type": "City",
        "name": "Kota Balikpapan",
        "identifier": [
            {"@type": "PropertyValue", "propertyID": "Kemendagri", "value": settings.PORTAL_CITY_CODE},
            {"@type": "PropertyValue", "propertyID": "BPS", "value": settings.PORTAL_CITY_BPS_CODE},
        ],
    }


def dataset(request, item, updated):
    data = {
        "@type": "Dataset",
        "name": str(item.title),
        "description": str(item.description),
        "url": absolute_url(dataset_url(item, "json"), request),
        "license": LICENCE_URL,
        "isAccessibleForFree": True,
        "inLanguage": get_language(),
        "creator": publisher(request),
        "spatialCoverage": city(),
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": media_type,
                "contentUrl": absolute_url(dataset_url(item, kind), request),
            }
            for kind, media_type in FORMATS
        ],
    }
    if updated:
        data["dateModified"] = timezone.localtime(updated).isoformat()
    return data


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
