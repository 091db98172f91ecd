"""Tables as staff have them: CSV the way spreadsheets save it, and Excel workbooks, in and out.

Excel with Indonesian settings saves CSV with semicolons, "Unicode text" is UTF-16 with tabs, and
older Windows tools write Windows-1252; staff should not need to know any of that. Reading turns
every file into a header and rows of text cells, so one set of cell rules (in the importers)
applies whatever the format. Writing gives the downloadable templates in both formats.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Font

MAX_ROWS = 20_000
# An .xlsx is a zip: refuse archives that would unpack to far more than any real recap.
MAX_XLSX_UNPACKED_BYTES = 60 * 1024 * 1024
DELIMITERS = (",", ";", "\t")
XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TableError(Exception):
    """The file as a whole cannot be read; ``hint`` says what usually fixes it."""

    def __init__(self, message, hint=""):
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass
class Table:
    """A header of normalised column names and rows of stripped text cells, by line number."""

    header: list
    rows: list  # [(line as the staff's spreadsheet numbers it, {column: text}), ...]
    kind: str  # "csv" or "xlsx"
    delimiter: str = ""


def column_name(name):
    """Header cells compare without case, outer spaces or inner spaces: "As Of" is as_of."""
    return "_".join(str(name or "").replace("\ufeff", "").strip().lower().split())


def read_table(data, filename="", columns=()):
    """Read CSV (comma, semicolon or tab; UTF-8, UTF-16 or Windows-1252) or .xlsx into a Table.

    ``columns`` are the names the caller understands; they decide which separator a CSV uses.
    Raises TableError with a message for staff when the file cannot be read at all.
    """
    if data.startswith(OLD_EXCEL_MAGIC) or filename.lower().endswith(".xls"):
        raise TableError(
            _("This is an old Excel file (.xls)."),
            _("In Excel choose File, Save As, and pick 'Excel Workbook (.xlsx)' or 'CSV UTF-8'."),
        )
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(_decode(data), set(columns))


def _decode(data):
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return text
    raise TableError(
        _("The file is not a text table this portal can read."),
        _("Upload the spreadsheet as .xlsx, or save it as 'CSV UTF-8'."),
    )


def _read_csv(text, columns):
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    if not first_line.strip():
        raise TableError(
            _("The file is empty or its first line is blank; the first line must be the header.")
        )
    delimiter = _delimiter(first_line, columns)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    rows = []
    try:
        header = [column_name(name) for name in next(reader)]
        for cells in reader:
            if reader.line_num > MAX_ROWS + 1:
                raise TableError(_("Too many rows; split the file (limit %(max)d).") % {"max": MAX_ROWS})
            rows.append((reader.line_num, cells))
    except csv.Error as error:
        raise TableError(_("The file is not valid CSV: %(error)s") % {"error": error}) from None
    return Table(header, _as_dicts(header, rows), "csv", delimiter)


def _delimiter(first_line, columns):
    """The separator that splits the header into the most known column names (comma on a tie)."""

    def known(delimiter):
        try:
            names = next(csv.reader([first_line], delimiter=delimiter), [])
        except csv.Error:  # e.g. a stray carriage return; reading the whole file will name it
            return 0, 0
        return sum(column_name(name) in columns for name in names), len(names)

    return max(DELIMITERS, key=known)


def _read_xlsx(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_XLSX_UNPACKED_BYTES:
                raise TableError(_("The Excel file is too large once unpacked; split it into smaller files."))
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except TableError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds of error for a damaged file
        raise TableError(
            _("The Excel file cannot be read; it may be damaged or not really an .xlsx file."),
            _("Open it in Excel and save it again as 'Excel Workbook (.xlsx)', or as 'CSV UTF-8'."),
        ) from None
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header_cells = next(lines, None)
        if not header_cells or not any(cell not in (None, "") for cell in header_cells):
            raise TableError(_("The first sheet is empty or its first row is blank; it must be the header."))
        header = [column_name(_cell_text(cell)) for cell in header_cells]
        rows = []
        for line, cells in enumerate(lines, start=2):
            if line > MAX_ROWS + 1:
                raise TableError(_("Too many rows; split the file (limit %(max)d).") % {"max": MAX_ROWS})
            rows.append((line, [_cell_text(cell) for cell in cells]))
    finally:
        workbook.close()
    # Excel pads rows to the widest column anyone ever touched; trailing blank columns are noise.
    while header and header[-1] == "":
        header.pop()
    return Table(header, _as_dicts(header, rows, trim=True), "xlsx")


def _cell_text(value):
    """A cell as the text a CSV of it would hold: whole numbers without ".0", dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def _as_dicts(header, rows, trim=False):
    result = []
    for line, cells in rows:
        cells = [str(cell).strip() for cell in cells]
        if trim:
            cells = cells[: len(header)] + [c for c in cells[len(header) :] if c]
        if not any(cells):
            continue
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
        if len(cells) > len(header):
            # More values than columns: kept under None so the importer can name the row.
            row[None] = cells[len(header) :]
        result.append((line, row))
    return result


def csv_bytes(header, rows, delimiter=","):
    """A UTF-8 CSV with a byte-order mark, so Excel on Windows shows kecamatan names correctly."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(header, rows, title):
    """One sheet with a bold, frozen header row and columns wide enough to read."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        width = max([len(str(name)), *(len(str(row[index - 1] or "")) for row in rows)])
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = min(max(width + 2, 8), 60)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
