from functools import cached_property

from core.changes import newest
from core.sitemaps import LocalisedSitemap, NamedPageSitemap

from .models import (
    Contest,
    Debate,
    District,
    Election,
    PollingStation,
    Stage,
    Subdistrict,
    VoterCount,
)


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


class ElectionPageSitemap(StageTurnMixin, NamedPageSitemap):
    priority = 0.9
    changefreq = "daily"
    pages = {
        "elections:schedule": (Election, Stage, Debate, Contest),
        "elections:voters": (Election, VoterCount, District, Subdistrict, PollingStation),
        "elections:find-tps": (Election, PollingStation, Subdistrict),
    }
    marks_stage = ("elections:schedule",)


class DistrictSitemap(LocalisedSitemap):
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
        return District.objects.order_by("name")


class SubdistrictSitemap(LocalisedSitemap):
    """A kelurahan's page: its record, voter counts and TPS."""

    priority = 0.6
    shows = (Election, District)
    shows_by_item = (
        (Subdistrict, "id"),
        (VoterCount, "subdistrict_id"),
        (PollingStation, "subdistrict_id"),
    )

    def items(self):
        return Subdistrict.objects.select_related("district").order_by("district__name", "name")


SITEMAPS = {
    "elections": ElectionPageSitemap,
    "districts": DistrictSitemap,
    "subdistricts": SubdistrictSitemap,
}
