"""Corrections proposed by an editor: a draft revision of a published item that a publisher reviews.

An editor may not change what readers see. "Usulkan koreksi" (propose a correction) on a published
announcement or fact check makes a *revision* instead: a row of the same model whose
``revision_of`` points at the published item and which holds a copy of the fields a correction
covers (``CORRECTED_FIELDS``). The editor edits it, writes the one-line reason readers will see and
submits it for review like any draft; meanwhile the published item stays public and unchanged.

- Why a row of the same model: the revision reuses the admin form, the preview, the review list,
  the dashboard and the history, with no parallel model to keep in step.
- Why it never reaches readers: public code reads only ``published()`` (pages, lists, feeds,
  sitemap, search, API, share cards), and the database refuses a revision whose status is
  "published" (constraint ``…_revision_never_published``), so a revision is always a draft or in
  review. Its slug is the item's slug with "-koreksi" (numbered when taken), so it never clashes.
- Publishing it (the "Publish now" action, or the status "Published" on its form; publishers
  only) applies it as a correction: what the editor changed since proposing is copied onto the
  published item with the reason, ``corrected_at`` is set and the item's history records the
  publisher and the reason, so "Diperbarui pada …", ``…/riwayat/`` and the feeds update exactly as
  for a publisher's own correction (an item still scheduled gets the new text without a
  correction note, as readers have not seen it yet). The revision is then deleted; its history
  stays.
- Only what the editor changed is copied (compared with the revision's first history record, the
  text as it was proposed), so a correction a publisher made directly in the meantime survives.
- One open revision per item (constraint ``…_one_revision``). Rejecting it is deleting it or
  sending it back to draft; either leaves the published item as it is. Attachments are not part
  of a revision: they stay with the published item.
"""

from itertools import chain, count

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core import clock

from .publishing import Publishable, Status, stored_columns

REVISION_SUFFIX = "koreksi"
# The reason readers see is required in the default language; its first 100 characters become
# the change reason of the history record (the column's limit).
DEFAULT_NOTE = build_localized_fieldname("correction_note", settings.LANGUAGE_CODE)
REASON_LENGTH = 100


class Revisable(Publishable):
    """A publishable item that can carry one proposed correction (module docstring)."""

    revision_of = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="revisions",
        verbose_name=_("correction of"),
        help_text=_(
            "Set on a proposed correction: the published item it would correct, "
            "e.g. Hari pemungutan suara: 27 November 2024."
        ),
    )

    class Meta(Publishable.Meta):
        abstract = True
        constraints = [
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=Q(revision_of__isnull=True) | ~Q(status=Status.PUBLISHED),
                name="%(app_label)s_%(class)s_revision_never_published",
            ),
            models.UniqueConstraint(fields=["revision_of"], name="%(app_label)s_%(class)s_one_revision"),
        ]

    @property
    def is_revision(self):
        return self.revision_of_id is not None

    def propose_correction(self, user=None):
        """The open revision of this published item, made now from its text if there is none.

        Returns ``(revision, created)``.
        """
        existing = type(self).objects.filter(revision_of=self).first()
        if existing is not None:
            return existing, False
        revision = type(self)(revision_of=self, slug=self._free_slug(), status=Status.DRAFT, author=user)
        for column in self._carried_columns():
            setattr(revision, column, getattr(self, column))
        if user is not None:
            revision._history_user = user
        revision.save()
        return revision, True

    def revision_changes(self):
        """The columns the editor changed since proposing this revision."""
        proposed = self.history.order_by("history_date", "history_id").first() or self.revision_of
        return [
            column
            for column in self._corrected_columns()
            if _comparable(getattr(proposed, column)) != _comparable(getattr(self, column))
        ]

    def revision_problem(self):
        """Why this revision cannot be published now, or None."""
        if self.revision_of.status != Status.PUBLISHED:
            return _("The item this correction is for is no longer published: change the item itself.")
        if not self.revision_changes():
            return _("This correction changes nothing yet: edit the text before publishing it.")
        return None

    def apply_revision(self, user=None, at=None):
        """Publish this revision as a correction of its item and delete it; returns the item."""
        item = self.revision_of
        now = at or clock.now()
        changed = self.revision_changes()
        for column in [*changed, *self._derived_columns(changed)]:
            setattr(item, column, getattr(self, column))
        # As when a publisher edits: readers are told only about a change to what they could see.
        if item.is_live(now):
            for column in stored_columns(self._meta, "correction_note"):
                setattr(item, column, getattr(self, column))
            item.corrected_at = now
        item._change_reason = (getattr(self, DEFAULT_NOTE) or "")[:REASON_LENGTH]
        self._change_reason = str(_("Published as a correction"))
        if user is not None:
            item._history_user = self._history_user = user
        with transaction.atomic():
            item.save()
            self.delete()
        return item

    def _corrected_columns(self):
        return [column for name in self.CORRECTED_FIELDS for column in stored_columns(self._meta, name)]

    def _derived_columns(self, columns):
        """Columns made from ``columns``, such as the renditions of a photo, copied along with them."""
        return [
            field.attname for field in self._meta.concrete_fields if getattr(field, "source", None) in columns
        ]

    def _carried_columns(self):
        corrected = self._corrected_columns()
        return [*corrected, *self._derived_columns(corrected)]

    def _free_slug(self):
        base = f"{self.slug[:100]}-{REVISION_SUFFIX}"
        taken = set(type(self).objects.filter(slug__startswith=base).values_list("slug", flat=True))
        candidates = chain([base], (f"{base}-{n}" for n in count(2)))
        return next(slug for slug in candidates if slug not in taken)


def _comparable(value):
    """A stored value for comparison: a file by its name, no value and empty text alike."""
    if isinstance(value, FieldFile):
        return value.name or ""
    return "" if value is None else value
