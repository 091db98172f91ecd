from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """The staff side: admin site, dashboard, two-factor sign-in, roles, audit and activity log.

    Its label stays "portal", the label these migrations and permissions were created under, so
    existing databases and the roles' permissions (``portal.view_activity_log``) keep working.
    """

    name = "staff"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # Django's documented place to connect receivers: the audit log listens to sign-ins.
        from . import audit  # noqa: F401
