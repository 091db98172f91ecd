"""Translated content fields; history is registered after translation so it records both languages."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import (
    Contest,
    Debate,
    District,
    Election,
    PollingStation,
    Result,
    ResultVote,
    Stage,
    Subdistrict,
    Turnout,
    VoterCount,
)


@register(Election)
class ElectionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("id",)


@register(Contest)
class ContestTranslation(TranslationOptions):
    fields = ("office", "area_name", "state_explanation")
    required_languages = {"id": ("office", "area_name")}


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
    fields = ("note", "correction")


@register(Turnout)
class TurnoutTranslation(TranslationOptions):
    fields = ("note",)


@register(Debate)
class DebateTranslation(TranslationOptions):
    fields = ("time_note", "venue", "broadcaster", "theme", "subthemes", "note")
    required_languages = {"id": ("venue", "theme")}


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
    Turnout,
    Debate,
):
    simple_history.register(model)
