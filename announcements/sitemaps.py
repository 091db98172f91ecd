from django.urls import reverse

from core.sitemaps import LocalisedSitemap

from .models import Announcement, FactCheck


class SectionSitemap(LocalisedSitemap):
    """The announcement and Cek Fakta lists."""

    priority = 0.7
    changefreq = "daily"

    def items(self):
        return ["announcements:list", "announcements:factcheck-list"]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(LocalisedSitemap):
    """Published items only: drafts and scheduled items are not in the sitemap until they are public."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return self.model.objects.published().order_by("-publish_at", "-pk")

    def lastmod(self, item):
        return item.corrected_at or item.publish_at


class AnnouncementSitemap(PublishedSitemap):
    model = Announcement


class FactCheckSitemap(PublishedSitemap):
    model = FactCheck


SITEMAPS = {
    "announcement-sections": SectionSitemap,
    "announcements": AnnouncementSitemap,
    "fact-checks": FactCheckSitemap,
}
