"""Translated content fields (names are never translated); history registered after translation."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Background,
    Candidate,
    CandidatePair,
    ListCandidate,
    PairDocument,
    Party,
    PartyList,
    Programme,
    Theme,
)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("id",)


@register(CandidatePair)
class CandidatePairTranslation(TranslationOptions):
    fields = ("vision", "mission", "record_note")


@register(Candidate)
class CandidateTranslation(TranslationOptions):
    fields = ("education", "career", "photo_alt")


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("title", "description", "note")
    required_languages = {"id": ("title",)}


@register(Background)
class BackgroundTranslation(TranslationOptions):
    fields = ("text", "note")
    required_languages = {"id": ("text",)}


@register(PairDocument)
class PairDocumentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("id",)


for model in (
    Party,
    Theme,
    CandidatePair,
    Candidate,
    Programme,
    PairDocument,
    Background,
    PartyList,
    ListCandidate,
):
    simple_history.register(model)
