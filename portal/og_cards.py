"""Which link preview each kind of page gets (see portal.og for the drawing)."""

from django.utils.formats import date_format, time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .og import Card


def portal_card():
    return Card(
        label=_("Pilkada 2024 · Kota Balikpapan"),
        title=_("Official information on Pilkada 2024 in Balikpapan"),
        subtitle=_("Schedule, candidate pairs, voters and TPS, announcements and fact checks"),
        alt=_("Pilkada Portal of Balikpapan City"),
    )


def pair_card(pair):
    candidates = pair.ordered_candidates()
    photos = [c.picture.jpeg[-1]["name"] if c.picture else None for c in candidates]
    return Card(
        label=f"{pair.contest.office} · {pair.contest.area_name}",
        badge=str(pair.ballot_number),
        title=" & ".join(c.full_name for c in candidates)
        or _("Candidate pair %(number)s") % {"number": pair.ballot_number},
        subtitle=", ".join(party.abbreviation for party in pair.parties.all()),
        photos=photos,
        initials=[c.initials for c in candidates],
        alt=_("Candidate pair number %(number)s: %(names)s")
        % {"number": pair.ballot_number, "names": " & ".join(c.full_name for c in candidates)},
    )


def announcement_card(announcement):
    return Card(
        label=_("Announcement · %(category)s") % {"category": announcement.get_category_display()},
        title=announcement.title,
        subtitle=_published_on(announcement),
        alt=announcement.title,
    )


def factcheck_card(fact_check):
    return Card(
        label=_("Fact check"),
        badge=fact_check.get_verdict_display().upper(),
        title=fact_check.title,
        alt=_("Fact check: %(title)s") % {"title": fact_check.title},
    )


def schedule_card(election, timeline):
    days = timeline.days_to_voting
    if timeline.finished:
        title, badge = _("All stages are finished"), ""
    else:
        title = "; ".join(stage.name for stage in timeline.current) or _("No stage is under way today.")
        if days > 0:
            badge = ngettext("%(days)d day to go", "%(days)d days to go", days) % {"days": days}
        else:
            badge = _("Voting day") if days == 0 else ""
    return Card(
        label=_("Schedule · %(election)s") % {"election": election.name},
        badge=badge,
        title=title,
        subtitle=_("Voting day: %(day)s") % {"day": date_format(election.voting_day, "DATE_FORMAT")},
        alt=_("Schedule of %(election)s") % {"election": election.name},
    )


def subdistrict_card(subdistrict, election, station_count):
    """A kelurahan's card: when to vote and how many TPS it has, what a neighbour asks first."""
    hours = _("TPS open %(open)s-%(close)s WITA") % {
        "open": time_format(election.polls_open, "TIME_FORMAT"),
        "close": time_format(election.polls_close, "TIME_FORMAT"),
    }
    return Card(
        label=_("Kecamatan %(district)s · Pilkada 2024") % {"district": subdistrict.district.name},
        badge=ngettext("%(count)d TPS", "%(count)d TPS", station_count) % {"count": station_count}
        if station_count
        else "",
        title=_("Kelurahan %(name)s") % {"name": subdistrict.name},
        subtitle=_("Voting day: %(day)s") % {"day": date_format(election.voting_day, "DATE_FORMAT")}
        + f"; {hours}",
        alt=_("Kelurahan %(name)s: voting day, hours and TPS") % {"name": subdistrict.name},
    )


def _published_on(item):
    return date_format(localtime(item.publish_at), "DATE_FORMAT") if item.publish_at else ""
