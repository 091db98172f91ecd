"""Self-service set-up and replacement of an authenticator app (TOTP) for staff, from the admin.

Setting one up, or replacing the one in use (a new phone), takes the staff member's own password
and a code from the new app; a stolen session alone cannot add a device. A device counts only
once confirmed, and a replacement removes the old device at that moment. Only a superuser
removes someone else's device (staff.admin), for a lost phone. Each is logged as
``twofactor.enrolled``, ``twofactor.replaced`` or ``twofactor.reset``; a wrong code as
``twofactor.code_refused``.
"""

import segno
from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import audit

DEVICE_NAME = "Authenticator app"


class ConfirmDeviceForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    token = forms.CharField(
        label=gettext_lazy("Code shown by the app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, data, *, user, device):
        super().__init__(data)
        self.user, self.device = user, device

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password

    def clean(self):
        cleaned = super().clean()
        token = cleaned.get("token", "").strip()
        if "password" in cleaned and token and not self.device.verify_token(token):
            self.add_error(
                "token", _("That code does not match. Check the phone's clock and try the newest code.")
            )
        return cleaned


def setup(request, site):
    """A QR code for a new device; confirmed with the password and a code, it replaces any other."""
    user = request.user
    verified = bool(getattr(user, "is_verified", None) and user.is_verified())
    replacing = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    if replacing and not verified:
        # The app in use proves who this is: sign in with its code first.
        return redirect("admin:login")
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    form = ConfirmDeviceForm(request.POST or None, user=user, device=device)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save()
            otp_login(request, device)
            audit.second_factor_event(
                request, "twofactor.replaced" if replacing else "twofactor.enrolled", user
            )
            messages.success(
                request, _("Two-factor sign-in is on. Use a code from the app every time you sign in.")
            )
            return redirect("admin:index")
        if "token" in form.errors:
            audit.second_factor_event(request, "twofactor.code_refused", user)
    context = {
        **site.each_context(request),
        "title": _("Replace your authenticator app") if replacing else _("Set up two-factor sign-in"),
        "replacing": replacing,
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff"),
        "secret": device.config_url.split("secret=")[1].split("&")[0],
    }
    return TemplateResponse(request, "admin/two_factor_setup.html", context)
