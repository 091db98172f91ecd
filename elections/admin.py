from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from core.formfields import ASCII_DIGIT_FIELDS

from .admin_imports import ImportMixin
from .forms import CopyTimelineForm, VoterCountForm
from .importers import PollingStationImporter, VoterCountImporter
from .models import (
    Contest,
    Debate,
    District,
    Election,
    PendingImport,
    PollingStation,
    Result,
    ResultVote,
    Stage,
    Subdistrict,
    Turnout,
    VoterCount,
)


class ContentAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Translated content with a full change history (who, when, old and new values, revert)."""

    formfield_overrides = ASCII_DIGIT_FIELDS


class ContestInline(TranslationStackedInline):
    model = Contest
    extra = 0
    fields = [("office", "area_name"), ("slug", "level", "order")]


class StageInline(TranslationTabularInline):
    model = Stage
    extra = 0
    fields = ["order", "name", "start", "end", "phase", "kind", "source"]
    ordering = ["order"]


@admin.register(Election)
class ElectionAdmin(ContentAdmin):
    list_display = ["name", "voting_day", "polls_open", "polls_close", "participation_target"]
    search_fields = ["name", "slug"]
    list_filter = ["voting_day"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContestInline, StageInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "voting_day"]}),
        (_("Polling hours"), {"fields": [("polls_open", "polls_close"), "polling_hours_source"]}),
        (_("Voters per TPS"), {"fields": ["max_voters_per_tps", "max_voters_per_tps_source"]}),
        (
            _("Participation"),
            {
                "fields": [
                    ("participation_target_min", "participation_target_max"),
                    ("previous_participation", "previous_election_name"),
                    "participation_source",
                ]
            },
        ),
    ]

    actions = ["copy_timeline"]

    @admin.action(
        description=_("Copy the schedule to another election, moved to its voting day"),
        permissions=["copy_timeline"],
    )
    def copy_timeline(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Choose exactly one election to copy the schedule from."), messages.ERROR
            )
            return None
        source = queryset.get()
        form = CopyTimelineForm(source, request.POST if "apply" in request.POST else None)
        if form.is_valid():
            target = form.cleaned_data["election"]
            try:
                with transaction.atomic():
                    copied = Stage.objects.filter(election=source).copy_to(
                        target, target.voting_day - source.voting_day
                    )
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.ERROR)
                return None
            message = ngettext(
                "%(count)d stage copied to %(election)s: check each date against its regulation.",
                "%(count)d stages copied to %(election)s: check each date against its regulation.",
                len(copied),
            ) % {"count": len(copied), "election": target}
            self.message_user(request, message, messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:elections_election_change", args=[target.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Copy the schedule"),
            "opts": self.model._meta,
            "form": form,
            "source": source,
            "stage_count": source.stages.count(),
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/elections/copy_timeline.html", context)

    def has_copy_timeline_permission(self, request):
        return request.user.has_perm("elections.add_stage")

    @admin.display(description=_("participation target"))
    def participation_target(self, obj):
        if obj.participation_target_min is None:
            return "–"
        return f"{obj.participation_target_min:g}–{obj.participation_target_max:g} %"


@admin.register(Contest)
class ContestAdmin(ContentAdmin):
    list_display = ["office", "area_name", "level", "ballot", "election", "state", "new_voting_day", "order"]
    list_filter = ["election", "level", "ballot", "state"]
    list_select_related = ["election"]
    search_fields = ["office", "area_name", "slug", "legal_basis"]
    autocomplete_fields = ["rerun_stations"]
    fieldsets = [
        (None, {"fields": ["election", "office", "area_name", "slug", "level", "ballot", "order"]}),
        (
            _("State"),
            {
                "fields": [
                    "state",
                    ("state_decided_on", "new_voting_day"),
                    ("legal_basis", "legal_basis_url"),
                    "state_explanation",
                    "rerun_stations",
                ],
                "description": _(
                    "Uncontested, postponed, cancelled, a re-vote (PSU) or a repeat election: every "
                    "page about the contest shows the state with its explanation and legal basis, and "
                    "never asks voters to vote in a poll that is not happening."
                ),
            },
        ),
    ]


@admin.register(Stage)
class StageAdmin(ContentAdmin):
    list_display = ["order", "name", "start", "end", "phase", "kind", "election"]
    list_display_links = ["order", "name"]
    list_filter = ["election", "phase", "kind"]
    list_select_related = ["election"]
    search_fields = ["name", "description", "source"]
    date_hierarchy = "start"
    fieldsets = [
        (None, {"fields": ["election", "order", "name", "description"]}),
        (
            _("Dates"),
            {
                "fields": [("start", "end")],
                "description": _("Dates in WITA; one-day stages end on their start."),
            },
        ),
        (_("Kind and source"), {"fields": [("phase", "kind"), "source", "source_url"]}),
    ]


class SubdistrictInline(admin.TabularInline):
    model = Subdistrict
    extra = 0
    fields = ["name", "slug", "code", "bps_code"]
    prepopulated_fields = {"slug": ["name"]}


AREA_CODES = (
    _("Official codes"),
    {
        "fields": [("code", "bps_code")],
        "description": _(
            "Kemendagri and BPS number areas differently: copy each code from its own list, "
            "never convert one into the other."
        ),
    },
)


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "bps_code", "subdistrict_count"]
    search_fields = ["name", "code", "bps_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SubdistrictInline]
    fieldsets = [(None, {"fields": ["name", "slug"]}), AREA_CODES]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(subdistrict_total=Count("subdistricts"))

    @admin.display(description=_("kelurahan"), ordering="subdistrict_total")
    def subdistrict_count(self, obj):
        return obj.subdistrict_total


@admin.register(Subdistrict)
class SubdistrictAdmin(SimpleHistoryAdmin):
    list_display = ["name", "district", "code", "bps_code"]
    list_filter = ["district"]
    list_select_related = ["district"]
    search_fields = ["name", "code", "bps_code", "district__name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [(None, {"fields": ["district", "name", "slug"]}), AREA_CODES]


VOTER_COUNT_COLUMNS = _(
    "Columns: election, list (DPS, DPSHP or DPT), kecamatan, kelurahan (both empty for the whole city), "
    "total, as_of, source; optional: male, female, tps, source_url, note, note_en. "
    "Counts may be written 520986, 520.986 or 520,986; dates 2024-09-19, 19/09/2024 or 19-09-2024."
)
POLLING_STATION_COLUMNS = _(
    "Columns: election, kecamatan, kelurahan, number, as_of (e.g. 19/09/2024), source; optional: address, "
    "rt (the RTs served, e.g. RT 001-005, 012), latitude and longitude (decimal degrees, e.g. -1.237915 "
    "and 116.852930), location_kind (regular, prison, special), voters, access (ground, ramp, steps or "
    "empty), wide_door, braille_template, priority_seating (ya/tidak or empty when not checked), "
    "accessibility_notes, accessibility_notes_en."
)


@admin.register(VoterCount)
class VoterCountAdmin(ImportMixin, ContentAdmin):
    form = VoterCountForm
    importer_class = VoterCountImporter
    import_kind = PendingImport.Kind.VOTER_COUNTS
    import_permission = "elections.import_votercount"
    import_columns_help = VOTER_COUNT_COLUMNS
    list_display = [
        "list_stage",
        "area_display",
        "total",
        "male",
        "female",
        "polling_stations",
        "as_of",
        "source",
    ]
    list_filter = ["election", "list_stage", "district", "as_of"]
    list_select_related = ["election", "district", "subdistrict"]
    search_fields = ["source", "district__name", "subdistrict__name"]
    autocomplete_fields = ["subdistrict"]
    fieldsets = [
        (None, {"fields": ["election", "list_stage"]}),
        (
            _("Area"),
            {"fields": ["district", "subdistrict"], "description": _("Leave both empty for the whole city.")},
        ),
        (_("Figures"), {"fields": ["total", ("male", "female"), "polling_stations"]}),
        (_("Provenance"), {"fields": ["source", "source_url", "as_of", "note"]}),
        (None, {"fields": ["confirmation_reason"]}),
    ]

    @admin.display(description=_("area"), ordering="district__name")
    def area_display(self, obj):
        return obj.area_name

    def save_model(self, request, obj, form, change):
        if reason := form.cleaned_data.get("confirmation_reason"):
            obj._change_reason = _("Confirmed: %(reason)s") % {"reason": reason}
        super().save_model(request, obj, form, change)


class MissingRtsFilter(admin.SimpleListFilter):
    """TPS whose RTs are still missing: voters cannot find them by RT."""

    title = _("RTs served")
    parameter_name = "rts"

    def lookups(self, request, model_admin):
        return [("missing", _("Not yet entered")), ("given", _("Entered"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(rts="")
        if self.value() == "given":
            return queryset.exclude(rts="")
        return queryset


@admin.register(PollingStation)
class PollingStationAdmin(ImportMixin, ContentAdmin):
    importer_class = PollingStationImporter
    import_kind = PendingImport.Kind.POLLING_STATIONS
    import_permission = "elections.import_pollingstation"
    import_columns_help = POLLING_STATION_COLUMNS
    list_display = [
        "__str__",
        "address",
        "rts",
        "has_location",
        "location_kind",
        "voters",
        "access",
        "wide_door",
        "braille_template",
    ]
    list_filter = [
        "election",
        "location_kind",
        "access",
        "subdistrict__district",
        "braille_template",
        MissingRtsFilter,
    ]
    list_select_related = ["subdistrict"]
    search_fields = ["address", "subdistrict__name", "=number", "rts"]
    autocomplete_fields = ["subdistrict"]
    fieldsets = [
        (None, {"fields": ["election", "subdistrict", "number", "address", "location_kind", "voters"]}),
        (
            _("Who votes here and where it is"),
            {
                "fields": ["rts", ("latitude", "longitude")],
                "description": _(
                    "Copy the RTs from the PPS assignment; voters find their TPS by RT. Coordinates give "
                    "the TPS a map link (OpenStreetMap); read them from a map, e.g. right-click on "
                    "openstreetmap.org and choose 'Show address'."
                ),
            },
        ),
        (
            _("Accessibility"),
            {
                "fields": [
                    "access",
                    "wide_door",
                    "braille_template",
                    "priority_seating",
                    "accessibility_notes",
                ],
                "description": _("Leave a fact empty until someone has checked it on site."),
            },
        ),
        (_("Provenance"), {"fields": ["source", "as_of"]}),
    ]

    @admin.display(description=_("map location"), boolean=True)
    def has_location(self, obj):
        return obj.latitude is not None


class ResultVoteInline(admin.TabularInline):
    model = ResultVote
    extra = 0
    autocomplete_fields = ["pair"]
    fields = ["pair", "votes"]


@admin.register(Result)
class ResultAdmin(ContentAdmin):
    list_display = ["contest", "area_display", "count_stage", "valid_votes", "invalid_votes", "as_of"]
    list_filter = ["contest", "count_stage", "district"]
    list_select_related = ["contest", "district", "subdistrict"]
    search_fields = ["source", "decision", "district__name"]
    inlines = [ResultVoteInline]
    fieldsets = [
        (None, {"fields": ["contest", ("district", "subdistrict")]}),
        (
            _("Stage of the count"),
            {
                "fields": [
                    "count_stage",
                    ("decision", "reported_at"),
                    ("stations_counted", "stations_total"),
                ],
                "description": _(
                    "Enter each stage as its own result (Sirekap, then PPK, then the official "
                    "recapitulation): pages show the furthest stage of each area and say which it is."
                ),
            },
        ),
        (
            _("Figures"),
            {
                "fields": ["empty_box_votes", "invalid_votes"],
                "description": _(
                    "Valid votes are the sum of the pairs' votes and, with one pair against the empty "
                    "box, the empty box's votes."
                ),
            },
        ),
        (_("Provenance"), {"fields": ["source", "source_url", "as_of", "note"]}),
        (
            _("Correction"),
            {
                "fields": ["correction"],
                "description": _(
                    "Changing published figures? Say what was wrong and why: readers see each change "
                    "with this note on the results' change log, in its feed and in the API."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("votes")

    @admin.display(description=_("area"), ordering="district__name")
    def area_display(self, obj):
        return obj.area_name

    @admin.display(description=_("valid votes"))
    def valid_votes(self, obj):
        return sum(vote.votes for vote in obj.votes.all())


@admin.register(ResultVote)
class ResultVoteAdmin(SimpleHistoryAdmin):
    """Each pair's tally on its own, for search and its change history; entered on the result."""

    list_display = ["pair", "votes", "result"]
    list_filter = ["result__contest", "result__district"]
    list_select_related = ["pair__contest", "result__contest", "result__district"]
    search_fields = ["pair__candidates__full_name", "result__district__name"]
    fields = ["result", "pair", "votes"]

    def get_queryset(self, request):
        # A pair is named by its candidates; fetch them once for the whole list.
        return super().get_queryset(request).prefetch_related("pair__candidates")

    def has_add_permission(self, request):
        return False


