"""Staff screens: a pair with its two candidates, sourced points, documents and backgrounds on one screen.

Translated fields show as language tabs (modeltranslation); every change is kept in the history
(simple_history). The parity report (``parity/``) shows what each pair still lacks, and saving
content for one pair that another pair of its contest lacks asks for a confirmation and a reason
first (``PairForm``), so that no comparison is made lopsided without anyone noticing.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline
from modeltranslation.utils import build_localized_fieldname as localized
from simple_history.admin import SimpleHistoryAdmin

from elections.models import Contest

from .models import (
    KIND_ORDER,
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
from .parity import content, parity_report, stored_content, uneven_content, with_content

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


class PairScreen:
    """The inline formsets of one request's pair screen, so that the pair form can weigh them all.

    Django validates the pair form and each inline on its own; the fairness check needs the
    whole screen, so the formsets join this object (shared through the request) as they are made.
    """

    def __init__(self):
        self.formsets = []

    def rows_after_save(self, model, saved):
        """The rows of one inline as they would be once saved; ``saved`` when it is not on the screen."""
        formset = next((f for f in self.formsets if f.model is model), None)
        if formset is None:
            return saved
        return [
            form.instance
            for form in formset.forms
            if not form.cleaned_data.get("DELETE") and (form.instance.pk is not None or form.has_changed())
        ]

    def content_after_save(self, cleaned_data, pair):
        """Counts of parity.CONTENT the pair would have once saved; None while an inline has errors."""
        if not all(formset.is_valid() for formset in self.formsets):
            return None
        language = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

        def rows(model, name):
            return self.rows_after_save(model, list(getattr(pair, name).all()) if pair else [])

        return content(
            cleaned_data.get(localized("vision", language), ""),
            cleaned_data.get(localized("mission", language), ""),
            rows(Candidate, "candidates"),
            rows(Programme, "programmes"),
            rows(PairDocument, "documents"),
            rows(Background, "backgrounds"),
        )


class PairPartFormSet(forms.BaseInlineFormSet):
    """An inline of the pair screen: it joins the screen's fairness check."""

    def __init__(self, *args, screen=None, **kwargs):
        super().__init__(*args, **kwargs)
        if screen is not None:
            screen.formsets.append(self)


class PairForm(forms.ModelForm):
    """The pair itself; before saving, it checks that the save keeps the comparison fair.

    Saving a kind of content (photo, vision, points, documents, backgrounds) for this pair while
    another pair of the contest has none of it needs the confirmation box and a reason, which
    goes into the history. Saves that add nothing uneven go through as usual.
    """

    screen = None  # set per request by CandidatePairAdmin.get_form
    confirm_uneven = forms.BooleanField(
        label=_("I have checked the other pairs: publish this anyway"), required=False
    )
    uneven_reason = forms.CharField(
        label=_("Reason"),
        max_length=100,
        required=False,
        help_text=_("Kept in the history, e.g. Pair 2 has published no programme yet; pair 1's from KPU."),
    )

    def clean(self):
        cleaned_data = super().clean()
        self.uneven = []
        confirmed, reason = cleaned_data.get("confirm_uneven"), cleaned_data.get("uneven_reason", "").strip()
        if confirmed and not reason:
            self.add_error(
                "uneven_reason", _("Give the reason for publishing anyway; it is kept in the history.")
            )
        after = self.screen.content_after_save(cleaned_data, self.saved()) if self.screen else None
        if after is None or cleaned_data.get("contest") is None:
            return cleaned_data  # other errors first; the check runs once they are fixed
        before = stored_content(self.saved()) if self.instance.pk else dict.fromkeys(after, 0)
        self.uneven = uneven_content(cleaned_data["contest"], self.instance.pk, before, after)
        if self.uneven and not confirmed:
            self.add_error(
                "confirm_uneven",
                _(
                    "Another pair of this contest has none of what this save adds: "
                    "confirm with a reason, or save without it."
                ),
            )
        return cleaned_data

    def saved(self):
        """The pair as stored, with its rows, or None for a new pair."""
        if not self.instance.pk:
            return None
        if not hasattr(self, "_saved"):
            self._saved = with_content(CandidatePair.objects.filter(pk=self.instance.pk)).first()
        return self._saved

    @property
    def show_fairness(self):
        """Whether the screen shows the fairness warning and its confirmation fields."""
        return bool(
            getattr(self, "uneven", None) or self["confirm_uneven"].errors or self["uneven_reason"].errors
        )

    @property
    def change_reason(self):
        """The confirmed reason for the history, or None."""
        if self.cleaned_data.get("confirm_uneven"):
            return self.cleaned_data["uneven_reason"].strip()
        return None


class CandidateFormSet(PairPartFormSet):
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
    formset = PairPartFormSet
    extra = 0
    ordering = [KIND_ORDER, "order", "pk"]
    fields = [
        ("kind", "theme", "order"),
        "title",
        "description",
        ("source", "source_url", "as_of"),
        "note",
        "page_reference",
    ]


