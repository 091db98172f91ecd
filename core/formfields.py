"""Form fields that take only the digits 0-9.

Python reads Arabic-Indic (٧٠٣٦٤) and full-width (１３９) digits as numbers, so Django's fields
would store them silently; a figure typed that way usually comes from a pasted document and
nobody can check it against the source. Refusing it by name tells staff what to retype.
"""

from django import forms
from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

OTHER_DIGITS_MESSAGE = _("Type this with the digits 0 to 9; %(value)s has digits from another script.")


def other_digits(value):
    """Digits that are not 0-9 (e.g. Arabic-Indic or full-width), which int() would accept."""
    return any(char.isdigit() and not "0" <= char <= "9" for char in str(value))


class AsciiDigitsMixin:
    def to_python(self, value):
        if isinstance(value, str) and other_digits(value):
            raise ValidationError(OTHER_DIGITS_MESSAGE, code="other_digits", params={"value": value[:40]})
        return super().to_python(value)


class WholeNumberField(AsciiDigitsMixin, forms.IntegerField):
    pass


class AsciiDateField(AsciiDigitsMixin, forms.DateField):
    pass


# For a ModelAdmin's formfield_overrides; the date entry keeps the admin's calendar widget.
ASCII_DIGIT_FIELDS = {
    models.IntegerField: {"form_class": WholeNumberField},
    models.PositiveIntegerField: {"form_class": WholeNumberField},
    models.PositiveSmallIntegerField: {"form_class": WholeNumberField},
    models.DateField: {"form_class": AsciiDateField, "widget": widgets.AdminDateWidget},
}
