"""Self-service set-up of an authenticator app (TOTP) for staff, from the admin."""

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


class ConfirmTokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code shown by the app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def setup(request, site):
    """Show a QR code for a new TOTP device; the device counts only once a code from it is confirmed."""
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        if not (getattr(user, "is_verified", None) and user.is_verified()):
            # Set up already: sign in with the code instead of enrolling a second app.
            return redirect("admin:login")
        messages.info(request, _("Two-factor sign-in is already on for your account."))
        return redirect("admin:index")
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    form = ConfirmTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            messages.success(
                request, _("Two-factor sign-in is on. Use a code from the app every time you sign in.")
            )
            return redirect("admin:index")
        form.add_error(
            "token", _("That code does not match. Check the phone's clock and try the newest code.")
        )
    context = {
        **site.each_context(request),
        "title": _("Set up two-factor sign-in"),
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff"),
        "secret": device.config_url.split("secret=")[1].split("&")[0],
    }
    return TemplateResponse(request, "admin/two_factor_setup.html", context)
