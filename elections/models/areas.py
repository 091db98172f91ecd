from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.sharecards import Card

from . import plausibility, rts

# Coordinates of a TPS must fall inside this box around Kota Balikpapan (latitude south of the
# equator is negative): a swapped or mistyped pair lands outside it and is refused.
LATITUDE_RANGE = (-1.35, -1.0)
LONGITUDE_RANGE = (116.75, 117.1)


class District(models.Model):
    """A kecamatan of Kota Balikpapan (Perda Kota Balikpapan 7/2012)."""

    name = models.CharField(_("name"), max_length=100, unique=True, help_text=_("e.g. Balikpapan Utara."))
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Stable identifier in links, e.g. balikpapan-utara."),
    )
    code = models.CharField(
        _("region code"),
        max_length=20,
        blank=True,
        help_text=_("Official Kemendagri region code when known, e.g. 64.71.03; leave empty if unsure."),
    )
    bps_code = models.CharField(
        _("BPS code"),
        max_length=20,
        blank=True,
        help_text=_(
            "Statistics Indonesia (BPS) code when known, e.g. 6471030; it numbers areas differently "
            "from Kemendagri, so never derive one from the other."
        ),
    )

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("elections:district", kwargs={"district": self.slug})


class Subdistrict(models.Model):
    """A kelurahan of Kota Balikpapan (Perda Kota Balikpapan 8/2012)."""

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="subdistricts", verbose_name=_("kecamatan")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. Gunung Samarinda Baru."))
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("Stable identifier in links, e.g. gunung-samarinda-baru."),
    )
    code = models.CharField(
        _("region code"),
        max_length=20,
        blank=True,
        help_text=_("Official Kemendagri region code when known, e.g. 64.71.03.1001; leave empty if unsure."),
    )
    bps_code = models.CharField(
        _("BPS code"),
        max_length=20,
        blank=True,
        help_text=_(
            "Statistics Indonesia (BPS) code when known, e.g. 6471030001; it numbers areas differently "
            "from Kemendagri, so never derive one from the other."
        ),
    )

    class Meta:
        verbose_name = _("kelurahan")
        verbose_name_plural = _("kelurahan")
        ordering = ["district__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="%(app_label)s_%(class)s_unique_name_per_district"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "elections:subdistrict", kwargs={"district": self.district.slug, "subdistrict": self.slug}
        )

    def share_card(self, election=None, stations=0):
        """A kelurahan's link preview: when to vote and how many TPS, what a neighbour asks first."""
        hours = gettext("TPS open %(open)s-%(close)s WITA") % {
            "open": time_format(election.polls_open, "TIME_FORMAT"),
            "close": time_format(election.polls_close, "TIME_FORMAT"),
        }
        return Card(
            label=gettext("Kecamatan %(district)s · %(election)s")
            % {"district": self.district.name, "election": election.name},
            badge=ngettext("%(count)d TPS", "%(count)d TPS", stations) % {"count": stations}
            if stations
            else "",
            title=gettext("Kelurahan %(name)s") % {"name": self.name},
            subtitle=gettext("Voting day: %(day)s") % {"day": date_format(election.voting_day, "DATE_FORMAT")}
            + f"; {hours}",
            alt=gettext("Kelurahan %(name)s: voting day, hours and TPS") % {"name": self.name},
        )

    def get_share_image_url(self, election=None, **details):
        """The link preview of this kelurahan's page of ``election`` (elections.links)."""
        kwargs = {"district": self.district.slug, "subdistrict": self.slug}
        if election is None or election.is_the_current():
            return reverse("og-subdistrict", kwargs=kwargs)
        return reverse("election:og-subdistrict", kwargs={"election": election.slug, **kwargs})


