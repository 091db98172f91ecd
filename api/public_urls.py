"""Pages about the open data, inside ``i18n_patterns`` (``/id/data/``, ``/en/data/``)."""

from django.urls import path

from . import views

app_name = "open-data"

urlpatterns = [
    path("", views.open_data, name="index"),
    path("api/", views.api_docs, name="api-docs"),
]
