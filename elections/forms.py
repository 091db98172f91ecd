from django import forms
from django.utils.translation import gettext_lazy as _

from .models import VoterCount


class VoterCountForm(forms.ModelForm):
    """The admin's voter figure, with the reason staff give when a plausibility rule asks for one."""

    confirmation_reason = forms.CharField(
        label=_("Reason for confirming"),
        required=False,
        max_length=300,
        help_text=_(
            "Only when the portal asks you to confirm a figure (e.g. a DPT far from its DPS): say why "
            "it is right, e.g. KPU's clean-up of double entries, BA 19-09-2024. It goes into the history."
        ),
    )

    class Meta:
        model = VoterCount
        fields = [
            "election",
            "list_stage",
            "district",
            "subdistrict",
            "total",
            "male",
            "female",
            "polling_stations",
            "source",
            "source_url",
            "as_of",
            "note",
        ]

    def _post_clean(self):
        # The model's clean() reads the reason, so it must be on the instance before validation.
        self.instance.confirmation_reason = (self.cleaned_data.get("confirmation_reason") or "").strip()
        super()._post_clean()
