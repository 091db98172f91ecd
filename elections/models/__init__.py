from .areas import District, PollingStation, Subdistrict
from .debates import Debate
from .elections import Contest, ContestState, Election, Stage
from .figures import CountStage, Result, ResultVote, VoterCount
from .imports import PendingImport
from .turnout import Turnout

__all__ = [
    "Contest",
    "ContestState",
    "CountStage",
    "Debate",
    "District",
    "Election",
    "PendingImport",
    "PollingStation",
    "Result",
    "ResultVote",
    "Stage",
    "Subdistrict",
    "Turnout",
    "VoterCount",
]
