from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Election, VoterCount, rts


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


class FindTpsForm(forms.Form):
    """The reader's kelurahan (grouped by kecamatan) and RT, read from the query string."""

    kelurahan = forms.ChoiceField(
        label=_("Kecamatan and kelurahan"),
        error_messages={
            "required": _("Choose your kelurahan."),
            "invalid_choice": _("There is no kelurahan '%(value)s' in Balikpapan; choose one from the list."),
        },
    )
    rt = forms.CharField(label=_("Your RT"), required=False, max_length=10)

    def __init__(self, data, subdistricts):
        super().__init__(data)
        self.subdistricts = {subdistrict.slug: subdistrict for subdistrict in subdistricts}
        groups = {}
        for subdistrict in subdistricts:
            groups.setdefault(subdistrict.district.name, []).append((subdistrict.slug, subdistrict.name))
        self.fields["kelurahan"].choices = [("", _("Choose…")), *groups.items()]

    def clean_kelurahan(self):
        return self.subdistricts[self.cleaned_data["kelurahan"]]

    def clean_rt(self):
        value = self.cleaned_data["rt"]
        if value == "":
            return None
        number = rts.number(value)
        if number is None:
            raise forms.ValidationError(
                _("'%(value)s' is not an RT number; write it as on your KTP, e.g. 5 or 005.")
                % {"value": value[:10]}
            )
        return number


class CopyTimelineForm(forms.Form):
    """Where an election's schedule is copied to (the admin's "copy the schedule" action)."""

    election = forms.ModelChoiceField(
        queryset=Election.objects.none(),
        label=_("Copy to"),
        help_text=_("The new election, with its voting day set and no stages yet, e.g. Pilkada 2029."),
    )

    def __init__(self, source, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["election"].queryset = Election.objects.exclude(pk=source.pk).order_by("-voting_day")
