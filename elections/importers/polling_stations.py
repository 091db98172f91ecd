"""TPS with their address, kind, voters and the accessibility facts checked on site."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname as localized

from ..models import PollingStation, Subdistrict, rts
from ..models.areas import LATITUDE_RANGE, LONGITUDE_RANGE
from ..models.plausibility import as_of_problem, station_voters_problem
from .base import Importer
from .places import Places


class PollingStationImporter(Importer):
    model = PollingStation
    required = ("election", "kecamatan", "kelurahan", "number", "as_of", "source")
    optional = (
        "address",
        "rt",
        "latitude",
        "longitude",
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
        "rt_dilayani": "rt",
        "lintang": "latitude",
        "bujur": "longitude",
        "pemilih": "voters",
        "per_tanggal": "as_of",
        "tanggal": "as_of",
        "sumber": "source",
    }
    place_columns = ("election", "kecamatan", "kelurahan")
    key_fields = ("election", "subdistrict", "number")
    always_written = ("as_of", "source")
    field_columns = {"rts": "rt"}

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
        latitude = cells.degrees("latitude", *LATITUDE_RANGE)
        longitude = cells.degrees("longitude", *LONGITUDE_RANGE)
        given = {column: bool(cells.get(column).strip()) for column in ("latitude", "longitude")}
        if len(set(given.values())) > 1:
            missing = next(column for column, filled in given.items() if not filled)
            cells.problem(missing, _("Give both latitude and longitude, or neither."))
        values = {
            "address": cells.text("address", 255),
            "rts": self.rt_list(cells),
            "latitude": latitude,
            "longitude": longitude,
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

    @staticmethod
    def rt_list(cells):
        try:
            return rts.normalise(cells.text("rt", 500))
        except ValidationError as error:
            for message in error.messages:
                cells.problem(
                    "rt", message, _("Write the RTs as on the PPS assignment, e.g. RT 001-005, 012.")
                )
            return ""

    def existing(self, parsed):
        elections = {key[0] for key in parsed}
        stored = PollingStation.objects.filter(election__in=elections).select_related("subdistrict")
        return {(s.election, s.subdistrict, s.number): s for s in stored}

    def prepare(self, instance):
        instance.election_window = self.places.window(instance.election)

    def row_label(self, station):
        return str(station)
