"""When content last changed, read from django-simple-history tables in a single query.

The sitemap's ``lastmod`` and the open-data page's "last changed" dates ask the same question
of many tables at once. Each *part* is a query yielding rows ``{"key", "last"}``; ``latest``
runs them all as one ``UNION ALL`` and keeps the newest date per key. Keys are text so that
parts about a whole table (keyed by a label) and parts per row (keyed by a row's id) mix.

A history table records creation, every change and deletion, so its newest ``history_date``
is when the rows it tracks last changed in any way a reader could notice.
"""

import functools
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db.models import CharField, F, Max, Value
from django.db.models.functions import Cast, Concat

SOURCES = ("*.py", "*.html", "*.mo")


def history_part(model, key, by=""):
    """When ``model``'s rows last changed: one row labelled ``key``; or, with ``by`` (a field of
    the model or a lookup through its relations, e.g. ``"subdistrict__district_id"``), one row per
    value of that field, keyed ``key`` followed by the value."""
    history = model.history.model.objects.order_by()
    label = Value(key, output_field=CharField())
    if by:
        label = Concat(label, Cast(F(by), CharField()), output_field=CharField())
    return history.values(key=label).annotate(last=Max("history_date"))


def latest(parts):
    """``{key: newest date}`` over every part, in one query; keys with no date are left out."""
    if not parts:
        return {}
    first, *others = parts
    newest = {}
    for row in first.union(*others, all=True):
        key, last = row["key"], row["last"]
        if last is not None and (key not in newest or last > newest[key]):
            newest[key] = last
    return newest


def newest(*dates):
    """The latest of the given dates that are known; None when none is."""
    known = [date for date in dates if date is not None]
    return max(known, default=None)


@functools.cache
def code_installed():
    """When the code that renders the pages was installed on this server: the newest of the
    project's Python modules, templates and compiled translations. A page without data (the
    API reference, an empty list) changes only with it."""
    root = Path(settings.BASE_DIR)
    folders = [path for path in root.iterdir() if (path / "__init__.py").exists()]
    folders += [root / "templates", root / "locale"]
    sources = [
        path for folder in folders for pattern in SOURCES if folder.is_dir() for path in folder.rglob(pattern)
    ]
    return datetime.fromtimestamp(max(path.stat().st_mtime for path in sources), tz=UTC)
