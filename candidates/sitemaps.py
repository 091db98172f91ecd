from django.urls import reverse

from core.sitemaps import LocalisedSitemap
from elections.models import Contest

from .models import CandidatePair, Theme


class IndexSitemap(LocalisedSitemap):
    priority = 0.8
    changefreq = "daily"

    def items(self):
        return ["candidates:index"]

    def location(self, item):
        return reverse(item)


class ContestSitemap(LocalisedSitemap):
    priority = 0.8
    changefreq = "daily"

    def items(self):
        return Contest.objects.all()


class ComparisonSitemap(LocalisedSitemap):
    priority = 0.7
    changefreq = "daily"

    def items(self):
        return Contest.objects.all()

    def location(self, contest):
        return reverse("candidates:compare", kwargs={"slug": contest.slug})


class ThemeComparisonSitemap(LocalisedSitemap):
    priority = 0.6
    changefreq = "daily"

    def items(self):
        themes = list(Theme.objects.all())
        return [(contest, theme) for contest in Contest.objects.all() for theme in themes]

    def location(self, item):
        contest, theme = item
        return reverse("candidates:compare-theme", kwargs={"slug": contest.slug, "theme": theme.slug})


class PairSitemap(LocalisedSitemap):
    priority = 0.7
    changefreq = "daily"

    def items(self):
        return CandidatePair.objects.select_related("contest")


SITEMAPS = {
    "candidates": IndexSitemap,
    "candidate-contests": ContestSitemap,
    "candidate-comparisons": ComparisonSitemap,
    "candidate-theme-comparisons": ThemeComparisonSitemap,
    "candidate-pairs": PairSitemap,
}
