"""Datasets as CSV files: UTF-8 with a byte-order mark, comma-separated, a header row.

The byte-order mark is what makes Excel on Windows read the file as UTF-8 (without it, "Sepinggan
Baru" survives but every non-ASCII letter and "–" is garbled); CSV libraries skip it.

Each row is the dataset's JSON item flattened by the dataset's columns, so the CSV and JSON
versions never disagree. Unknown values are empty cells; true/false are ``true``/``false``;
dates and times are ISO 8601 as in JSON; a list (mission points, education, ...) is one cell
with one entry per line. A text cell that begins with ``=``, ``+``, ``-`` or ``@`` gets a leading
apostrophe, so a spreadsheet shows it instead of running it as a formula.
"""

import csv
import io
from dataclasses import dataclass

from django.http import HttpResponse

from core.spreadsheets import xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Table:
    """What a dataset's files are made of: its item schema, its columns and how to read its rows.

    ``items(request, lang)`` gives every row of the whole dataset as JSON-ready dicts; the data
    package (``api.datapackage``) and the zip of all files read the tables from ``TABLES``.
    """

    key: str
    item: type
    columns: list
    items: object

    def csv_text(self, request, lang):
        return csv_text(self.items(request, lang), self.columns)


# Filled by ``api.endpoints.publish``, one entry per dataset, in the order they are published.
TABLES = {}

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "\n".join(str(entry) for entry in value)
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return str(value)


def column_names(columns):
    return [column if isinstance(column, str) else column[0] for column in columns]


def rows(items, columns):
    """``items`` are JSON-ready dicts; a column is a key, or (header, function of the item)."""
    for item in items:
        yield [cell(item[column] if isinstance(column, str) else column[1](item)) for column in columns]


def csv_text(items, columns):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column_names(columns))
    writer.writerows(rows(items, columns))
    return "\ufeff" + buffer.getvalue()


def csv_response(items, columns, filename):
    response = HttpResponse(csv_text(items, columns), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(items, columns, filename, title):
    """The same cells as the CSV (formula-looking text made harmless the same way) in one sheet."""
    body = xlsx_bytes(column_names(columns), list(rows(items, columns)), title)
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def joined(key, field, separator="; "):
    """A column holding one field of each entry of a list, e.g. the parties' abbreviations."""
    return lambda item: separator.join(str(entry[field]) for entry in item[key])
