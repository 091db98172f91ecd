from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, OuterRef, Prefetch, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.images import PhotoField
from core.renditions import Picture, RenditionsField
from core.sharecards import Card
from elections.models import Contest


def lines(text):
    """Ordered entries typed one per line (mission points, education, career)."""
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


class Party(models.Model):
    name = models.CharField(
        _("name"), max_length=120, unique=True, help_text=_("Full name, e.g. Partai Golongan Karya.")
    )
    abbreviation = models.CharField(
        _("abbreviation"), max_length=30, unique=True, help_text=_("Name as printed on ballots, e.g. Golkar.")
    )
    logo = PhotoField(
        _("logo"),
        upload_to="parties/%Y/%m/",
        blank=True,
        help_text=_("Optional; JPEG, PNG or WebP up to 5 MB."),
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["abbreviation"]

    def __str__(self):
        return self.abbreviation


class Theme(models.Model):
    """A policy theme staff use to line programmes up side by side (education, health, ...)."""

    name = models.CharField(_("name"), max_length=80, help_text=_("e.g. Kesehatan."))
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("e.g. kesehatan."))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in comparisons, e.g. 2.")
    )

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name


class CandidatePairQuerySet(models.QuerySet):
    # The related rows are ordered within their pair: their default orderings start with "pair",
    # which would join pair, contest and election in every prefetch to sort rows of one pair.
    def for_cards(self):
        """Everything a pair card shows, in a fixed number of queries, in ballot order."""
        return (
            self.select_related("contest")
            .prefetch_related(Prefetch("candidates", queryset=Candidate.objects.order_by("role")), "parties")
            .order_by("contest__order", "ballot_number")
        )

    def for_comparison(self):
        """Everything the comparison shows of each pair, in a fixed number of queries."""
        return (
            self.for_cards()
            .with_record()
            .prefetch_related(
                # Points keep their order within their kind; pages group them by kind and theme.
                Prefetch("programmes", queryset=Programme.objects.order_by("order", "pk")),
                Prefetch("documents", queryset=PairDocument.objects.order_by("title")),
            )
        )

    def for_page(self):
        """Everything the pair page shows: the comparison's content plus the reported backgrounds."""
        return self.for_comparison().prefetch_related(
            Prefetch("backgrounds", queryset=Background.objects.order_by("role", "order", "pk"))
        )

    def with_record(self):
        """Annotate how many sourced points each pair has, and the most any pair of its contest has.

        Subqueries rather than joins, so that it costs no query of its own; see
        ``CandidatePair.record_is_thinner``.
        """
        per_pair = Programme.objects.order_by().values("pair").annotate(total=Count("pk"))
        own = per_pair.filter(pair=OuterRef("pk")).values("total")
        most = per_pair.filter(pair__contest=OuterRef("contest")).order_by("-total").values("total")[:1]
        return self.annotate(
            point_total=Coalesce(Subquery(own), 0), contest_most_points=Coalesce(Subquery(most), 0)
        )


