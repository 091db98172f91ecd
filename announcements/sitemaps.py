from core.sitemaps import ONE_PAGE, LocalisedSitemap, NamedPageSitemap

from .models import Announcement, FactCheck


class SectionSitemap(NamedPageSitemap):
    """The announcement and Cek Fakta lists: they change when an item is published or corrected."""

    priority = 0.7
    changefreq = "daily"
    pages = {"announcements:list": (), "announcements:factcheck-list": ()}
    published = {"announcements:list": Announcement, "announcements:factcheck-list": FactCheck}

    def change_parts(self):
        return [model.objects.last_seen_change(f"{ONE_PAGE}{name}") for name, model in self.published.items()]


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
