"""Voter counts (DPS, DPSHP, DPT) per city, kecamatan and kelurahan, from KPU's recaps."""

from types import SimpleNamespace

from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname as localized

from ..models import District, VoterCount
from ..models.plausibility import election_findings, row_problems
from .base import Importer
from .cells import Problem
from .places import Places


class VoterCountImporter(Importer):
    model = VoterCount
    required = ("election", "list", "kecamatan", "kelurahan", "total", "as_of", "source")
    optional = ("male", "female", "tps", "source_url", "note", "note_en")
    aliases = {
        "pemilihan": "election",
        "daftar": "list",
        "jumlah": "total",
        "laki_laki": "male",
        "laki-laki": "male",
        "perempuan": "female",
        "per_tanggal": "as_of",
        "tanggal": "as_of",
        "sumber": "source",
        "tautan_sumber": "source_url",
        "catatan": "note",
    }
    place_columns = ("election", "list", "kecamatan", "kelurahan")
    field_columns = {"polling_stations": "tps", "list_stage": "list"}
    key_fields = ("election", "list_stage", "district", "subdistrict")
    always_written = ("total", "as_of", "source")

    @classmethod
    def template_rows(cls, election):
        base = {"election": election.slug, "list": VoterCount.ListStage.DPT}
        rows = [base]
        for district in District.objects.prefetch_related("subdistricts").order_by("name"):
            rows.append({**base, "kecamatan": district.name})
            rows += [
                {**base, "kecamatan": district.name, "kelurahan": subdistrict.name}
                for subdistrict in sorted(district.subdistricts.all(), key=lambda s: s.name)
            ]
        return rows

    def __init__(self, data, **kwargs):
        super().__init__(data, **kwargs)
        self.places = Places()

    def parse(self, cells):
        election = self.places.election(cells)
        list_stage = cells.choice(
            "list",
            VoterCount.ListStage.values,
            _("Unknown list '%(value)s'; use one of %(choices)s."),
            normalise=lambda value: value.strip().upper(),
        )
        place = self.places.area(cells) or (None, None)
        figures = SimpleNamespace(
            total=cells.whole_number("total", required=True),
            male=cells.whole_number("male"),
            female=cells.whole_number("female"),
            polling_stations=cells.whole_number("tps"),
            as_of=cells.date("as_of"),
        )
        values = {
            **vars(figures),
            "source": cells.text("source", 300, required=True),
            "source_url": cells.url("source_url"),
            localized("note", "id"): cells.text("note", 300),
            localized("note", "en"): cells.text("note_en", 300),
        }
        if election is not None and figures.total is not None:
            for name, message in row_problems(figures, election, self.places.window(election)):
                cells.problem(self.field_columns.get(name, name), message)
        return (election, list_stage, *place), values

    def existing(self, parsed):
        elections = {key[0] for key in parsed}
        stored = VoterCount.objects.filter(election__in=elections).select_related("district", "subdistrict")
        return {(c.election, c.list_stage, c.district, c.subdistrict): c for c in stored}

    def prepare(self, instance):
        instance.checked_with_its_file = True
        instance.election_window = self.places.window(instance.election)

    def row_label(self, count):
        return f"{count.list_stage} · {count.area_name}"

    def check_file(self, parsed, report):
        districts = {d.pk: d for d in District.objects.prefetch_related("subdistricts")}
        lines = {}
        for (election, list_stage, district, subdistrict), (line, _values) in parsed.items():
            lines[
                (election.pk, list_stage, getattr(district, "pk", None), getattr(subdistrict, "pk", None))
            ] = line
        for election in {key[0] for key in parsed}:
            counts = VoterCount.objects.filter(election=election).select_related("district", "subdistrict")
            for finding in election_findings(list(counts), districts):
                in_file = [lines[(election.pk, *key)] for key in finding.keys if (election.pk, *key) in lines]
                if not in_file:
                    continue  # about figures this file does not touch
                target = report.confirmations if finding.confirmable else report.problems
                target.append(Problem(in_file[0], finding.message, "total"))