@admin.register(Debate)
class DebateAdmin(ContentAdmin):
    list_display = ["__str__", "date", "start_time", "venue", "broadcaster", "source", "source_date"]
    list_filter = ["contest__election", "contest", "city", "date_basis"]
    list_select_related = ["contest"]
    search_fields = ["theme", "subthemes", "venue", "broadcaster", "note", "source", "source_url"]
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["contest", "number", "theme", "subthemes"]}),
        (
            _("When"),
            {
                "fields": ["date", ("start_time", "end_time"), "time_note"],
                "description": _("Times in WITA; leave them empty when no source gives one, never estimate."),
            },
        ),
        (_("Where and how to follow it"), {"fields": [("venue", "city"), "organiser", "broadcaster"]}),
        (
            _("Note and source"),
            {
                "fields": ["note", "source", "source_url", ("source_date", "date_basis")],
                "description": _("Say in the note where sources disagree (a moved date, a different time)."),
            },
        ),
    ]


@admin.register(Turnout)
class TurnoutAdmin(ContentAdmin):
    list_display = ["contest", "area_display", "percent", "ballots_cast", "registered", "as_of", "source"]
    list_filter = ["contest", "district"]
    list_select_related = ["contest", "district", "subdistrict"]
    search_fields = ["source", "note", "district__name"]
    fieldsets = [
        (None, {"fields": ["contest", ("district", "subdistrict")]}),
        (
            _("Figures as announced"),
            {
                "fields": ["percent", ("ballots_cast", "registered")],
                "description": _(
                    "Copy the figures as the source gives them; the results page shows them beside the "
                    "turnout it computes from the tally, with any difference."
                ),
            },
        ),
        (_("Provenance"), {"fields": ["source", "source_url", "as_of", "note"]}),
    ]

    @admin.display(description=_("area"), ordering="district__name")
    def area_display(self, obj):
        return obj.area_name
