from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core import clock

from .models import Status

# The reason is required in the default language; English falls back to it.
DEFAULT_NOTE = build_localized_fieldname("correction_note", settings.LANGUAGE_CODE)


class PublishableAdminForm(forms.ModelForm):
    """The admin form for announcements and fact checks: a change to a live item is a correction.

    Changing what readers see after publication needs a new one-line reason, shown on the page
    as "Updated on …" and kept in the change log. The reason fields start empty on every edit,
    so an old reason is never reused by accident; left empty, the stored reason stays.

    A proposed correction (a revision, see models/revisions.py) always needs its reason. Choosing
    "Published" for it means applying it to the published item: the revision itself stays in
    review (it may never be published), ``publishes_revision`` tells the admin to apply it, and
    the form refuses when there is nothing to apply.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_correction = False
        self.publishes_revision = False
        if self.instance.pk and self.instance.is_live():
            for name in self._note_fields():
                self.initial[name] = ""

    def _note_fields(self):
        return [name for name in self.fields if name.startswith("correction_note")]

    def _content_changed(self):
        corrected = self.instance.CORRECTED_FIELDS
        return [
            name for name in self.changed_data if name in corrected or name.rsplit("_", 1)[0] in corrected
        ]

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.is_revision:
            return self._clean_revision(cleaned_data)
        if not (self.instance.pk and self.instance.is_live()):
            return cleaned_data
        if not self._content_changed():
            for name in self._note_fields():
                cleaned_data[name] = getattr(self.instance, name)
            return cleaned_data
        if not (cleaned_data.get(DEFAULT_NOTE) or "").strip():
            self.add_error(
                DEFAULT_NOTE,
                _("This item is public: say in one sentence what you changed and why, for readers."),
            )
        self.is_correction = True
        return cleaned_data

    def _clean_revision(self, cleaned_data):
        if not (cleaned_data.get(DEFAULT_NOTE) or "").strip():
            self.add_error(
                DEFAULT_NOTE, _("Say in one sentence what this correction changes and why, for readers.")
            )
        if cleaned_data.get("status") == Status.PUBLISHED:
            self.publishes_revision = True
            cleaned_data["status"] = Status.REVIEW
        return cleaned_data

    def _post_clean(self):
        # The revision's new text is on the instance only once the model form has built it.
        super()._post_clean()
        if self.publishes_revision:
            problem = self.instance.revision_problem()
            if problem:
                self.add_error(None, problem)

    def save(self, commit=True):
        if self.is_correction:
            self.instance.corrected_at = clock.now()
            self.instance._change_reason = (getattr(self.instance, DEFAULT_NOTE) or "")[:100]
        return super().save(commit)
