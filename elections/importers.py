"""CSV imports of voter counts and TPS: all rows or nothing, every bad row named by its line.

Staff receive recaps from KPU as spreadsheets; these importers take them as UTF-8 CSV files
(columns documented in the README). A file with any bad row changes nothing and reports each
problem with its line number; a good file reports what it created, updated and left unchanged,
so importing the same file twice changes nothing the second time.
"""

import csv
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from .models import District, Election, PollingStation, Subdistrict, VoterCount
from .models.figures import total_mismatches

logger = logging.getLogger("portal.audit")

MAX_ROWS = 20_000
WHOLE_NUMBER = re.compile(r"^\d{1,3}([.,]\d{3})+$|^\d+$")
YES = {"ya", "yes", "y", "1", "true", "benar"}
NO = {"tidak", "no", "n", "0", "false", "salah"}


class RowError(Exception):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def error(self, line, message):
        self.errors.append((line, message))

    def summary(self):
        if self.errors:
            return _("Nothing was imported: %(count)d problem(s) found.") % {"count": len(self.errors)}
        return _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


class CsvImporter:
    """Parse every row first, then write everything in one transaction, or nothing at all."""

    required = ()
    optional = ()
    model = None

    def __init__(self, data, *, user=None, reason=""):
        self.data = data
        self.user = user
        self.reason = reason or _("CSV import")
        self.areas = Areas()

    def run(self, *, dry_run=False):
        report = self._run(dry_run=dry_run)
        outcome = "refused" if not report.ok else "checked" if dry_run else "done"
        logger.info(
            "CSV import %s",
            outcome,
            extra={
                "event": f"import.{outcome}",
                "model": self.model._meta.label_lower,
                "username": self.user.get_username() if self.user else None,
                "rows_created": report.created,
                "rows_updated": report.updated,
                "rows_unchanged": report.unchanged,
                "problems": len(report.errors),
            },
        )
        return report

    def _run(self, *, dry_run=False):
        report = ImportReport()
        rows = self._read(report)
        if not report.ok:
            return report
        parsed = {}
        for line, row in rows:
            try:
                key, values = self.parse(row)
            except RowError as error:
                report.error(line, str(error))
                continue
            if key in parsed:
                report.error(
                    line,
                    _("Duplicate row: line %(line)d already gives this figure.") % {"line": parsed[key][0]},
                )
                continue
            parsed[key] = (line, values)
        if not report.ok:
            return report
        try:
            with transaction.atomic():
                for key, (line, values) in parsed.items():
                    self._apply(key, values, line, report)
                if report.ok:
                    self.check_whole(parsed, report)
                if not report.ok or dry_run:
                    raise _Rollback
        except _Rollback:
            pass
        if not report.ok:
            report.created = report.updated = report.unchanged = 0
        return report

    def _read(self, report):
        try:
            text = self.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            report.error(0, _("The file is not UTF-8 text. In a spreadsheet, save it as 'CSV UTF-8'."))
            return []
        if "\x00" in text:
            report.error(0, _("The file contains binary data; upload a CSV text file."))
            return []
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [name.strip() for name in (reader.fieldnames or [])]
        missing = [name for name in self.required if name not in header]
        unknown = [name for name in header if name not in self.required + self.optional]
        if missing:
            report.error(1, _("Missing column(s): %(names)s.") % {"names": ", ".join(missing)})
        if unknown:
            report.error(1, _("Unknown column(s): %(names)s.") % {"names": ", ".join(unknown)})
        if not report.ok:
            return []
        reader.fieldnames = header
        rows = []
        try:
            for row in reader:
                if reader.line_num - 1 > MAX_ROWS:
                    report.error(
                        reader.line_num,
                        _("Too many rows; split the file (limit %(max)d).") % {"max": MAX_ROWS},
                    )
                    return []
                if None in row:
                    report.error(reader.line_num, _("This row has more values than the header has columns."))
                    continue
                if not any((value or "").strip() for value in row.values()):
                    continue
                rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
        except csv.Error as error:
            report.error(reader.line_num, _("The file is not valid CSV: %(error)s") % {"error": error})
        if report.ok and not rows:
            report.error(0, _("The file has a header but no rows."))
        return rows

    def _apply(self, key, values, line, report):
        instance = self.find(key)
        if instance is None:
            instance = self.model(**dict(zip(self.key_fields, key, strict=True)))
            status = "created"
        else:
            changed = any(not _same(getattr(instance, name), value) for name, value in values.items())
            if not changed:
                report.unchanged += 1
                return
            status = "updated"
        for name, value in values.items():
            setattr(instance, name, value)
        try:
            instance.full_clean(validate_constraints=False, exclude=self.skip_validation)
        except ValidationError as error:
            report.error(line, " ".join(error.messages))
            return
        instance._history_user = self.user
        instance._change_reason = self.reason
        instance.save()
        setattr(report, status, getattr(report, status) + 1)

    skip_validation = ()

    def check_whole(self, parsed, report):
        """Checks across rows, after every row is written; add errors to roll the file back."""

    # Cell parsers: each raises RowError with a message a spreadsheet user understands.

    @staticmethod
    def whole_number(row, column, required=False):
        value = row.get(column, "")
        if value == "":
            if required:
                raise RowError(_("Column '%(column)s' is empty; a number is required.") % {"column": column})
            return None
        if value.startswith("-"):
            raise RowError(
                _("Column '%(column)s' is negative (%(value)s).") % {"column": column, "value": value}
            )
        if not WHOLE_NUMBER.match(value):
            raise RowError(
                _("Column '%(column)s' is not a whole number (%(value)s).")
                % {"column": column, "value": value[:40]}
            )
        number = int(re.sub(r"[.,]", "", value))
        if number > 10_000_000:
            raise RowError(
                _("Column '%(column)s' is implausibly large (%(value)s).")
                % {"column": column, "value": value}
            )
        return number

    @staticmethod
    def iso_date(row, column):
        value = row.get(column, "")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise RowError(
                _("Column '%(column)s' must be a date (YYYY-MM-DD, e.g. 2024-09-19), not '%(value)s'.")
                % {"column": column, "value": value[:40]}
            ) from None

    @staticmethod
    def text(row, column, max_length, required=False):
        value = row.get(column, "")
        if required and not value:
            raise RowError(_("Column '%(column)s' is empty.") % {"column": column})
        if len(value) > max_length:
            raise RowError(
                _("Column '%(column)s' is longer than %(max)d characters.")
                % {"column": column, "max": max_length}
            )
        return value

    @staticmethod
    def url(row, column):
        value = row.get(column, "")
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                raise RowError(_("Column '%(column)s' is not a web address.") % {"column": column}) from None
        return value

    @staticmethod
    def yes_no(row, column):
        value = row.get(column, "").lower()
        if value == "":
            return None
        if value in YES:
            return True
        if value in NO:
            return False
        raise RowError(_("Column '%(column)s' must be ya/tidak (yes/no) or empty.") % {"column": column})


