from .areas import District, PollingStation, Subdistrict
from .elections import Contest, Election, Stage
from .figures import Result, ResultVote, VoterCount

__all__ = [
    "Contest",
    "District",
    "Election",
    "PollingStation",
    "Result",
    "ResultVote",
    "Stage",
    "Subdistrict",
    "VoterCount",
]
