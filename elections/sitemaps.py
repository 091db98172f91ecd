from functools import cached_property

from django.urls import reverse

from core.changes import code_installed, newest
from core.sitemaps import LocalisedSitemap, NamedPageSitemap

from .links import permanent_path
from .models import (
    Contest,
    Debate,
    District,
    Election,
    PollingStation,
    Result,
    ResultVote,
    Stage,
    Subdistrict,
    VoterCount,
)


class CurrentElectionMixin:
    """Sitemaps of the current election's pages list their permanent addresses (elections.links):
    the short ones show whichever election is current, so they are not what a sitemap names."""

    @cached_property
    def current(self):
        return Election.objects.featured()

    def election_location(self, name, **kwargs):
        return permanent_path(self.current, name, **kwargs)


class StageTurnMixin:
    """For named pages that mark the current stage (``marks_stage``): they change when one of the
    featured election's stages begins or ends, edited or not. Read once per sitemap, whatever
    the number of languages."""

    marks_stage = ()

    @cached_property
    def stage_turn(self):
        return Stage.objects.filter(election=Election.objects.featured()).last_turn()

    def lastmod(self, item):
        changed = super().lastmod(item)
        return newest(changed, self.stage_turn) if item in self.marks_stage else changed


class ElectionPageSitemap(CurrentElectionMixin, StageTurnMixin, NamedPageSitemap):
    priority = 0.9
    changefreq = "daily"
    pages = {
        "overview": (Election, Contest, Result),
        "schedule": (Election, Stage, Debate, Contest),
        "voters": (Election, VoterCount, District, Subdistrict, PollingStation),
        "find-tps": (Election, PollingStation, Subdistrict),
        "results-history": (Result, ResultVote),
    }
    marks_stage = ("schedule",)

    def items(self):
        return list(self.pages) if self.current else []

    def location(self, item):
        return self.election_location(item)


class DistrictSitemap(CurrentElectionMixin, LocalisedSitemap):
    """A kecamatan's page: its own record, its kelurahan and the figures of both."""

    priority = 0.6
    shows = (Election,)
    shows_by_item = (
        (District, "id"),
        (Subdistrict, "district_id"),
        (VoterCount, "district_id"),
        (VoterCount, "subdistrict__district_id"),
        (PollingStation, "subdistrict__district_id"),
    )

    def items(self):
        return District.objects.order_by("name") if self.current else []

    def location(self, item):
        return self.election_location("district", district=item.slug)


class SubdistrictSitemap(CurrentElectionMixin, LocalisedSitemap):
    """A kelurahan's page: its record, voter counts and TPS."""

    priority = 0.6
    shows = (Election, District)
    shows_by_item = (
        (Subdistrict, "id"),
        (VoterCount, "subdistrict_id"),
        (PollingStation, "subdistrict_id"),
    )

    def items(self):
        if not self.current:
            return []
        return Subdistrict.objects.select_related("district").order_by("district__name", "name")

    def location(self, item):
        return self.election_location("subdistrict", district=item.district.slug, subdistrict=item.slug)


class ArchiveSitemap(CurrentElectionMixin, LocalisedSitemap):
    """The list of elections, and every page of each earlier election at its permanent address,
    dated by the newest change to that election's own records."""

    priority = 0.4
    shows_by_item = (
        (Election, "id"),
        (Stage, "election_id"),
        (Contest, "election_id"),
        (VoterCount, "election_id"),
        (PollingStation, "election_id"),
        (Result, "contest__election_id"),
    )
    pages = ("overview", "schedule", "voters", "find-tps", "results", "results-history", "candidates")

    def items(self):
        if not self.current:
            return []
        items = [(None, "archive", {})]
        earlier = list(Election.objects.exclude(pk=self.current.pk).order_by("-voting_day"))
        districts = list(District.objects.order_by("name"))
        subdistricts = list(Subdistrict.objects.select_related("district").order_by("district__name", "name"))
        for election in earlier:
            items += [(election, name, {}) for name in self.pages]
            items += [(election, "district", {"district": area.slug}) for area in districts]
            items += [
                (election, "subdistrict", {"district": area.district.slug, "subdistrict": area.slug})
                for area in subdistricts
            ]
        return items

    def location(self, item):
        election, name, kwargs = item
        return reverse("archive") if election is None else permanent_path(election, name, **kwargs)

    def item_key(self, item):
        return item[0].pk if item[0] else None

    def lastmod(self, item):
        if item[0] is None:  # the list changes with any election's
            return newest(*self.last_changes.values()) or code_installed()
        return super().lastmod(item)


SITEMAPS = {
    "elections": ElectionPageSitemap,
    "archive": ArchiveSitemap,
    "districts": DistrictSitemap,
    "subdistricts": SubdistrictSitemap,
}
