"""/api/: the versioned JSON API (ninja), its OpenAPI document, the docs address and JSON 404s.

Outside ``i18n_patterns``: the language of the data is the ``lang`` query parameter.
"""

from django.urls import path, register_converter

from . import views
from .converters import AnyPathConverter
from .core import json_not_found
from .routers import api

register_converter(AnyPathConverter, "anything")

urlpatterns = [
    path("", views.api_root, name="api-home"),
    path("docs/", views.api_docs_redirect, name="api-docs"),
    # The index is /api/v1 (no path in the OpenAPI document ends with a slash); the old address stays.
    path("v1/", views.api_root),
    path("", api.urls),
    path("<anything:unknown>", json_not_found),
]
