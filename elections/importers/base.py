"""The import machinery shared by every importer: read, check every cell, preview, then write.

Staff receive recaps from KPU as spreadsheets. An import reads the file (core.spreadsheets),
checks every cell of every row and reports every problem at once with its row and column, then
plans each row against the database: created, changed (old -> new) or unchanged. The plan is
computed by writing inside a transaction that is rolled back, so the preview runs the very rules
the real import runs. Nothing is written unless every row is good, and nothing is written at all
before staff confirm (in the admin) or run without ``--check`` (on the command line).
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.spreadsheets import TableError, read_table

from .cells import Cells, Problem, display

logger = logging.getLogger("portal.audit")


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


class Action:
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    LABELS = {
        CREATE: gettext_lazy("new"),
        UPDATE: gettext_lazy("changed"),
        UNCHANGED: gettext_lazy("unchanged"),
    }


@dataclass
class RowPlan:
    """What importing one row does: its action, what it is about, and each field's old and new value."""

    line: int
    action: str
    label: str
    changes: list = field(default_factory=list)

    @property
    def action_label(self):
        return Action.LABELS[self.action]


@dataclass
class ImportReport:
    file_digest: str = ""
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    confirmations: list = field(default_factory=list)
    skipped: int = 0
    applied: bool = False

    @property
    def ok(self):
        return not self.problems

    @property
    def needs_confirmation(self):
        return bool(self.confirmations)

    def count(self, action):
        return sum(row.action == action for row in self.rows)

    @property
    def created(self):
        return self.count(Action.CREATE)

    @property
    def updated(self):
        return self.count(Action.UPDATE)

    @property
    def unchanged(self):
        return self.count(Action.UNCHANGED)

    @property
    def changed_rows(self):
        return [row for row in self.rows if row.action != Action.UNCHANGED]

    @property
    def digest(self):
        """Fingerprint of the file and of the plan: a confirmation must match what was previewed."""
        plan = [
            self.file_digest,
            [(r.line, r.action, r.label, [(c.field, c.old, c.new) for c in r.changes]) for r in self.rows],
            [p.message for p in self.confirmations],
        ]
        return hashlib.sha256(json.dumps(plan, default=str).encode()).hexdigest()

    def summary(self):
        if self.problems:
            return _("Nothing was imported: %(count)d problem(s) found.") % {"count": len(self.problems)}
        return _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


class _Rollback(Exception):
    pass


