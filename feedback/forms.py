import re
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from .models import MAX_MESSAGE_LENGTH, Report

MAX_LINKS = 2
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
MIN_MESSAGE_LENGTH = 10


def public_page_path(value):
    """``value`` when it is the address of one of the portal's public pages, else None."""
    value = (value or "").strip()
    parts = urlsplit(value)
    if (
        not value.startswith("/")
        or value.startswith("//")
        or parts.scheme
        or parts.netloc
        or len(value) > 300
    ):
        return None
    prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    if not parts.path.startswith(prefixes):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return None if match.app_name == "feedback" else value


class ReportForm(forms.ModelForm):
    """What a reader sends: which page, what is wrong, and optionally how to reach them."""

    page = forms.CharField(widget=forms.HiddenInput, max_length=300)

    class Meta:
        model = Report
        fields = ["page", "message", "contact"]
        labels = {
            "message": _("What is wrong on this page?"),
            "contact": _("Your email or phone number (optional)"),
        }
        help_texts = {
            "message": _("Say what you saw and what is right, with your source if you have one."),
            "contact": _("Only if you want an answer; staff use it for nothing else."),
        }
        error_messages = {
            "message": {
                "required": _("Write what is wrong before sending."),
                "max_length": _("Keep the report under %(limit_value)d characters; it has %(show_value)d."),
            },
            "contact": {"max_length": _("The contact is too long.")},
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6, "maxlength": MAX_MESSAGE_LENGTH})}

    def clean_page(self):
        page = public_page_path(self.cleaned_data["page"])
        if page is None:
            raise forms.ValidationError(_("This report does not come from a page of the portal."))
        return page

    def clean_message(self):
        message = self.cleaned_data["message"].replace("\x00", "").strip()
        if len(message) < MIN_MESSAGE_LENGTH:
            raise forms.ValidationError(_("Say a little more, so staff can find the error."))
        if len(LINK.findall(message)) > MAX_LINKS:
            raise forms.ValidationError(
                _("A report may contain at most %(count)d links; keep only the source that shows the error.")
                % {"count": MAX_LINKS}
            )
        return message

    def clean_contact(self):
        contact = self.cleaned_data["contact"].replace("\x00", "").strip()
        if LINK.search(contact):
            raise forms.ValidationError(_("Leave an email address or a phone number here, not a link."))
        return contact
