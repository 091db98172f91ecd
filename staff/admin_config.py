"""App configurations the admin shows: the portal's site, and third-party apps named in the
staff's language rather than by their package ("Axes", "Otp_Totp")."""

from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig


class PortalAdminConfig(AdminConfig):
    """The Django admin, with the portal's site: Setdakot titles, 2FA, dashboard."""

    default_site = "staff.admin_site.PortalAdminSite"


class SignInAttemptsConfig(AxesAppConfig):
    verbose_name = _("Sign-in attempts")


class AuthenticatorAppsConfig(TOTPAppConfig):
    verbose_name = _("Two-step sign-in")