class Importer:
    """Subclasses name the model, the columns and how a row maps to a key and field values."""

    model = None
    required = ()
    optional = ()
    # Header names staff may use instead, e.g. Indonesian ones: {"jumlah": "total"}.
    aliases = {}
    # Columns that only say where a row belongs; a row with nothing else filled in is skipped,
    # so a template listing every kelurahan imports only the rows staff filled.
    place_columns = ()
    # Model field -> column, where they differ, to point a model's error at the staff's column.
    field_columns = {}
    # Fields a row always sets; the others keep their stored value when the row leaves them empty.
    always_written = ()

    def __init__(self, data, *, filename="", user=None, reason=""):
        self.data = data
        self.filename = filename
        self.user = user
        self.reason = reason or _("Import from a file")

    @classmethod
    def template(cls, election):
        """Header and rows of the template staff download: every place listed, figures left empty."""
        header = [*cls.required, *cls.optional]
        rows = [[filled.get(name, "") for name in header] for filled in cls.template_rows(election)]
        return header, rows

    @classmethod
    def template_rows(cls, election):
        """The place columns of each template row, {column: text}."""
        raise NotImplementedError

    def preview(self):
        """What importing the file would do, with every problem; writes nothing."""
        return self.run(dry_run=True)

    def run(self, *, dry_run=False, confirmation_reason=""):
        report = self._run(dry_run, confirmation_reason.strip())
        outcome = "refused" if not report.ok else "done" if report.applied else "checked"
        logger.info(
            "Import %s",
            outcome,
            extra={
                "event": f"import.{outcome}",
                "model": self.model._meta.label_lower,
                "username": self.user.get_username() if self.user else None,
                "rows_created": report.created,
                "rows_updated": report.updated,
                "rows_unchanged": report.unchanged,
                "problems": len(report.problems),
                "confirmations": len(report.confirmations),
            },
        )
        return report

    def _run(self, dry_run, confirmation_reason):
        report = ImportReport(file_digest=hashlib.sha256(self.data).hexdigest())
        parsed = self._parse_file(report)
        if not report.ok:
            return report
        reason = self.reason
        if confirmation_reason:
            reason = _("%(reason)s; confirmed: %(confirmation)s") % {
                "reason": reason,
                "confirmation": confirmation_reason,
            }
        try:
            with transaction.atomic():
                existing = self.existing(parsed)
                for key, (line, values) in parsed.items():
                    self._apply(key, line, values, existing.get(key), reason, report)
                if report.ok:
                    self.check_file(parsed, report)
                unconfirmed = report.confirmations and not confirmation_reason
                if dry_run or not report.ok or unconfirmed:
                    raise _Rollback
                report.applied = True
        except _Rollback:
            pass
        return report

    def _parse_file(self, report):
        """Every row's key and values, or problems in the report; {key: (line, values)}."""
        columns = (*self.required, *self.optional)
        try:
            table = read_table(self.data, self.filename, (*columns, *self.aliases))
        except TableError as error:
            report.problems.append(Problem(0, error.message, hint=error.hint))
            return {}
        header = [self.aliases.get(name, name) for name in table.header]
        if not self._header_ok(header, table, report):
            return {}
        parsed = {}
        for line, row in table.rows:
            row = {self.aliases.get(name, name): value for name, value in row.items()}
            if None in row:
                report.problems.append(
                    Problem(line, _("This row has more values than the header has columns."))
                )
                continue
            if not any(value for name, value in row.items() if name not in self.place_columns):
                report.skipped += 1
                continue
            cells = Cells(line, row)
            key, values = self.parse(cells)
            if cells.problems:
                report.problems += cells.problems
                continue
            if key in parsed:
                report.problems.append(
                    Problem(
                        line,
                        _("Duplicate row: line %(line)d already gives this figure.")
                        % {"line": parsed[key][0]},
                    )
                )
                continue
            parsed[key] = (line, values)
        if report.ok and not parsed:
            report.problems.append(Problem(0, _("The file has a header but no rows with figures.")))
        return parsed

    def _header_ok(self, header, table, report):
        from_columns = set(self.required) | set(self.optional)
        missing = [name for name in self.required if name not in header]
        unknown = [name for name in header if name and name not in from_columns]
        duplicated = sorted({name for name in header if name and header.count(name) > 1})
        if missing:
            report.problems.append(
                Problem(
                    1,
                    _("Missing column(s): %(names)s.") % {"names": ", ".join(missing)},
                    hint=self._separator_hint(table, header),
                )
            )
        for name in unknown:
            report.problems.append(
                Problem(
                    1,
                    _("Unknown column '%(name)s'.") % {"name": name[:60]},
                    column=name[:60],
                    hint=Cells.suggest(name, sorted(from_columns)),
                )
            )
        if duplicated:
            report.problems.append(
                Problem(1, _("Column(s) given twice: %(names)s.") % {"names": ", ".join(duplicated)})
            )
        return report.ok

    @staticmethod
    def _separator_hint(table, header):
        if table.kind == "csv" and len(header) == 1:
            return _(
                "The whole header was read as one column: separate the columns with commas, "
                "semicolons or tabs (in a spreadsheet: Save as, 'CSV UTF-8')."
            )
        return ""

    def _apply(self, key, line, values, instance, reason, report):
        if instance is None:
            instance = self.model(**dict(zip(self.key_fields, key, strict=True)))
            action = Action.CREATE
            changes = [
                Change(self.field_label(name), "", display(value))
                for name, value in values.items()
                if value not in (None, "")
            ]
        else:
            # An empty optional cell keeps what is stored: a template filled in for the figures
            # must not wipe the notes and links entered before (clearing is done in the admin).
            values = {
                name: value
                for name, value in values.items()
                if name in self.always_written or value not in (None, "")
            }
            changes = [
                Change(self.field_label(name), display(getattr(instance, name)), display(value))
                for name, value in values.items()
                if not _same(getattr(instance, name), value)
            ]
            if not changes:
                report.rows.append(RowPlan(line, Action.UNCHANGED, self.row_label(instance)))
                return
            action = Action.UPDATE
        for name, value in values.items():
            setattr(instance, name, value)
        self.prepare(instance)
        try:
            instance.full_clean(validate_constraints=False, exclude=self.skip_validation)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = "" if name == "__all__" else self.field_columns.get(name, name)
                report.problems += [Problem(line, message, column) for message in messages]
            return
        instance._history_user = self.user
        instance._change_reason = reason
        instance.save()
        report.rows.append(RowPlan(line, action, self.row_label(instance), changes))

    skip_validation = ()

    def prepare(self, instance):
        """Hook: set what the model's rules need before they run (e.g. the election's timeline)."""

    def existing(self, parsed):
        """The stored rows the file's keys point at, {key: instance}, in one query."""
        raise NotImplementedError

    def check_file(self, parsed, report):
        """Rules across rows, after every row is written; add problems to roll the file back."""

    def field_label(self, name):
        """A field's name as staff see it in the admin, with its language for translated fields."""
        base, _sep, code = name.rpartition("_")
        try:
            if code in ("ind", "en") and base:
                language = {"ind": _("Indonesian"), "en": _("English")}[code]
                return f"{self.model._meta.get_field(base).verbose_name} ({language})"
            return str(self.model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            return name


def _same(stored, new):
    """Empty text and NULL mean the same "not given" to a spreadsheet user."""
    return (stored if stored is not None else "") == (new if new is not None else "")
