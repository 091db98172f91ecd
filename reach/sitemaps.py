from announcements.models import Announcement, FactCheck
from candidates.models import Candidate, CandidatePair
from core.changes import newest
from core.sitemaps import ONE_PAGE, NamedPageSitemap, StageTurnMixin
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


class HomeSitemap(StageTurnMixin, NamedPageSitemap):
    """The home page and the results, which gather what several apps publish."""

    priority = 0.8
    changefreq = "daily"
    pages = {
        "home": (Election, Stage, VoterCount, District, Subdistrict, Contest, CandidatePair, Candidate),
        "results": (Election, Contest, Result, ResultVote, Turnout, CandidatePair, Candidate, VoterCount),
    }

    def change_parts(self):
        # The home page lists the latest announcements and fact checks readers can see.
        visible = [model.objects.last_seen_change(f"{ONE_PAGE}home") for model in (Announcement, FactCheck)]
        return super().change_parts() + visible

    def lastmod(self, item):
        changed = super().lastmod(item)
        if item == "home":
            # The home page's banner names the current stage: it changes when a stage begins or ends.
            return newest(changed, self.stage_turn)
        return changed

    def stages(self):
        return Stage.objects.filter(election=Election.objects.featured())


SITEMAPS = {"pages": HomeSitemap}
