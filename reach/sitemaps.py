from announcements.models import Announcement, FactCheck
from candidates.models import Candidate, CandidatePair
from core.sitemaps import ONE_PAGE, NamedPageSitemap
from elections.models import (
    Contest,
    District,
    Election,
    Result,
    ResultVote,
    Stage,
    Subdistrict,
    Turnout,
    VoterCount,
)
from elections.sitemaps import CurrentElectionMixin, StageTurnMixin


class HomeSitemap(CurrentElectionMixin, StageTurnMixin, NamedPageSitemap):
    """The home page and the results, which gather what several apps publish."""

    priority = 0.8
    changefreq = "daily"
    pages = {
        "home": (Election, Stage, VoterCount, District, Subdistrict, Contest, CandidatePair, Candidate),
        "results": (Election, Contest, Result, ResultVote, Turnout, CandidatePair, Candidate, VoterCount),
    }
    # Its banner names the current stage.
    marks_stage = ("home",)

    def location(self, item):
        # The results are the current election's: named at their permanent address.
        if item == "results" and self.current:
            return self.election_location("results")
        return super().location(item)

    def change_parts(self):
        # The home page lists the latest announcements and fact checks readers can see.
        visible = [model.objects.last_seen_change(f"{ONE_PAGE}home") for model in (Announcement, FactCheck)]
        return super().change_parts() + visible


SITEMAPS = {"pages": HomeSitemap}
