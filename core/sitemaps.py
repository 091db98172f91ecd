from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class LocalisedSitemap(Sitemap):
    """Every public page in both languages, each with hreflang alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True


class PageSitemap(LocalisedSitemap):
    """Pages that exist once per language and have no model behind them."""

    priority = 0.8
    changefreq = "daily"

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)
