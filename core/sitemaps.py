"""Sitemaps list every public page in both languages, each with when it last changed.

``lastmod`` is read from the history of what a page shows (``core.changes``), in one query per
sitemap: ``shows`` names models any change to which may change every page of a sitemap,
``shows_by_item`` the (model, field naming the item) pairs whose changes touch one page only.
A page with nothing in its history yet dates from the installation of the code that renders it.
"""

from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core import changes

EVERY_PAGE = "*"
ONE_PAGE = "#"


class LocalisedSitemap(Sitemap):
    """Every public page in both languages, each with hreflang alternates, x-default and lastmod."""

    i18n = True
    alternates = True
    x_default = True
    shows = ()
    shows_by_item = ()

    def change_parts(self):
        parts = [changes.history_part(model, EVERY_PAGE) for model in self.shows]
        parts += [changes.history_part(model, ONE_PAGE, by=field) for model, field in self.shows_by_item]
        return parts

    @cached_property
    def last_changes(self):
        return changes.latest(self.change_parts())

    def item_key(self, item):
        return item.pk

    def lastmod(self, item):
        """The page's last change; a page whose content has no history yet (an empty list) has
        not changed since the code that renders it was installed."""
        every_page = self.last_changes.get(EVERY_PAGE)
        changed = changes.newest(every_page, self.last_changes.get(f"{ONE_PAGE}{self.item_key(item)}"))
        return changed or changes.code_installed()


class NamedPageSitemap(LocalisedSitemap):
    """Pages that exist once per language, by URL name, each with the models it shows."""

    # {URL name: models any change to which may change that page}
    pages = {}

    def items(self):
        return list(self.pages)

    def location(self, item):
        return reverse(item)

    def item_key(self, item):
        return item

    def change_parts(self):
        per_page = [
            changes.history_part(model, f"{ONE_PAGE}{name}")
            for name, models in self.pages.items()
            for model in models
        ]
        return super().change_parts() + per_page
