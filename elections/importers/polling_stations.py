"""TPS with their address, kind, voters and the accessibility facts checked on site."""

from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname as localized

from ..models import PollingStation, Subdistrict
from ..models.plausibility import as_of_problem, station_voters_problem
from .base import Importer
from .places import Places


class PollingStationImporter(Importer):
    model = PollingStation
    required = ("election", "kecamatan", "kelurahan", "number", "as_of", "source")
    optional = (
        "address",
        "location_kind",
        "voters",
        "access",
        "wide_door",
        "braille_template",
        "priority_seating",
        "accessibility_notes",
        "accessibility_notes_en",
    )
    aliases = {
        "pemilihan": "election",
        "nomor": "number",
        "nomor_tps": "number",
        "tps": "number",
        "alamat": "address",
        "pemilih": "voters",
        "per_tanggal": "as_of",
        "tanggal": "as_of",
        "sumber": "source",
    }
    place_columns = ("election", "kecamatan", "kelurahan")
    key_fields = ("election", "subdistrict", "number")
    always_written = ("as_of", "source")

    @classmethod
    def template_rows(cls, election):
        """One row per kelurahan; staff copy a kelurahan's row once for each of its TPS."""
        return [
            {"election": election.slug, "kecamatan": subdistrict.district.name, "kelurahan": subdistrict.name}
            for subdistrict in Subdistrict.objects.select_related("district").order_by(
                "district__name", "name"
            )
        ]

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.places = Places()

    def parse(self, cells):
        election = self.places.election(cells)
        _district, subdistrict = self.places.area(cells, require_subdistrict=True) or (None, None)
        number = cells.whole_number("number", required=True)
        if number == 0:
            cells.problem("number", _("TPS numbers start at 1."))
        values = {
            "address": cells.text("address", 255),
            "location_kind": cells.choice(
                "location_kind",
                PollingStation.LocationKind.values,
                _("Unknown location_kind '%(value)s'; use one of %(choices)s."),
                default=PollingStation.LocationKind.REGULAR,
            ),
            "voters": cells.whole_number("voters"),
            "access": cells.choice(
                "access",
                PollingStation.Access.values,
                _("Unknown access '%(value)s'; use ground, ramp, steps or leave it empty."),
                default=PollingStation.Access.UNKNOWN,
            ),
            "wide_door": cells.yes_no("wide_door"),
            "braille_template": cells.yes_no("braille_template"),
            "priority_seating": cells.yes_no("priority_seating"),
            localized("accessibility_notes", "id"): cells.text("accessibility_notes", 2000),
            localized("accessibility_notes", "en"): cells.text("accessibility_notes_en", 2000),
            "as_of": cells.date("as_of"),
            "source": cells.text("source", 300, required=True),
        }
        if election is not None:
            if problem := station_voters_problem(values["voters"], election):
                cells.problem("voters", problem)
            if problem := as_of_problem(values["as_of"], election, self.places.window(election)):
                cells.problem("as_of", problem)
        return (election, subdistrict, number), values

    def existing(self, parsed):
        elections = {key[0] for key in parsed}
        stored = PollingStation.objects.filter(election__in=elections).select_related("subdistrict")
        return {(s.election, s.subdistrict, s.number): s for s in stored}

    def prepare(self, instance):
        instance.election_window = self.places.window(instance.election)

    def row_label(self, station):
        return str(station)
