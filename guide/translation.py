"""Translated guide fields; history registered after translation so both languages are kept."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Section, Term


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "body")
    required_languages = ("id",)


@register(Term)
class TermTranslation(TranslationOptions):
    fields = ("definition",)
    required_languages = ("id",)


for model in (Section, Term):
    simple_history.register(model)
