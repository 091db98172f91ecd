"""The open-data page and the API reference (both languages, in the URL), and /api/ shortcuts."""

import functools
import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from core.markup import json_ld
from elections import calendar
from pagecache.store import public_page

from . import reference, structured_data
from .core import DEFAULT_LIMIT, MAX_LIMIT, requested_language
from .datasets import DATASETS, LICENCE_NAME, LICENCE_URL, last_updates
from .routers import api


@require_safe
@public_page
def open_data(request):
    updates = last_updates()
    datasets = [(dataset, updates[key]) for key, dataset in DATASETS.items()]
    context = {
        "datasets": datasets,
        "licence_name": LICENCE_NAME,
        "licence_url": LICENCE_URL,
        "package_url": reverse("api-v1:datapackage"),
        "zip_url": reverse("api-v1:datasets-zip"),
        "city_code": settings.PORTAL_CITY_CODE,
        "city_bps_code": settings.PORTAL_CITY_BPS_CODE,
        "subscription": calendar.subscription(request),
        "structured_data": json_ld(structured_data.data_catalog(request, updates)),
    }
    return render(request, "api/open_data.html", context)


@functools.cache
def _reference():
    """The reference's parts, from the OpenAPI document: like it, fixed for the process."""
    document = json.loads(json.dumps(api.get_openapi_schema(), cls=DjangoJSONEncoder))
    return reference.build(document)


@require_safe
@public_page
def api_docs(request):
    index, groups, types = _reference()
    context = {
        "index": index,
        "groups": groups,
        "types": types,
        "default_limit": DEFAULT_LIMIT,
        "max_limit": MAX_LIMIT,
        "licence_name": LICENCE_NAME,
        "licence_url": LICENCE_URL,
    }
    return render(request, "api/api_docs.html", context)


@require_safe
def api_root(request):
    return redirect("api-v1:index")


@require_safe
def api_docs_redirect(request):
    """/api/docs/ opens the reference in the language asked for with ``lang`` (Indonesian by default)."""
    with translation.override(requested_language(request)):
        return redirect("open-data:api-docs")
