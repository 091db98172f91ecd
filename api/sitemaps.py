from django.urls import reverse

from core.sitemaps import LocalisedSitemap


class OpenDataSitemap(LocalisedSitemap):
    """The open-data page and the API reference, in both languages."""

    priority = 0.5
    changefreq = "weekly"

    def items(self):
        return ["open-data:index", "open-data:api-docs"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"open-data": OpenDataSitemap}
