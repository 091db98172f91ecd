"""Translated content fields; history is registered after translation so it records both languages."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Announcement, Attachment, FactCheck


@register(Announcement)
class AnnouncementTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "body_html", "cover_alt", "correction_note")
    required_languages = {"id": ("title", "summary")}


@register(Attachment)
class AttachmentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = {"id": ("title",)}


@register(FactCheck)
class FactCheckTranslation(TranslationOptions):
    fields = ("title", "claim", "claim_channel", "explanation", "explanation_html", "correction_note")
    required_languages = {"id": ("title", "claim", "explanation")}


for model in (Announcement, Attachment, FactCheck):
    simple_history.register(model)
