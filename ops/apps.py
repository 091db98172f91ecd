from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: demo loading, backup and restore, logs, error page, load generator."""

    name = "ops"
    verbose_name = _("Operations")

    def ready(self):
        # Django's documented place to connect receivers: the mirror follows background renders.
        from . import mirror  # noqa: F401