class CandidatePair(models.Model):
    """A pasangan calon: the head and deputy who stand together under one ballot number."""

    contest = models.ForeignKey(
        Contest, on_delete=models.PROTECT, related_name="pairs", verbose_name=_("contest")
    )
    ballot_number = models.PositiveSmallIntegerField(
        _("ballot number"), help_text=_("Nomor urut drawn by KPU, e.g. 1.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        blank=True,
        help_text=_("Readable part of the link, made from the names when left empty."),
    )
    parties = models.ManyToManyField(
        Party, blank=True, related_name="pairs", verbose_name=_("supporting parties")
    )
    incumbent = models.BooleanField(
        _("incumbent"), default=False, help_text=_("Tick when the head candidate holds the office now.")
    )
    vision = models.TextField(
        _("vision"),
        blank=True,
        help_text=_("The official text submitted to KPU; points reported elsewhere go under points below."),
    )
    mission = models.TextField(
        _("mission"),
        blank=True,
        help_text=_("The official text: one mission point per line, in the order submitted to KPU."),
    )
    record_note = models.TextField(
        _("why the record is shorter"),
        blank=True,
        help_text=_(
            "Shown when fewer sourced points are published for this pair than for another pair of the "
            "contest, e.g. Only 2 of the 8 programmes named in the article could be read."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Where the pair's details come from, e.g. SK KPU Kota Balikpapan on the ballot numbers."),
    )
    source_url = models.URLField(_("source link"), blank=True)
    as_of = models.DateField(_("as of"), help_text=_("Date of the source, e.g. 23-09-2024."))

    objects = CandidatePairQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidate pair")
        verbose_name_plural = _("candidate pairs")
        ordering = ["contest", "ballot_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "ballot_number"],
                name="%(app_label)s_%(class)s_unique_ballot_number",
                violation_error_message=_("Another pair in this contest already has this number."),
            ),
            models.CheckConstraint(
                condition=models.Q(ballot_number__gte=1),
                name="%(app_label)s_%(class)s_ballot_number_positive",
                violation_error_message=_("Ballot numbers start at 1."),
            ),
        ]

    def __str__(self):
        names = " – ".join(c.full_name for c in self.ordered_candidates())
        return f"{self.ballot_number}. {names}" if names else f"{self.contest} #{self.ballot_number}"

    def get_absolute_url(self):
        return reverse(
            "candidates:pair",
            kwargs={
                "contest": self.contest.slug,
                "number": self.ballot_number,
                "slug": self.slug or "paslon",
            },
        )

    def share_card(self):
        """The link preview WhatsApp and others show for the pair's page (core.sharecards)."""
        candidates = self.ordered_candidates()
        names = " & ".join(c.full_name for c in candidates)
        return Card(
            label=f"{self.contest.office} · {self.contest.area_name}",
            badge=str(self.ballot_number),
            title=names or gettext("Candidate pair %(number)s") % {"number": self.ballot_number},
            subtitle=", ".join(party.abbreviation for party in self.parties.all()),
            photos=[c.picture.jpeg[-1]["name"] if c.picture else None for c in candidates],
            initials=[c.initials for c in candidates],
            alt=gettext("Candidate pair number %(number)s: %(names)s")
            % {"number": self.ballot_number, "names": names},
        )

    def get_share_image_url(self):
        return reverse("og-pair", kwargs={"contest": self.contest.slug, "number": self.ballot_number})

    def clean(self):
        if self.contest_id and self.contest.has_party_lists:
            raise ValidationError(
                {"contest": _("This contest's ballot carries parties and their lists, not pairs.")}
            )
        clash = CandidatePair.objects.filter(contest_id=self.contest_id, ballot_number=self.ballot_number)
        if self.contest_id and self.ballot_number and clash.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"ballot_number": _("Another pair in this contest already has this number.")}
            )

    @property
    def names(self):
        """Head and deputy, e.g. "Contoh Calon Satu & Contoh Wakil Satu"."""
        return " & ".join(c.full_name for c in self.ordered_candidates())

    def ordered_candidates(self):
        """Head first, then deputy, using prefetched rows when present."""
        return sorted(self.candidates.all(), key=lambda c: c.role != Candidate.Role.HEAD)

    def refresh_slug(self):
        names = [c.full_name for c in self.ordered_candidates()]
        self.slug = slugify(" ".join(names))[:120] or "paslon"

    @property
    def mission_points(self):
        """The official mission, point by point."""
        return lines(self.mission)

    @property
    def record_is_thinner(self):
        """Whether another pair of the contest has more sourced points (needs ``with_record()``)."""
        return self.point_total < self.contest_most_points

    def reported(self, kind):
        """The pair's sourced points of one kind, in their order (uses prefetched points)."""
        return [point for point in self.programmes.all() if point.kind == kind]

    @property
    def reported_vision(self):
        return self.reported(Programme.Kind.VISION)

    @property
    def reported_mission(self):
        return self.reported(Programme.Kind.MISSION)

    @property
    def reported_programmes(self):
        return self.reported(Programme.Kind.PROGRAMME)


class Candidate(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Head (e.g. wali kota)")
        DEPUTY = "deputy", _("Deputy (e.g. wakil wali kota)")

    pair = models.ForeignKey(
        CandidatePair, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("candidate pair")
    )
    role = models.CharField(_("role"), max_length=6, choices=Role)
    full_name = models.CharField(
        _("full name"), max_length=150, help_text=_("As registered with KPU, e.g. Rahmad Mas'ud.")
    )
    birth_place = models.CharField(_("place of birth"), max_length=100, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    education = models.TextField(
        _("education"),
        blank=True,
        help_text=_("One entry per line, most recent first, from the official CV."),
    )
    career = models.TextField(
        _("career"), blank=True, help_text=_("One entry per line, most recent first, from the official CV.")
    )
    photo = PhotoField(
        _("photo"),
        upload_to="candidates/%Y/%m/",
        blank=True,
        help_text=_("Official photo; JPEG, PNG or WebP up to 5 MB and 40 megapixels."),
    )
    photo_renditions = RenditionsField(_("photo renditions"), source="photo")
    photo_alt = models.CharField(
        _("photo description"),
        max_length=200,
        blank=True,
        help_text=_("What the photo shows, for screen readers, e.g. Portrait of … in a white shirt."),
    )
    photo_source = models.CharField(
        _("photo source"), max_length=200, blank=True, help_text=_("Where the photo comes from, e.g. KPU.")
    )

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["pair", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "role"],
                name="%(app_label)s_%(class)s_one_per_role_in_pair",
                violation_error_message=_("A pair has one head and one deputy."),
            ),
        ]

    def __str__(self):
        return self.full_name

    def clean(self):
        # The Indonesian description is the one every reader falls back to; forms show it as
        # photo_alt_ind, so the error is attached there rather than to the untranslated name.
        alt = build_localized_fieldname("photo_alt", settings.MODELTRANSLATION_DEFAULT_LANGUAGE)
        if self.photo and not getattr(self, alt):
            raise ValidationError({alt: _("Describe the photo for readers who cannot see it.")})

    @property
    def picture(self):
        return Picture(self.photo_renditions)

    @property
    def title(self):
        """What the person stands for, e.g. "Calon Wakil Wali Kota" (needs pair and contest loaded)."""
        return ROLE_TITLES.get((self.pair.contest.level, self.role), self.get_role_display())

    @property
    def initials(self):
        words = [w for w in self.full_name.replace("'", "").split() if w[:1].isalpha()]
        return "".join(w[0].upper() for w in words[:2])

    @property
    def education_entries(self):
        return lines(self.education)

    @property
    def career_entries(self):
        return lines(self.career)

    @property
    def reported_background(self):
        """Offices and occupations reported for this person (uses the pair's prefetched rows)."""
        return [entry for entry in self.pair.backgrounds.all() if entry.role == self.role]


