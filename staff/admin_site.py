"""The admin site Setdakot staff use: Indonesian titles, optional mandatory 2FA, a dashboard,
readable history screens on every model that keeps one, and the site-wide activity log."""

from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import devices_for_user, user_has_device
from django_otp.forms import OTPAuthenticationFormMixin

from core import training
from core.clientip import client_address
from staff import activity, audit, dashboard, signin, twofactor
from staff.admin_history import with_readable_history


class StaffLoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    """Password, then a one-time code for everyone who has set up an authenticator app."""

    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        label=_("One-time code"),
        required=False,
        help_text=_("The 6-digit code from your authenticator app, if you have set one up."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_challenge = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user):
            if not cleaned.get("otp_device"):
                # Staff have one authenticator app; pick it rather than asking which.
                cleaned["otp_device"] = next(devices_for_user(user)).persistent_id
            try:
                self.clean_otp(user)
            except ValidationError as error:
                if error.code == "invalid_token":
                    # A wrong code is a failed sign-in like a wrong password: it counts against
                    # the budgets (staff.signin) and in what the staff member is told later.
                    user_login_failed.send(
                        sender=__name__, credentials={"username": user.get_username()}, request=self.request
                    )
                raise
        return cleaned


# Third-party models staff would not recognise by their package's English name ("TOTP devices").
# Renamed here, in the admin's lists, rather than in their Meta, which would need a migration of
# the third-party app.
THIRD_PARTY_MODEL_NAMES = {"otp_totp.totpdevice": _("Authenticator apps")}


class PortalAdminSite(admin.AdminSite):
    site_header = _("Portal Pilkada Kota Balikpapan · Staff of Setdakot")
    site_title = _("Pilkada Portal admin")
    index_title = _("Portal content management")
    login_form = StaffLoginForm
    login_template = "admin/portal_login.html"
    index_template = "admin/portal_index.html"

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        return _verified(request.user) or not self.requires_second_factor(request.user)

    @staticmethod
    def requires_second_factor(user):
        """Staff who set up a device always use it; with PORTAL_REQUIRE_2FA everyone must."""
        return settings.PORTAL_REQUIRE_2FA or user_has_device(user)

    def login(self, request, extra_context=None):
        if self.needs_enrolment(request.user):
            return redirect("admin:two-factor")
        extra_context = {
            **(extra_context or {}),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        }
        if request.method != "POST":
            return super().login(request, extra_context)
        username = request.POST.get("username", "")[: audit.USERNAME_MAX]
        pause = signin.pause_for(username, client_address(request))
        if pause is not None:
            return slowed_response(request, username, pause)
        previous = signin.last_sign_in(username)
        response = super().login(request, extra_context)
        if (
            request.user.is_authenticated
            and request.user.get_username() == username
            and response.status_code == 302
        ):
            signin.tell_about_failures(request, username, previous)
        if self.needs_enrolment(request.user):
            return redirect("admin:two-factor")
        return response

    @staticmethod
    def needs_enrolment(user):
        """Signed in with a password while 2FA is mandatory, but no authenticator app set up yet."""
        return (
            user.is_authenticated
            and user.is_active
            and user.is_staff
            and settings.PORTAL_REQUIRE_2FA
            and not user_has_device(user)
        )

    def each_context(self, request):
        context = super().each_context(request)
        # Staff practising in the rehearsal copy see on every screen that it is not the real one.
        context["site_header"] = training.marked(context["site_header"])
        context["site_title"] = training.marked(context["site_title"])
        return context

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every history screen reads the same way and records reverts (staff.admin_history),
        # whichever app declares the ModelAdmin.
        if admin_class is not None:
            admin_class = with_readable_history(admin_class)
        super().register(model_or_iterable, admin_class, **options)

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            for model in app["models"]:
                model["name"] = THIRD_PARTY_MODEL_NAMES.get(model["model"]._meta.label_lower, model["name"])
        return app_list

    def get_urls(self):
        return [
            path("two-factor/", self.admin_view_unverified(twofactor.setup), name="two-factor"),
            path("activity/", self.admin_view(self.activity_log), name="activity-log"),
            *super().get_urls(),
        ]

    def activity_log(self, request):
        return activity.activity_log(request, self)

    def admin_view_unverified(self, view):
        """Signed-in staff may set up their second factor before they can pass it."""

        @never_cache
        @csrf_protect
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not (request.user.is_active and request.user.is_staff):
                return redirect_to_login(
                    request.get_full_path(), reverse("admin:login", current_app=self.name)
                )
            return view(request, self, *args, **kwargs)

        return wrapped

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard": dashboard.for_user(request)}
        return super().index(request, extra_context)


def _verified(user):
    # OTPMiddleware adds is_verified(); a user just signed in by this request has not met it yet.
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def slowed_response(request, username, pause):
    """An attempt made while a sign-in budget is spent: wait, nothing was checked (staff.signin)."""
    audit.sign_in_slowed(request, username, pause)
    context = {**admin.site.each_context(request), "title": _("Sign-in slowed down"), "pause": pause}
    response = TemplateResponse(request, "admin/sign_in_slowed.html", context, status=429)
    response["Retry-After"] = str(pause.seconds)
    return response


def lockout_response(request, original_response, credentials):
    """django-axes lockout page, in the admin's look and the staff member's language."""
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in paused"),
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return TemplateResponse(request, "admin/locked_out.html", context, status=429).render()
