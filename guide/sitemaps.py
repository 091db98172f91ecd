from django.urls import reverse

from core.sitemaps import LocalisedSitemap


class GuideSitemap(LocalisedSitemap):
    priority = 0.8
    changefreq = "weekly"

    def items(self):
        return ["guide:how-to-vote", "guide:glossary"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"guide": GuideSitemap}