# What each person of a pair stands for, by the level of the contest (UU 10/2016).
ROLE_TITLES = {
    (Contest.Level.CITY, Candidate.Role.HEAD): _("Candidate for mayor (wali kota)"),
    (Contest.Level.CITY, Candidate.Role.DEPUTY): _("Candidate for deputy mayor (wakil wali kota)"),
    (Contest.Level.REGENCY, Candidate.Role.HEAD): _("Candidate for regent (bupati)"),
    (Contest.Level.REGENCY, Candidate.Role.DEPUTY): _("Candidate for deputy regent (wakil bupati)"),
    (Contest.Level.PROVINCE, Candidate.Role.HEAD): _("Candidate for governor (gubernur)"),
    (Contest.Level.PROVINCE, Candidate.Role.DEPUTY): _("Candidate for deputy governor (wakil gubernur)"),
}


class Sourced(models.Model):
    """Who published a fact about a pair, where and when, and what a reader should know about it."""

    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Who published it, e.g. ibukotakini.com or KPU Kota Balikpapan."),
    )
    source_url = models.URLField(
        _("source link"), max_length=500, blank=True, help_text=_("Address of the article or document.")
    )
    as_of = models.DateField(_("as of"), help_text=_("Date of the source, e.g. 23-10-2024."))
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_(
            "What a reader should know about the source, e.g. From an interview in May 2024, "
            "before the pair was formed."
        ),
    )

    class Meta:
        abstract = True


class PointKind(models.TextChoices):
    """KPU asks every pair for a vision (visi), a mission (misi) and programmes (program) when it
    registers (PKPU 8/2024 on candidacy); points are sorted in that order."""

    VISION = "vision", _("Vision")
    MISSION = "mission", _("Mission")
    PROGRAMME = "programme", _("Programme")


# Vision first, then mission, then programmes (their values would sort mission first).
KIND_ORDER = Case(*[When(kind=kind, then=Value(rank)) for rank, kind in enumerate(PointKind.values)])


class Programme(Sourced):
    """One point of a pair's vision, mission or programmes, paraphrased from a named source.

    The official texts submitted to KPU stay on the pair (vision, mission); points here are
    what a source published, so readers can compare the pairs point by point and theme by theme.
    """

    Kind = PointKind

    pair = models.ForeignKey(
        CandidatePair, on_delete=models.CASCADE, related_name="programmes", verbose_name=_("candidate pair")
    )
    kind = models.CharField(_("kind"), max_length=9, choices=Kind, default=Kind.PROGRAMME)
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("theme")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position among the pair's points of the same kind, e.g. 2.")
    )
    title = models.CharField(
        _("point"),
        max_length=200,
        help_text=_("The point in a sentence, in your own words, e.g. Free school uniforms for every pupil."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("More detail, when the source gives it.")
    )
    page_reference = models.CharField(
        _("page in the official document"), max_length=40, blank=True, help_text=_("e.g. p. 12.")
    )

    class Meta:
        verbose_name = _("point (vision, mission or programme)")
        verbose_name_plural = _("points (vision, mission and programmes)")
        ordering = ["pair", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PointKind.values),
                name="%(app_label)s_%(class)s_kind_known",
                violation_error_message=_("Choose vision, mission or programme."),
            ),
        ]

    def __str__(self):
        return self.title