class PollingStation(models.Model):
    """A TPS (tempat pemungutan suara) with the facts a voter with limited mobility needs."""

    class LocationKind(models.TextChoices):
        """TPS kinds in PKPU 17/2024: regular ones and lokasi khusus (prisons, detention centres)."""

        REGULAR = "regular", _("Regular TPS")
        PRISON = "prison", _("Special location: prison or detention centre")
        OTHER_SPECIAL = "special", _("Special location: other")

    class Access(models.TextChoices):
        UNKNOWN = "", _("Not yet checked")
        GROUND_LEVEL = "ground", _("Ground level, no steps")
        RAMP = "ramp", _("Steps with a ramp")
        STEPS = "steps", _("Steps without a ramp")

    election = models.ForeignKey(
        "elections.Election",
        on_delete=models.CASCADE,
        related_name="polling_stations",
        verbose_name=_("election"),
    )
    subdistrict = models.ForeignKey(
        Subdistrict, on_delete=models.PROTECT, related_name="polling_stations", verbose_name=_("kelurahan")
    )
    number = models.PositiveSmallIntegerField(
        _("TPS number"), help_text=_("Number within the kelurahan, e.g. 7.")
    )
    address = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text=_("Where the TPS stands, e.g. Halaman SDN 001, Jl. …"),
    )
    location_kind = models.CharField(
        _("location kind"), max_length=12, choices=LocationKind, default=LocationKind.REGULAR
    )
    rts = models.CharField(
        _("RTs served"),
        max_length=500,
        blank=True,
        help_text=_(
            "The RTs whose voters this TPS serves, as on the PPS assignment, e.g. RT 001-005, 012. "
            "Leave empty when not known; never guess."
        ),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Where the TPS stands, in decimal degrees, e.g. -1.237915 (south of the equator)."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Where the TPS stands, in decimal degrees, e.g. 116.852930."),
    )
    voters = models.PositiveIntegerField(
        _("voters (DPT)"), null=True, blank=True, help_text=_("Voters on the DPT of this TPS, e.g. 512.")
    )
    access = models.CharField(
        _("step-free access"), max_length=8, choices=Access, blank=True, default=Access.UNKNOWN
    )
    wide_door = models.BooleanField(
        _("wide entrance (90 cm or more)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when not checked."),
    )
    braille_template = models.BooleanField(
        _("braille ballot template"), null=True, blank=True, help_text=_("Leave empty when not checked.")
    )
    priority_seating = models.BooleanField(
        _("seating and priority for elderly and disabled voters"),
        null=True,
        blank=True,
        help_text=_("Leave empty when not checked."),
    )
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("Anything else that helps, e.g. the ramp is at the side gate."),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Where these facts come from, e.g. PPS Kelurahan Damai, 2024-11-20."),
    )
    as_of = models.DateField(_("as of"), help_text=_("Date the facts were checked or published."))

    class Meta:
        verbose_name = _("TPS")
        verbose_name_plural = _("TPS")
        permissions = [("import_pollingstation", _("Can import TPS from CSV"))]
        ordering = ["subdistrict__district__name", "subdistrict__name", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "subdistrict", "number"],
                name="%(app_label)s_%(class)s_unique_number_per_subdistrict",
                violation_error_message=_("This kelurahan already has a TPS with this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1),
                name="%(app_label)s_%(class)s_number_positive",
                violation_error_message=_("TPS numbers start at 1."),
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                # Explicit IS NOT NULL: a CHECK passes when its condition is unknown (NULL).
                | models.Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__range=LATITUDE_RANGE,
                    longitude__range=LONGITUDE_RANGE,
                ),
                name="%(app_label)s_%(class)s_coordinates_in_balikpapan",
                violation_error_message=_("Give both coordinates, inside Kota Balikpapan, or neither."),
            ),
        ]

    def __str__(self):
        return f"TPS {self.number:03d} {self.subdistrict}"

    def get_absolute_url(self):
        return self.subdistrict.get_absolute_url() + f"#tps-{self.number}"

    @property
    def rt_ranges(self):
        """The RTs served as (first, last) ranges; empty when unknown (or not yet valid)."""
        try:
            return rts.parse(self.rts)
        except ValidationError:
            return []

    @property
    def rts_display(self):
        return rts.display(self.rt_ranges)

    def serves(self, rt):
        return rts.serves(self.rt_ranges, rt)

    @property
    def map_url(self):
        """OpenStreetMap centred on the TPS, a plain link: no map script or tiles on our pages."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = f"{self.latitude:.6f}", f"{self.longitude:.6f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}"

    def clean(self):
        if self.number is not None and self.number < 1:
            raise ValidationError({"number": _("TPS numbers start at 1.")})
        errors = coordinate_problems(self.latitude, self.longitude)
        try:
            self.rts = rts.normalise(self.rts)
        except ValidationError as error:
            errors["rts"] = error.messages
        if self.election_id is not None:
            window = getattr(self, "election_window", None)  # an importer reads it once for every row
            if problem := plausibility.station_voters_problem(self.voters, self.election):
                errors["voters"] = problem
            if problem := plausibility.as_of_problem(self.as_of, self.election, window):
                errors["as_of"] = problem
        if errors:
            raise ValidationError(errors)


def coordinate_problems(latitude, longitude):
    """{field: message} for coordinates that are half given or outside Balikpapan; the constraint
    ``polling_station_coordinates_in_balikpapan`` says the same in the database."""
    if latitude is None and longitude is None:
        return {}
    if latitude is None or longitude is None:
        missing = "latitude" if latitude is None else "longitude"
        return {missing: _("Give both latitude and longitude, or neither.")}
    problems = {}
    if not LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]:
        problems["latitude"] = _(
            "Latitude %(value)s is outside Kota Balikpapan (between %(low)s and %(high)s); "
            "check the sign and that latitude and longitude are not swapped."
        ) % {"value": latitude, "low": LATITUDE_RANGE[0], "high": LATITUDE_RANGE[1]}
    if not LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]:
        problems["longitude"] = _(
            "Longitude %(value)s is outside Kota Balikpapan (between %(low)s and %(high)s); "
            "check that latitude and longitude are not swapped."
        ) % {"value": longitude, "low": LONGITUDE_RANGE[0], "high": LONGITUDE_RANGE[1]}
    return problems
