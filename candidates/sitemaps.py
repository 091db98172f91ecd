from django.urls import reverse

from core.sitemaps import LocalisedSitemap, NamedPageSitemap
from elections.models import Contest, Election
from elections.sitemaps import CurrentElectionMixin

from .models import Background, Candidate, CandidatePair, PairDocument, Party, Programme, Theme

# What every candidate page shows of each pair: names, numbers, parties and the election.
PAIRS = (Election, Contest, CandidatePair, Candidate, Party)
# The comparisons also set programme points and reported backgrounds side by side, by theme.
COMPARED = (*PAIRS, Programme, Background, Theme)


class IndexSitemap(CurrentElectionMixin, NamedPageSitemap):
    """The current election's pairs, at its permanent address (elections.links)."""

    priority = 0.8
    changefreq = "daily"
    pages = {"candidates": PAIRS}

    def items(self):
        return list(self.pages) if self.current else []

    def location(self, item):
        return self.election_location(item)


class ContestSitemap(LocalisedSitemap):
    priority = 0.8
    changefreq = "daily"
    shows = PAIRS

    def items(self):
        return Contest.objects.all()


class ComparisonSitemap(LocalisedSitemap):
    priority = 0.7
    changefreq = "daily"
    shows = COMPARED

    def items(self):
        return Contest.objects.all()

    def location(self, contest):
        return reverse("candidates:compare", kwargs={"slug": contest.slug})


class ThemeComparisonSitemap(LocalisedSitemap):
    priority = 0.6
    changefreq = "daily"
    shows = COMPARED

    def items(self):
        themes = list(Theme.objects.all())
        return [(contest, theme) for contest in Contest.objects.all() for theme in themes]

    def location(self, item):
        contest, theme = item
        return reverse("candidates:compare-theme", kwargs={"slug": contest.slug, "theme": theme.slug})

    def item_key(self, item):
        return None


class PairSitemap(LocalisedSitemap):
    """A pair's page: its record, its candidates and their backgrounds, programme and documents."""

    priority = 0.7
    changefreq = "daily"
    shows = (Election, Contest, Party, Theme)
    shows_by_item = (
        (CandidatePair, "id"),
        (Candidate, "pair_id"),
        (Programme, "pair_id"),
        (Background, "pair_id"),
        (PairDocument, "pair_id"),
    )

    def items(self):
        return CandidatePair.objects.select_related("contest")


SITEMAPS = {
    "candidates": IndexSitemap,
    "candidate-contests": ContestSitemap,
    "candidate-comparisons": ComparisonSitemap,
    "candidate-theme-comparisons": ThemeComparisonSitemap,
    "candidate-pairs": PairSitemap,
}
