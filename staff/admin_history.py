"""History screens staff can read, and reverts that say what they restored.

django-simple-history shows stored values as Python prints them (``None``, ``True``, times in
UTC, choice codes) and records a revert as an ordinary change. The portal's admin site mixes
``ReadableHistoryMixin`` into every ``SimpleHistoryAdmin`` it registers
(``PortalAdminSite.register``), so each app keeps declaring plain ``SimpleHistoryAdmin`` classes
and every history screen gets the same treatment:

- old and new values in the staff member's language: "(kosong)" for nothing, ya/tidak, choice
  labels instead of codes, dates and times in WITA; foreign keys by name, as simple-history
  already prefetches them;
- copies that only repeat another field (the save time, HTML rendered from Markdown, photo
  renditions) are left out of the changes column;
- a revert ("Kembalikan" on an old version) is recorded with the reason "Dipulihkan dari versi
  <date> (<author of that version>)"; who reverted and when are the record's own user and time.

Records without a user were written by ``load_demo``, an import or another management command
run without ``--user``; templates show them as "sistem (impor atau perintah)".
"""

from dataclasses import replace
from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper
from simple_history.utils import get_history_model_for_model

from core.renditions import RenditionsField

EMPTY = gettext_lazy("(empty)")
SYSTEM = gettext_lazy("system (import or command)")
# Where history_form_view leaves the reason for save_model, on this request only.
RESTORE_REASON = "portal_restore_reason"


def user_label(user):
    """Who made a change, for people: the full name if staff entered one, else the username."""
    if user is None:
        return str(SYSTEM)
    return user.get_full_name() or user.get_username()


def moment_label(moment):
    """A stored time as staff read it: in WITA, in their language, e.g. 9 Oktober 2024, 16.00 WITA."""
    return f"{date_format(timezone.localtime(moment), 'DATETIME_FORMAT')} WITA"


def readable_value(field, value):
    """One old or new value of ``field`` as a person reads it; never "None" or "True"."""
    if isinstance(value, DeletedObject):
        # simple-history's stand-in for a related row it cannot find, an empty key included.
        if value.pk is None:
            return EMPTY
        return _("%(kind)s #%(id)s (deleted)") % {
            "kind": capfirst(value.model._meta.verbose_name),
            "id": value.pk,
        }
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field.choices and not isinstance(value, list):
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, datetime):
        return moment_label(value)
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    return value


def is_derived(field):
    """A column that only repeats others: the save time, rendered HTML, photo renditions."""
    return getattr(field, "auto_now", False) or isinstance(field, RenditionsField) or "_html" in field.name


class ReadableChanges(HistoricalRecordContextHelper):
    """The changes column of the history list, in words (see the module docstring)."""

    def context_for_delta_changes(self, delta):
        opts = self.model._meta
        shown = [change for change in delta.changes if not is_derived(opts.get_field(change.field))]
        return super().context_for_delta_changes(replace(delta, changes=shown))

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        return readable_value(self.model._meta.get_field(change.field), value)


def restore_reason(version):
    """The change reason of a revert to ``version`` (a history record), within the column's limit."""
    reason = _("Restored from the version of %(date)s by %(user)s") % {
        "date": moment_label(version.history_date),
        "user": user_label(version.history_user),
    }
    limit = type(version)._meta.get_field("history_change_reason").max_length
    return reason[:limit] if limit else reason


class ReadableHistoryMixin:
    """Readable changes and recorded reverts for a ``SimpleHistoryAdmin`` (module docstring)."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            history = get_history_model_for_model(self.model)
            version = get_object_or_404(
                history.objects.select_related("history_user"),
                **{self.model._meta.pk.attname: object_id, "history_id": version_id},
            )
            setattr(request, RESTORE_REASON, restore_reason(version))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        reason = getattr(request, RESTORE_REASON, None)
        if reason:
            obj._change_reason = reason
        super().save_model(request, obj, form, change)


def with_readable_history(admin_class):
    """``admin_class`` with ``ReadableHistoryMixin`` first in its bases, if it keeps a history."""
    if not issubclass(admin_class, SimpleHistoryAdmin) or issubclass(admin_class, ReadableHistoryMixin):
        return admin_class
    return type(
        admin_class.__name__,
        (ReadableHistoryMixin, admin_class),
        {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
    )
