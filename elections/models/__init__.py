from .areas import District, PollingStation, Subdistrict
from .debates import Debate
from .elections import Contest, Election, Stage
from .figures import Result, ResultVote, VoterCount
from .turnout import Turnout

__all__ = [
    "Contest",
    "Debate",
    "District",
    "Election",
    "PollingStation",
    "Result",
    "ResultVote",
    "Stage",
    "Subdistrict",
    "Turnout",
    "VoterCount",
]
