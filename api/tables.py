"""Datasets as CSV files: UTF-8 without a byte-order mark, comma-separated, a header row.

Each row is the dataset's JSON item flattened by the dataset's columns, so the CSV and JSON
versions never disagree. Unknown values are empty cells; true/false are ``true``/``false``;
dates and times are ISO 8601 as in JSON; a list (mission points, education, ...) is one cell
with one entry per line. A text cell that begins with ``=``, ``+``, ``-`` or ``@`` gets a leading
apostrophe, so a spreadsheet shows it instead of running it as a formula.
"""

import csv
import io

from django.http import HttpResponse

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


def csv_response(items, columns, filename):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column_names(columns))
    writer.writerows(rows(items, columns))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def joined(key, field, separator="; "):
    """A column holding one field of each entry of a list, e.g. the parties' abbreviations."""
    return lambda item: separator.join(str(entry[field]) for entry in item[key])
