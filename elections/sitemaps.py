from django.urls import reverse

from core.sitemaps import LocalisedSitemap

from .models import District, Subdistrict


class ElectionPageSitemap(LocalisedSitemap):
    priority = 0.9
    changefreq = "daily"

    def items(self):
        return ["elections:schedule", "elections:voters", "elections:find-tps", "results"]

    def location(self, item):
        return reverse(item)


class DistrictSitemap(LocalisedSitemap):
    priority = 0.6

    def items(self):
        return District.objects.order_by("name")


class SubdistrictSitemap(LocalisedSitemap):
    priority = 0.6

    def items(self):
        return Subdistrict.objects.select_related("district").order_by("district__name", "name")


SITEMAPS = {
    "elections": ElectionPageSitemap,
    "districts": DistrictSitemap,
    "subdistricts": SubdistrictSitemap,
}
