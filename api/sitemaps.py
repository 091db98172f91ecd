from core.changes import code_installed, newest
from core.sitemaps import NamedPageSitemap

from .datasets import last_updates


class OpenDataSitemap(NamedPageSitemap):
    """The open-data page and the API reference, in both languages."""

    priority = 0.5
    changefreq = "weekly"
    pages = {"open-data:index": (), "open-data:api-docs": ()}

    def lastmod(self, item):
        if item == "open-data:index":
            # The page lists every dataset with its last change, and the code that describes them.
            return newest(*last_updates().values(), code_installed())
        # The reference is generated from the code: it changes with a release, never with the data.
        return code_installed()


SITEMAPS = {"open-data": OpenDataSitemap}