class PairDocumentInline(TranslationTabularInline):
    model = PairDocument
    formset = PairPartFormSet
    extra = 0
    fields = ["title", "url", "publisher"]


class BackgroundInline(TranslationStackedInline):
    model = Background
    formset = PairPartFormSet
    extra = 0
    ordering = ["role", "order", "pk"]
    fields = [("role", "order"), "text", ("source", "source_url", "as_of"), "note"]


@admin.register(CandidatePair)
class CandidatePairAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    form = PairForm
    list_display = ["ballot_number", "names", "contest", "photos", "incumbent", "programme_count", "as_of"]
    list_display_links = ["ballot_number", "names"]
    list_filter = ["contest", "incumbent", "parties"]
    list_select_related = ["contest"]
    search_fields = ["candidates__full_name", "parties__abbreviation", "parties__name"]
    ordering = ["contest", "ballot_number"]
    formfield_overrides = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
    fieldsets = [
        (None, {"fields": ["contest", "ballot_number", "slug", "incumbent", "parties"]}),
        (_("Official vision and mission (as submitted to KPU)"), {"fields": ["vision", "mission"]}),
        (_("Source"), {"fields": ["source", "source_url", "as_of"]}),
        (_("Published record"), {"fields": ["record_note"]}),
    ]
    inlines = [CandidateInline, BackgroundInline, ProgrammeInline, PairDocumentInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("candidates")
            .annotate(programme_total=Count("programmes", distinct=True))
        )

    def screen(self, request):
        """The pair screen of this request, shared by the pair form and its inline formsets."""
        if not hasattr(request, "candidate_pair_screen"):
            request.candidate_pair_screen = PairScreen()
        return request.candidate_pair_screen

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.screen = self.screen(request)  # a new class on every call, so this stays per request
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        kwargs["screen"] = self.screen(request)
        if isinstance(inline, CandidateInline):
            # Offer the missing roles, head first, so staff only type the names.
            taken = set(obj.candidates.values_list("role", flat=True)) if obj and obj.pk else set()
            kwargs["initial"] = [{"role": role} for role in Candidate.Role.values if role not in taken]
        return kwargs

    def save_model(self, request, obj, form, change):
        if form.change_reason:
            obj._change_reason = form.change_reason  # simple_history keeps it with the new version
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if form.change_reason:
            for formset in formsets:
                for part in formset.forms:
                    part.instance._change_reason = form.change_reason
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

    @admin.display(description=_("points"), ordering="programme_total")
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


class ListCandidateInline(admin.TabularInline):
    model = ListCandidate
    extra = 0
    fields = ["number", "full_name", "gender"]
    ordering = ["number"]


@admin.register(PartyList)
class PartyListAdmin(SimpleHistoryAdmin):
    """A party's list in one electoral district, for contests whose ballot carries parties (DPRD)."""

    list_display = ["party", "ballot_number", "electoral_district", "contest", "candidate_total", "as_of"]
    list_filter = ["contest", "electoral_district", "party"]
    list_select_related = ["party", "contest"]
    search_fields = ["party__name", "party__abbreviation", "electoral_district", "candidates__full_name"]
    autocomplete_fields = ["party"]
    inlines = [ListCandidateInline]
    fieldsets = [
        (None, {"fields": ["contest", "electoral_district", ("party", "ballot_number")]}),
        (_("Provenance"), {"fields": ["source", "source_url", "as_of"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(candidate_total=Count("candidates"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "contest":
            kwargs["queryset"] = Contest.objects.filter(ballot=Contest.Ballot.PARTY_LISTS)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("candidates"), ordering="candidate_total")
    def candidate_total(self, party_list):
        return party_list.candidate_total


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
    list_display = ["title", "kind", "theme", "pair", "source", "as_of"]
    list_filter = ["kind", "theme", "pair__contest", "source"]
    list_select_related = ["pair__contest", "theme"]
    search_fields = ["title", "description", "source", "note"]
    ordering = ["pair__contest", "pair__ballot_number", KIND_ORDER, "order"]
    fieldsets = [
        (None, {"fields": ["pair", ("kind", "theme", "order"), "title", "description", "page_reference"]}),
        (_("Source"), {"fields": ["source", "source_url", "as_of", "note"]}),
    ]


@admin.register(Background)
class BackgroundAdmin(ChildAdmin):
    list_display = ["text", "role", "pair", "source", "as_of"]
    list_filter = ["role", "pair__contest", "source"]
    search_fields = ["text", "source", "note"]
    ordering = ["pair__contest", "pair__ballot_number", "role", "order"]
    fieldsets = [
        (None, {"fields": ["pair", ("role", "order"), "text"]}),
        (_("Source"), {"fields": ["source", "source_url", "as_of", "note"]}),
    ]


@admin.register(PairDocument)
class PairDocumentAdmin(ChildAdmin):
    list_display = ["title", "publisher", "pair", "url"]
    list_filter = ["pair__contest", "publisher"]
    search_fields = ["title", "url", "publisher"]
    fieldsets = [(None, {"fields": ["pair", "title", "url", "publisher"]})]
