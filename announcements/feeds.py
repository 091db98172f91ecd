"""Atom and RSS feeds of announcements (all, or one category) and of Cek Fakta, per language.

Feed readers show an entry away from the site, where a link such as ``/id/jadwal/`` means
nothing: every link in an entry's content is absolute, and the feed carries ``xml:base`` for
readers that resolve the rest. A corrected entry is an updated entry (Atom ``<updated>``) whose
content begins with what changed.
"""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.markup import sanitise
from core.urlutils import absolute_url

from .models import Announcement, Category, FactCheck

FEED_SIZE = 30
# Sanitised HTML always quotes attributes with double quotes (nh3), so a path is easy to find.
SITE_PATH = re.compile(r'(\s(?:href|src))="(/[^/"][^"]*|/)"')


def absolute_links(html, request):
    """``href="/id/jadwal/"`` becomes ``href="https://…/id/jadwal/"``."""
    return SITE_PATH.sub(lambda match: f'{match[1]}="{absolute_url(match[2], request)}"', html)


class BasedRss(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xml:base": self.feed["link"]}


class BasedAtom(Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xml:base": self.feed["link"]}


class PublishedFeed(Feed):
    feed_type = BasedRss
    author_name = settings.PORTAL_PUBLISHER

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        for entry in feed.items:
            entry["description"] = absolute_links(entry["description"], request)
        return feed

    def content(self, item, html):
        """The entry's HTML, after a note on what a correction changed."""
        if item.corrected_at and item.correction_note:
            html = format_html(
                "<p><strong>{} {}: {}</strong></p>{}",
                _("Updated on"),
                date_format(timezone.localtime(item.corrected_at), "DATETIME_FORMAT"),
                item.correction_note,
                html,
            )
        return sanitise(html)

    def item_title(self, item):
        # RSS readers may treat titles as HTML, so they are escaped once more (Django #6533).
        return escape(item.title)

    def item_pubdate(self, item):
        return timezone.localtime(item.publish_at)

    def item_updateddate(self, item):
        return timezone.localtime(item.corrected_at or item.publish_at)


class AtomMixin:
    feed_type = BasedAtom

    def subtitle(self, obj):
        return self.description(obj)

    def item_title(self, item):
        # An Atom title is plain text by definition; the XML writer escapes it.
        return item.title


class AnnouncementFeed(PublishedFeed):
    def get_object(self, request, category=None):
        if category is None:
            return None
        if category not in Category.values:
            raise ObjectDoesNotExist(category)
        return Category(category)

    def title(self, category):
        if category is None:
            return _("Announcements · Pilkada Balikpapan")
        return _("Announcements: %(category)s · Pilkada Balikpapan") % {"category": category.label}

    def link(self, category):
        url = reverse("announcements:list")
        return f"{url}?{urlencode({'kategori': category.value})}" if category else url

    def description(self, category):
        return _("Official announcements of the Balikpapan City Government on the 2024 regional election.")

    def items(self, category):
        items = Announcement.objects.published().order_by("-publish_at", "-pk")
        if category is not None:
            items = items.filter(category=category)
        return items[:FEED_SIZE]

    def item_description(self, item):
        return self.content(item, format_html("<p>{}</p>{}", item.summary, sanitise(item.body_html)))

    def item_categories(self, item):
        return [item.get_category_display()]


class AnnouncementAtomFeed(AtomMixin, AnnouncementFeed):
    pass


class FactCheckFeed(PublishedFeed):
    def title(self):
        return _("Fact checks · Pilkada Balikpapan")

    def link(self):
        return reverse("announcements:factcheck-list")

    def description(self):
        return _("Claims about the 2024 regional election in Balikpapan, checked by the City Government.")

    def items(self):
        return FactCheck.objects.published().order_by("-publish_at", "-pk")[:FEED_SIZE]

    def item_description(self, item):
        return self.content(
            item,
            format_html(
                "<p><strong>{}: {}</strong></p><p>{}: {}</p>{}",
                _("Verdict"),
                item.get_verdict_display(),
                _("Claim"),
                item.claim,
                sanitise(item.explanation_html),
            ),
        )

    def item_categories(self, item):
        return [item.get_verdict_display()]


class FactCheckAtomFeed(AtomMixin, FactCheckFeed):
    def subtitle(self):
        return self.description()
