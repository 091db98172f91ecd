from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    """Public pages that span apps: home, search, sitemaps, link previews."""

    name = "reach"
    verbose_name = _("Public pages and sharing")
