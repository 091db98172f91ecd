"""One row's cells, read column by column, keeping every problem rather than stopping at the first.

Numbers and dates arrive as Indonesian and English spreadsheets write them: 520.986, 520,986
and 520986 are one number; 2024-09-19, 19/09/2024 and 19-09-2024 are one date (day first, as
Indonesia writes it). Digits from other scripts (Arabic-Indic, full-width) look like numbers
but are refused by name, so nobody stores a figure they cannot read back.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.formfields import other_digits

MAX_NUMBER = 10_000_000
WHOLE_NUMBER = re.compile(r"^[0-9]{1,3}([.,][0-9]{3})+$|^[0-9]{1,3}( [0-9]{3})+$|^[0-9]+$")
ISO_DATE = re.compile(r"^([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})(?:[ T][0-9:.]+)?$")
DECIMAL_DEGREES = re.compile(r"^[-+]?[0-9]{1,3}([.,][0-9]{1,8})?$")
DAY_FIRST_DATE = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$")
SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
YES = {"ya", "yes", "y", "1", "true", "benar"}
NO = {"tidak", "no", "n", "0", "false", "salah"}


@dataclass(frozen=True)
class Problem:
    """Something staff must fix or confirm: where (line 0 is the file), what, and a hint."""

    line: int
    message: str
    column: str = ""
    hint: str = ""


def display(value):
    """A value as the preview shows it: grouped numbers, ISO dates, ya/tidak, (empty)."""
    if value is None or value == "":
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class Cells:
    def __init__(self, line, row):
        self.line = line
        self.row = row
        self.problems = []

    def get(self, column):
        return self.row.get(column, "")

    def problem(self, column, message, hint=""):
        self.problems.append(Problem(self.line, message, column, hint))

    @staticmethod
    def suggest(value, options):
        """ "Did you mean …?" for a near miss among ``options``, or an empty hint."""
        close = difflib.get_close_matches(str(value).casefold(), [str(o).casefold() for o in options], n=1)
        if not close:
            return ""
        match = next(o for o in options if str(o).casefold() == close[0])
        return _("Did you mean '%(value)s'?") % {"value": match}

    def whole_number(self, column, required=False):
        value = self.get(column).translate(SPACES).strip()
        if value == "":
            if required:
                self.problem(
                    column, _("Column '%(column)s' is empty; a number is required.") % {"column": column}
                )
            return None
        if other_digits(value):
            self.problem(
                column,
                _("Column '%(column)s' has digits other than 0-9 (%(value)s).")
                % {"column": column, "value": value[:40]},
                _("Type the number with the digits 0 to 9, e.g. 70364."),
            )
            return None
        if value.startswith("-"):
            self.problem(
                column, _("Column '%(column)s' is negative (%(value)s).") % {"column": column, "value": value}
            )
            return None
        if not WHOLE_NUMBER.match(value):
            self.problem(
                column,
                _("Column '%(column)s' is not a whole number (%(value)s).")
                % {"column": column, "value": value[:40]},
                _("Write counts without decimals: 520986, 520.986 or 520,986."),
            )
            return None
        number = int(re.sub(r"[., ]", "", value))
        if number > MAX_NUMBER:
            self.problem(
                column,
                _("Column '%(column)s' is implausibly large (%(value)s).")
                % {"column": column, "value": value},
            )
            return None
        return number

    def date(self, column):
        value = self.get(column).strip()
        message = _(
            "Column '%(column)s' must be a date such as 2024-09-19 or 19/09/2024, not '%(value)s'."
        ) % {
            "column": column,
            "value": value[:40],
        }
        if other_digits(value):
            self.problem(column, message, _("Type the date with the digits 0 to 9."))
            return None
        if match := ISO_DATE.match(value):
            year, month, day = (int(part) for part in match.groups())
        elif match := DAY_FIRST_DATE.match(value):
            day, month, year = (int(part) for part in match.groups())
        else:
            self.problem(column, message)
            return None
        try:
            return date(year, month, day)
        except ValueError:
            hint = ""
            if month > 12 >= day:
                hint = _("Dates are written day first: %(date)s.") % {"date": f"{month:02d}/{day:02d}/{year}"}
            self.problem(column, message, hint)
            return None

    def degrees(self, column, low, high):
        """Decimal degrees within [low, high]: -1.237915 or -1,237915 (a spreadsheet's decimal comma)."""
        value = self.get(column).translate(SPACES).strip().replace("\u2212", "-")
        if value == "":
            return None
        if not DECIMAL_DEGREES.match(value):
            self.problem(
                column,
                _("Column '%(column)s' must be decimal degrees such as %(example)s, not '%(value)s'.")
                % {"column": column, "example": f"{(low + high) / 2:.6f}", "value": value[:40]},
                _("Degrees, minutes and seconds (1°14'S) must be converted to decimal degrees first."),
            )
            return None
        try:
            number = Decimal(value.replace(",", ".")).quantize(Decimal("0.000001"))
        except InvalidOperation:
            self.problem(column, _("Column '%(column)s' is not a number.") % {"column": column})
            return None
        if not low <= number <= high:
            self.problem(
                column,
                _(
                    "Column '%(column)s' (%(value)s) is outside Kota Balikpapan: "
                    "it must lie between %(low)s and %(high)s."
                )
                % {"column": column, "value": value, "low": low, "high": high},
                _("Check the minus sign and that latitude and longitude are not swapped."),
            )
            return None
        return number

    def text(self, column, max_length, required=False):
        value = self.get(column)
        if required and not value:
            self.problem(column, _("Column '%(column)s' is empty.") % {"column": column})
        elif len(value) > max_length:
            self.problem(
                column,
                _("Column '%(column)s' is longer than %(max)d characters.")
                % {"column": column, "max": max_length},
            )
        return value[:max_length]

    def url(self, column):
        value = self.get(column)
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.problem(column, _("Column '%(column)s' is not a web address.") % {"column": column})
                return ""
        return value

    def yes_no(self, column):
        value = self.get(column).lower()
        if value == "":
            return None
        if value in YES:
            return True
        if value in NO:
            return False
        self.problem(
            column, _("Column '%(column)s' must be ya/tidak (yes/no) or empty.") % {"column": column}
        )
        return None

    def choice(self, column, choices, message, default=None, normalise=str.lower):
        value = normalise(self.get(column))
        if not value and default is not None:
            return default
        if value in choices:
            return value
        self.problem(column, message % {"value": self.get(column)[:20], "choices": ", ".join(choices)})
        return None
