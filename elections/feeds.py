"""The feed of corrections to an election's published results (Atom), per language: a change to
a published figure reaches those who follow the results, with what changed, when and why."""

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import summaries
from .links import permanent_path
from .views import election_in_view

FEED_SIZE = 50


class CorrectionsAtom(Atom1Feed):
    def latest_post_date(self):
        # Without corrections, the feed last changed when the election's results could first be
        # published, not at each request: the same answer every time, as a cached page needs.
        return super().latest_post_date() if self.items else self.feed["unchanged_since"]


class CorrectionsFeed(Feed):
    feed_type = CorrectionsAtom
    author_name = settings.PORTAL_PUBLISHER

    def get_object(self, request, election):
        return election_in_view(election)

    def title(self, election):
        return _("Corrections to the results of %(election)s") % {"election": election.name}

    def link(self, election):
        return permanent_path(election, "results-history")

    def description(self, election):
        return _("Every change to a published figure, with when and why.")

    def feed_extra_kwargs(self, election):
        zone = timezone.get_default_timezone()
        return {"unchanged_since": datetime.combine(election.voting_day, time(), tzinfo=zone)}

    def items(self, election):
        return summaries.corrections(election)[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.result.contest} · {item.area_name}: {item.what}"

    def item_description(self, item):
        before = "–" if item.before is None else f"{item.before:,}".replace(",", ".")
        after = _("withdrawn") if item.after is None else f"{item.after:,}".replace(",", ".")
        reason = item.reason or _("No reason was given.")
        return f"{item.result.get_count_stage_display()}: {before} → {after}. {reason}"

    def item_link(self, item):
        return permanent_path(item.result.contest.election, "results-history") + f"#{item.anchor}"

    def item_pubdate(self, item):
        return item.at

    def item_updateddate(self, item):
        return item.at
