from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    """The page cache: fast path, content versions, last good copies and the read replica."""

    name = "pagecache"
    verbose_name = _("Page cache")

    def ready(self):
        # Django's documented place to connect receivers: every committed change starts a new
        # content version.
        from . import signals  # noqa: F401
