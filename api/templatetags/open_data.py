"""Links to the open data from any page, built without a database query."""

import re
from urllib.parse import urlencode

from django import template
from django.http import QueryDict
from django.utils import translation

from ..core import DEFAULT_LANGUAGE
from ..datasets import DATASETS

register = template.Library()


def dataset_url(dataset, kind, query=""):
    """The JSON, CSV or Excel address of a dataset in the reader's language, with optional filters."""
    path = {"csv": dataset.csv_path, "xlsx": dataset.xlsx_path}.get(kind, dataset.json_path)
    params = QueryDict(query, mutable=True)
    language = translation.get_language()
    if language != DEFAULT_LANGUAGE:
        params["lang"] = language
    encoded = urlencode(sorted(params.items()))
    return f"{path}?{encoded}" if encoded else path


@register.simple_tag
def dataset_link(dataset, kind):
    return dataset_url(dataset, kind)


@register.simple_tag
def dataset_links(keys, query=""):
    """``keys`` as "voter-counts, polling-stations" (or a list); unknown keys are an error."""
    if isinstance(keys, str):
        keys = [key for key in re.split(r"[\s,]+", keys) if key]
    links = []
    for key in keys:
        dataset = DATASETS[key]
        links.append(
            {
                "key": key,
                "title": dataset.title,
                "csv_url": dataset_url(dataset, "csv", query or ""),
                "json_url": dataset_url(dataset, "json", query or ""),
            }
        )
    return links
