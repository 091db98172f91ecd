"""Staff screens: a pair with its two candidates, programmes and documents on one screen.

Translated fields show as language tabs (modeltranslation); every change is kept in the history
(simple_history). The parity report (``parity/``) shows what each pair still lacks.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from .models import Candidate, CandidatePair, PairDocument, Party, Programme, Theme
from .parity import parity_report

THUMBNAIL_WIDTH = 48


def thumbnail(picture, alt):
    """A small admin preview from the smallest JPEG rendition, or None without a photo."""
    if not picture:
        return None
    smallest = picture.jpeg[0]
    height = round(smallest["height"] * THUMBNAIL_WIDTH / smallest["width"])
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="{}">', picture.src, THUMBNAIL_WIDTH, height, alt
    )


class CandidateFormSet(forms.BaseInlineFormSet):
    """Both people of a pair are entered together: exactly one head and one deputy."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        roles = sorted(form.cleaned_data["role"] for form in self.forms if form.cleaned_data)
        if roles != sorted(Candidate.Role.values):
            raise ValidationError(_("A pair needs exactly one head candidate and one deputy candidate."))


class CandidateInline(TranslationStackedInline):
    model = Candidate
    formset = CandidateFormSet
    max_num = 2
    can_delete = False
    readonly_fields = ["photo_preview"]
    fieldsets = [
        (None, {"fields": ["role", "full_name", ("birth_place", "birth_date")]}),
        (_("Background"), {"fields": ["education", "career"]}),
        (_("Photo"), {"fields": ["photo_preview", "photo", "photo_alt", "photo_source"]}),
    ]

    def get_extra(self, request, obj=None, **kwargs):
        return 2 - obj.candidates.count() if obj else 2

    @admin.display(description=_("current photo"))
    def photo_preview(self, candidate):
        return thumbnail(candidate.picture, candidate.photo_alt) or _("no photo yet")


class ProgrammeInline(TranslationStackedInline):
    model = Programme
    extra = 0
    fields = [("theme", "order"), "title", "description", "page_reference"]


class PairDocumentInline(TranslationTabularInline):
    model = PairDocument
    extra = 0
    fields = ["title", "url", "publisher"]


@admin.register(CandidatePair)
class CandidatePairAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["ballot_number", "names", "contest", "photos", "incumbent", "programme_count", "as_of"]
    list_display_links = ["ballot_number", "names"]
    list_filter = ["contest", "incumbent", "parties"]
    list_select_related = ["contest"]
    search_fields = ["candidates__full_name", "parties__abbreviation", "parties__name"]
    ordering = ["contest", "ballot_number"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    fieldsets = [
        (None, {"fields": ["contest", "ballot_number", "slug", "incumbent", "parties"]}),
        (_("Vision and mission"), {"fields": ["vision", "mission"]}),
        (_("Source"), {"fields": ["source", "source_url", "as_of"]}),
    ]
    inlines = [CandidateInline, ProgrammeInline, PairDocumentInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("candidates")
            .annotate(programme_total=Count("programmes", distinct=True))
        )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, CandidateInline):
            # Offer the missing roles, head first, so staff only type the names.
            taken = set(obj.candidates.values_list("role", flat=True)) if obj and obj.pk else set()
            kwargs["initial"] = [{"role": role} for role in Candidate.Role.values if role not in taken]
        return kwargs

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pair = form.instance
        if not pair.slug:
            pair.refresh_slug()
            pair.save(update_fields=["slug"])

    @admin.display(description=_("candidates"))
    def names(self, pair):
        return pair.names or "—"

    @admin.display(description=_("photos"))
    def photos(self, pair):
        return format_html_join(
            " ",
            "{}",
            (
                (thumbnail(c.picture, c.photo_alt) or format_html("{} ({})", c.initials, _("no photo")),)
                for c in pair.ordered_candidates()
            ),
        )

    @admin.display(description=_("programmes"), ordering="programme_total")
    def programme_count(self, pair):
        return pair.programme_total

    def get_urls(self):
        parity = path(
            "parity/",
            self.admin_site.admin_view(self.parity_view),
            name="candidates_candidatepair_parity",
        )
        return [parity, *super().get_urls()]

    def parity_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Parity report: what each pair has filled in"),
            "opts": self.model._meta,
            "report": parity_report(),
        }
        return TemplateResponse(request, "admin/candidates/candidatepair/parity.html", context)


@admin.register(Party)
class PartyAdmin(SimpleHistoryAdmin):
    list_display = ["abbreviation", "name", "logo_preview", "pair_total"]
    list_filter = ["pairs__contest"]
    search_fields = ["abbreviation", "name"]
    ordering = ["abbreviation"]
    fieldsets = [(None, {"fields": ["abbreviation", "name", "logo"]})]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(pair_total=Count("pairs", distinct=True))

    @admin.display(description=_("logo"))
    def logo_preview(self, party):
        if not party.logo:
            return "—"
        return format_html('<img src="{}" width="{}" alt="">', party.logo.url, THUMBNAIL_WIDTH)

    @admin.display(description=_("pairs supported"), ordering="pair_total")
    def pair_total(self, party):
        return party.pair_total


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "slug", "order", "programme_total"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    ordering = ["order", "slug"]
    fieldsets = [(None, {"fields": ["name", "slug", "order"]})]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(programme_total=Count("programmes"))

    @admin.display(description=_("programmes"), ordering="programme_total")
    def programme_total(self, theme):
        return theme.programme_total


class ChildAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """A part of a pair on its own screen: found by search, with its full change history.

    New parts are added on the pair's screen, where the pair's rules (one head, one deputy) hold.
    """

    list_select_related = ["pair__contest"]

    def get_queryset(self, request):
        # A pair is named by its candidates; fetch them once for the whole list.
        return super().get_queryset(request).prefetch_related("pair__candidates")

    def has_add_permission(self, request):
        return False


@admin.register(Candidate)
class CandidateAdmin(ChildAdmin):
    list_display = ["full_name", "role", "pair", "has_photo"]
    list_filter = ["role", "pair__contest"]
    search_fields = ["full_name", "birth_place"]
    readonly_fields = ["pair", "role"]
    fieldsets = CandidateInline.fieldsets[:2] + [
        (_("Photo"), {"fields": ["photo", "photo_alt", "photo_source"]}),
        (_("Pair"), {"fields": ["pair"]}),
    ]

    @admin.display(description=_("photo"), boolean=True)
    def has_photo(self, candidate):
        return bool(candidate.photo)


@admin.register(Programme)
class ProgrammeAdmin(ChildAdmin):
    list_display = ["title", "theme", "pair", "order"]
    list_filter = ["theme", "pair__contest"]
    list_select_related = ["pair__contest", "theme"]
    search_fields = ["title", "description"]
    fieldsets = [(None, {"fields": ["pair", ("theme", "order"), "title", "description", "page_reference"]})]


@admin.register(PairDocument)
class PairDocumentAdmin(ChildAdmin):
    list_display = ["title", "publisher", "pair", "url"]
    list_filter = ["pair__contest", "publisher"]
    search_fields = ["title", "url", "publisher"]
    fieldsets = [(None, {"fields": ["pair", "title", "url", "publisher"]})]
