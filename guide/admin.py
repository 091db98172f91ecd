from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import Section, Term


@admin.register(Section)
class SectionAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["order", "title", "voting_day", "source", "updated_at"]
    list_display_links = ["title"]
    list_editable = ["order"]
    list_filter = ["voting_day"]
    search_fields = ["title", "body", "source"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "order", "voting_day"]}),
        (_("Text"), {"fields": ["body"]}),
        (_("Source"), {"fields": ["source", "source_url"]}),
    ]


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["term", "expansion"]
    search_fields = ["term", "expansion", "definition"]
    prepopulated_fields = {"slug": ["term"]}
    fieldsets = [(None, {"fields": ["term", "slug", "expansion", "definition"]})]