class Background(Sourced):
    """An office or occupation of one candidate, as a source reported it.

    Kept on the pair with the person's role rather than on the candidate, so that staff edit
    both people's backgrounds on the pair's screen (admin inlines are one level deep); a pair
    has exactly one head and one deputy, so pair and role name the person.
    """

    pair = models.ForeignKey(
        CandidatePair, on_delete=models.CASCADE, related_name="backgrounds", verbose_name=_("candidate pair")
    )
    role = models.CharField(_("person"), max_length=6, choices=Candidate.Role)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position among the person's entries, e.g. 2.")
    )
    text = models.CharField(
        _("background"),
        max_length=300,
        help_text=_("An office or occupation, in your own words, e.g. Member of the city council 2014-2019."),
    )

    class Meta:
        verbose_name = _("reported background")
        verbose_name_plural = _("reported backgrounds")
        ordering = ["pair", "role", "order"]

    def __str__(self):
        return self.text


class PairDocument(models.Model):
    """A link to an official document about the pair, such as the visi-misi PDF published by KPU."""

    pair = models.ForeignKey(
        CandidatePair, on_delete=models.CASCADE, related_name="documents", verbose_name=_("candidate pair")
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("e.g. Dokumen visi, misi dan program."))
    url = models.URLField(_("link"), help_text=_("Address of the document, preferably on kpu.go.id."))
    publisher = models.CharField(_("publisher"), max_length=120, help_text=_("e.g. KPU Kota Balikpapan."))

    class Meta:
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")
        ordering = ["pair", "title"]

    def __str__(self):
        return self.title


class PartyListQuerySet(models.QuerySet):
    def for_page(self):
        """Every list with its party and candidates, by electoral district and party number:
        two queries, however many parties and candidates."""
        return (
            self.select_related("party")
            .prefetch_related(Prefetch("candidates", queryset=ListCandidate.objects.order_by("number")))
            .order_by("electoral_district", "ballot_number")
        )


class PartyList(models.Model):
    """A party's candidates in one electoral district (dapil) of a contest whose ballot carries
    parties and candidates, such as DPRD Kota Balikpapan in a Pemilu: KPU's final list (DCT)."""

    contest = models.ForeignKey(
        Contest, on_delete=models.PROTECT, related_name="party_lists", verbose_name=_("contest")
    )
    electoral_district = models.CharField(
        _("electoral district"),
        max_length=80,
        help_text=_("Daerah pemilihan as KPU names it, e.g. Balikpapan 1."),
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="lists", verbose_name=_("party"))
    ballot_number = models.PositiveSmallIntegerField(
        _("party number"), help_text=_("The party's number on the ballot, drawn by KPU, e.g. 4.")
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Where KPU published the list, e.g. DCT DPRD Kota Balikpapan, KPU Kota Balikpapan."),
    )
    source_url = models.URLField(_("source link"), max_length=400, blank=True)
    as_of = models.DateField(_("as of"), help_text=_("Date of the list, e.g. 03-11-2023."))

    objects = PartyListQuerySet.as_manager()

    class Meta:
        verbose_name = _("party list")
        verbose_name_plural = _("party lists")
        ordering = ["contest", "electoral_district", "ballot_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "electoral_district", "party"],
                name="%(app_label)s_%(class)s_one_list_per_party_and_district",
                violation_error_message=_("This party already has a list in this electoral district."),
            ),
            models.UniqueConstraint(
                fields=["contest", "electoral_district", "ballot_number"],
                name="%(app_label)s_%(class)s_unique_number_per_district",
                violation_error_message=_(
                    "Another party already has this number in this electoral district."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.ballot_number}. {self.party} · {self.electoral_district}"

    def get_absolute_url(self):
        return self.contest.get_absolute_url() + f"#daftar-{self.pk}"

    def clean(self):
        if self.contest_id and not self.contest.has_party_lists:
            raise ValidationError(
                {"contest": _("This contest's ballot carries candidate pairs, not party lists.")}
            )


class ListCandidate(models.Model):
    """One candidate on a party's list, in the list's order."""

    class Gender(models.TextChoices):
        MALE = "L", _("Man")
        FEMALE = "P", _("Woman")

    party_list = models.ForeignKey(
        PartyList, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("party list")
    )
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("Position on the list, e.g. 1."))
    full_name = models.CharField(
        _("full name"), max_length=150, help_text=_("As on the ballot, with titles.")
    )
    gender = models.CharField(
        _("gender"), max_length=1, choices=Gender, help_text=_("As KPU lists it (L/P).")
    )

    class Meta:
        verbose_name = _("list candidate")
        verbose_name_plural = _("list candidates")
        ordering = ["party_list", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["party_list", "number"],
                name="%(app_label)s_%(class)s_unique_number_per_list",
                violation_error_message=_("Another candidate already has this position on the list."),
            ),
            models.CheckConstraint(
                condition=Q(gender__in=["L", "P"]), name="%(app_label)s_%(class)s_gender_valid"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.full_name}"