class _Rollback(Exception):
    pass


def _same(stored, new):
    """Empty text and NULL mean the same "not given" to a spreadsheet user."""
    return (stored if stored is not None else "") == (new if new is not None else "")


class Areas:
    """Looks kecamatan and kelurahan up by name or slug, case-insensitively, with two queries."""

    def __init__(self):
        self.districts = {}
        for district in District.objects.all():
            self.districts[district.name.casefold()] = district
            self.districts[district.slug] = district
        self.subdistricts = {}
        for subdistrict in Subdistrict.objects.select_related("district"):
            self.subdistricts.setdefault(subdistrict.name.casefold(), []).append(subdistrict)
            self.subdistricts.setdefault(subdistrict.slug, []).append(subdistrict)
        self.elections = {e.slug: e for e in Election.objects.all()}

    def election(self, row):
        slug = row.get("election", "")
        if slug not in self.elections:
            raise RowError(_("Unknown election '%(value)s'.") % {"value": slug[:60]})
        return self.elections[slug]

    def area(self, row, require_subdistrict=False):
        """(district, subdistrict) for the row; (None, None) is the whole city."""
        district_name, subdistrict_name = row.get("kecamatan", ""), row.get("kelurahan", "")
        district = None
        if district_name:
            district = self.districts.get(district_name.casefold())
            if district is None:
                raise RowError(_("Unknown kecamatan '%(value)s'.") % {"value": district_name[:60]})
        if not subdistrict_name:
            if require_subdistrict:
                raise RowError(_("Column 'kelurahan' is empty; every TPS belongs to a kelurahan."))
            return district, None
        matches = self.subdistricts.get(subdistrict_name.casefold(), [])
        if district is not None:
            matches = [s for s in matches if s.district_id == district.pk]
        if not matches:
            raise RowError(
                _("Unknown kelurahan '%(value)s'%(where)s.")
                % {
                    "value": subdistrict_name[:60],
                    "where": _(" in kecamatan %(name)s") % {"name": district} if district else "",
                }
            )
        if len(matches) > 1:
            raise RowError(
                _("Kelurahan '%(value)s' is ambiguous; fill in its kecamatan.") % {"value": subdistrict_name}
            )
        return None, matches[0]


