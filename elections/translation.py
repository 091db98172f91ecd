"""Translated content fields; history is registered after translation so it records both languages."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Contest,
    District,
    Election,
    PollingStation,
    Result,
    ResultVote,
    Stage,
    Subdistrict,
    VoterCount,
)


@register(Election)
class ElectionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("id",)


@register(Contest)
class ContestTranslation(TranslationOptions):
    fields = ("office", "area_name")
    required_languages = ("id",)


@register(Stage)
class StageTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"id": ("name",)}


@register(PollingStation)
class PollingStationTranslation(TranslationOptions):
    fields = ("accessibility_notes",)


@register(VoterCount)
class VoterCountTranslation(TranslationOptions):
    fields = ("note",)


@register(Result)
class ResultTranslation(TranslationOptions):
    fields = ("note",)


for model in (
    Election,
    Contest,
    Stage,
    District,
    Subdistrict,
    PollingStation,
    VoterCount,
    Result,
    ResultVote,
):
    simple_history.register(model)
