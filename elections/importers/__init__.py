"""Imports of voter counts and TPS from the spreadsheets staff receive (see base for the flow)."""

from .base import Action, Importer, ImportReport, RowPlan
from .cells import Problem
from .polling_stations import PollingStationImporter
from .voter_counts import VoterCountImporter

__all__ = [
    "Action",
    "ImportReport",
    "Importer",
    "PollingStationImporter",
    "Problem",
    "RowPlan",
    "VoterCountImporter",
]