class VoterCountImporter(CsvImporter):
    model = VoterCount
    required = ("election", "list", "kecamatan", "kelurahan", "total", "as_of", "source")
    optional = ("male", "female", "tps", "source_url", "note", "note_en")
    key_fields = ("election", "list_stage", "district", "subdistrict")

    def parse(self, row):
        election = self.areas.election(row)
        list_stage = row.get("list", "").upper()
        if list_stage not in VoterCount.ListStage.values:
            raise RowError(
                _("Unknown list '%(value)s'; use one of %(choices)s.")
                % {"value": row.get("list", "")[:20], "choices": ", ".join(VoterCount.ListStage.values)}
            )
        district, subdistrict = self.areas.area(row)
        total = self.whole_number(row, "total", required=True)
        male, female = self.whole_number(row, "male"), self.whole_number(row, "female")
        for part, value in (("male", male), ("female", female)):
            if value is not None and value > total:
                raise RowError(
                    _("'%(part)s' (%(value)d) is larger than 'total' (%(total)d).")
                    % {"part": part, "value": value, "total": total}
                )
        if male is not None and female is not None and male + female != total:
            raise RowError(
                _("'male' + 'female' (%(sum)d) does not equal 'total' (%(total)d).")
                % {"sum": male + female, "total": total}
            )
        values = {
            "total": total,
            "male": male,
            "female": female,
            "polling_stations": self.whole_number(row, "tps"),
            "as_of": self.iso_date(row, "as_of"),
            "source": self.text(row, "source", 300, required=True),
            "source_url": self.url(row, "source_url"),
            build_localized_fieldname("note", "id"): self.text(row, "note", 300),
            build_localized_fieldname("note", "en"): self.text(row, "note_en", 300),
        }
        return (election, list_stage, district, subdistrict), values

    def find(self, key):
        election, list_stage, district, subdistrict = key
        return VoterCount.objects.filter(
            election=election, list_stage=list_stage, district=district, subdistrict=subdistrict
        ).first()

    def check_whole(self, parsed, report):
        lines = {key: line for key, (line, _values) in parsed.items()}
        for election, list_stage in {(key[0], key[1]) for key in parsed}:
            counts = VoterCount.objects.for_list(election, list_stage).select_related("subdistrict")
            for problem in total_mismatches(list(counts)):
                whole_line = lines.get((election, list_stage, None, None), 0)
                report.error(whole_line, problem)


class PollingStationImporter(CsvImporter):
    model = PollingStation
    required = ("election", "kecamatan", "kelurahan", "number", "as_of", "source")
    optional = (
        "address",
        "location_kind",
        "voters",
        "access",
        "wide_door",
        "braille_template",
        "priority_seating",
        "accessibility_notes",
        "accessibility_notes_en",
    )
    key_fields = ("election", "subdistrict", "number")

    def parse(self, row):
        election = self.areas.election(row)
        _district, subdistrict = self.areas.area(row, require_subdistrict=True)
        number = self.whole_number(row, "number", required=True)
        if number < 1:
            raise RowError(_("TPS numbers start at 1."))
        kind = row.get("location_kind", "") or PollingStation.LocationKind.REGULAR
        if kind not in PollingStation.LocationKind.values:
            raise RowError(
                _("Unknown location_kind '%(value)s'; use one of %(choices)s.")
                % {"value": kind[:20], "choices": ", ".join(PollingStation.LocationKind.values)}
            )
        access = row.get("access", "").lower()
        if access not in PollingStation.Access.values:
            raise RowError(
                _("Unknown access '%(value)s'; use ground, ramp, steps or leave it empty.")
                % {"value": access[:20]}
            )
        values = {
            "address": self.text(row, "address", 255),
            "location_kind": kind,
            "voters": self.whole_number(row, "voters"),
            "access": access,
            "wide_door": self.yes_no(row, "wide_door"),
            "braille_template": self.yes_no(row, "braille_template"),
            "priority_seating": self.yes_no(row, "priority_seating"),
            build_localized_fieldname("accessibility_notes", "id"): self.text(
                row, "accessibility_notes", 2000
            ),
            build_localized_fieldname("accessibility_notes", "en"): self.text(
                row, "accessibility_notes_en", 2000
            ),
            "as_of": self.iso_date(row, "as_of"),
            "source": self.text(row, "source", 300, required=True),
        }
        return (election, subdistrict, number), values

    def find(self, key):
        election, subdistrict, number = key
        return PollingStation.objects.filter(
            election=election, subdistrict=subdistrict, number=number
        ).first()
