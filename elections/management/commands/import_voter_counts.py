from elections.importers import VoterCountImporter

from ._import_base import ImportCommand


class Command(ImportCommand):
    help = "Import DPS/DPSHP/DPT voter counts from a spreadsheet (.xlsx or CSV): every row or nothing."
    importer_class = VoterCountImporter
