from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Helpers every app may use (clock, markup, uploads, URLs, spreadsheets); imports no app."""

    name = "core"
    verbose_name = _("Shared helpers")
