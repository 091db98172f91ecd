from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The Django admin, with the portal's site: Setdakot titles, 2FA, dashboard."""

    default_site = "staff.admin_site.PortalAdminSite"
