from elections.importers import PollingStationImporter

from ._import_base import ImportCommand


class Command(ImportCommand):
    help = "Import TPS (with accessibility facts) from a spreadsheet (.xlsx or CSV): every row or nothing."
    importer_class = PollingStationImporter
