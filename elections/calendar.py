"""The schedule as an iCalendar feed, so voters can subscribe in any calendar app.

A subscribed calendar app fetches the feed again and again, so the same data must give the same
bytes (and so the same ``ETag``): every event's ``DTSTAMP`` and ``LAST-MODIFIED`` are when its
record last changed (RFC 5545: in a calendar without ``METHOD``, ``DTSTAMP`` is the time of the
last revision), read from the records' history, never the time of the request. ``SEQUENCE``
counts the changes of an event's time, which tells a calendar app to replace its copy.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event, vDuration

from core.urlutils import absolute_url

from .links import election_path
from .models import Contest, ContestState, Debate, Election, Stage

# How often a subscribed calendar app should fetch the feed again (REFRESH-INTERVAL, RFC 7986,
# and X-PUBLISHED-TTL for Outlook and older apps): often enough for a moved stage to show the
# same day, rarely enough to cost nothing.
REFRESH_INTERVAL = timedelta(hours=6)
# Only ever used for a record without any history (created before history was kept, or by a
# bulk load): a fixed moment keeps the feed's bytes stable all the same.
NO_HISTORY = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Revision:
    changed: datetime
    sequence: int


def revisions(history, *timing):
    """Each record's last change and how many times its ``timing`` fields changed, by primary key.

    ``history`` is a queryset of historical records (django-simple-history); one query.
    """
    versions = defaultdict(list)
    for record in history.order_by("history_date", "history_id").values("id", "history_date", *timing):
        versions[record["id"]].append(record)
    result = {}
    for pk, records in versions.items():
        moves = sum(
            1
            for before, after in zip(records, records[1:], strict=False)
            if any(before[field] != after[field] for field in timing)
        )
        result[pk] = Revision(records[-1]["history_date"].replace(microsecond=0), moves)
    return result


def _stamped(event, revision):
    changed = revision.changed if revision else NO_HISTORY
    event.DTSTAMP = event.LAST_MODIFIED = changed
    event.sequence = revision.sequence if revision else 0
    return event


def build(election, request):
    """The feed's bytes and when it last changed."""
    stages = list(Stage.objects.filter(election=election).order_by("order"))
    debates = list(Debate.objects.for_schedule(election))
    stage_revisions = revisions(Stage.history.filter(election=election), "start", "end")
    debate_revisions = revisions(
        Debate.history.filter(contest__election=election), "date", "start_time", "end_time"
    )
    election_revision = revisions(
        Election.history.filter(id=election.pk), "voting_day", "polls_open", "polls_close"
    ).get(election.pk)
    contests = list(Contest.objects.filter(election=election).select_related("election"))
    notices = [contest for contest in contests if contest.has_notice]
    contest_revisions = revisions(Contest.history.filter(election=election), "state", "new_voting_day")
    changes = [
        revision.changed
        for revision in (
            *stage_revisions.values(),
            *debate_revisions.values(),
            *contest_revisions.values(),
            election_revision,
        )
        if revision
    ]
    last_modified = max(changes, default=NO_HISTORY)
    # The election's own schedule page: the current one's short address, an earlier one's own.
    schedule_url = absolute_url(election_path(election, "schedule"), request)
    calendar = Calendar.new(
        name=_("Schedule of %(election)s, Balikpapan") % {"election": election.name},
        description=_("Stages of %(election)s as set by KPU, from the Balikpapan city portal.")
        % {"election": election.name},
        prodid="-//Pemerintah Kota Balikpapan//Portal Pilkada//ID",
        # The same calendar on every fetch: without it, each render had a new random one.
        uid=f"{election.slug}@portal-pilkada-balikpapan",
        url=schedule_url,
        language=get_language(),
        last_modified=last_modified,
        refresh_interval=REFRESH_INTERVAL,
    )
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    for stage in stages:
        event = _stamped(
            Event.new(
                uid=f"{election.slug}-stage-{stage.pk}@portal-pilkada-balikpapan",
                summary=stage.name,
                description="\n\n".join(part for part in (stage.description, _stage_source(stage)) if part),
                start=stage.start,
                # All-day events end on the day after their last day (RFC 5545).
                end=stage.end + timedelta(days=1),
                url=f"{schedule_url}#tahap-{stage.order}",
                categories=[stage.get_phase_display()],
            ),
            stage_revisions.get(stage.pk),
        )
        calendar.add_component(event)
    for debate in debates:
        calendar.add_component(_stamped(_debate(debate, schedule_url), debate_revisions.get(debate.pk)))
    polling = _polling_hours(election, schedule_url, notices)
    if election.nothing_voted_on_the_day(contests):
        # Every contest moved or cancelled: the day stays in calendars, marked as not happening.
        polling.add("status", "CANCELLED")
    calendar.add_component(_stamped(polling, election_revision))
    for contest in notices:
        event = _contest_state(contest, schedule_url)
        if event is not None:
            calendar.add_component(_stamped(event, contest_revisions.get(contest.pk)))
    calendar.add_missing_timezones()
    return calendar.to_ical(), last_modified


def _stage_source(stage):
    source = _("Source: %(source)s") % {"source": stage.source}
    return f"{source} {stage.source_url}" if stage.source_url else source


def _debate(debate, schedule_url):
    """Timed in WITA when a source gives the start, a whole day otherwise; no end unless one is given.

    The UID names the contest and the debate's number, so it survives a reload of the data.
    """
    details = [
        _("Theme: %(theme)s") % {"theme": debate.theme},
        _("Subthemes: %(subthemes)s") % {"subthemes": "; ".join(debate.subtheme_list)}
        if debate.subthemes
        else "",
        _("Time: %(time)s") % {"time": debate.time_note} if debate.time_note else "",
        _("Broadcast on: %(channels)s") % {"channels": debate.broadcaster} if debate.broadcaster else "",
        _("Organiser: %(organiser)s") % {"organiser": debate.organiser},
        debate.note,
        _("Source: %(source)s, %(date)s, %(link)s")
        % {
            "source": debate.source,
            "date": date_format(debate.source_date, "DATE_FORMAT"),
            "link": debate.source_url,
        },
    ]
    timed = debate.starts_at is not None
    return Event.new(
        uid=f"{debate.contest.election.slug}-debate-{debate.contest.slug}-{debate.number}@portal-pilkada-balikpapan",
        summary=str(debate.title),
        description="\n\n".join(part for part in details if part),
        location=debate.place,
        start=debate.starts_at if timed else debate.date,
        # A whole-day event ends the next day (RFC 5545); a timed one only where a source says when.
        end=debate.ends_at if timed else debate.date + timedelta(days=1),
        url=f"{schedule_url}#{debate.anchor}",
        categories=[str(_("Public debate"))],
    )


def _contest_state(contest, schedule_url):
    """A postponed contest on its new day, a re-vote or repeat election on its own day (timed
    like voting day), a cancelled contest as a cancelled event on the election's day; None
    otherwise (also for a postponed contest whose new day is not yet set)."""
    state = contest.state_choice
    election = contest.election
    if state == ContestState.CANCELLED:
        day = election.voting_day
    elif state == ContestState.POSTPONED:
        day = contest.new_voting_day
    else:
        day = contest.revote_day
    if day is None:
        return None
    zone = timezone.get_default_timezone()
    basis = _("Legal basis: %(basis)s") % {"basis": contest.legal_basis}
    stations = (
        _("TPS voting again: %(stations)s")
        % {
            "stations": "; ".join(
                f"TPS {station.number:03d} {station.subdistrict.name}"
                for station in contest.rerun_station_list()
            )
        }
        if state == ContestState.PARTIAL_RERUN
        else ""
    )
    event = Event.new(
        uid=f"{election.slug}-contest-{contest.slug}-{state.value}@portal-pilkada-balikpapan",
        summary=f"{state.label}: {contest}",
        description="\n\n".join(part for part in (contest.state_explanation, stations, basis) if part),
        start=datetime.combine(day, election.polls_open, tzinfo=zone),
        end=datetime.combine(day, election.polls_close, tzinfo=zone),
        url=f"{schedule_url}#state-{contest.slug}",
        categories=[str(state.label)],
    )
    if state == ContestState.CANCELLED:
        event.add("status", "CANCELLED")
    return event


def _polling_hours(election, schedule_url, notices=()):
    """Voting day at the TPS; a contest not voted on that day is named, so no one goes for it."""
    zone = timezone.get_default_timezone()
    opens = datetime.combine(election.voting_day, election.polls_open, tzinfo=zone)
    closes = datetime.combine(election.voting_day, election.polls_close, tzinfo=zone)
    elsewhere = [
        _("Not voted on this day: %(contest)s (%(state)s).")
        % {"contest": contest, "state": contest.get_state_display()}
        for contest in notices
        if not contest.voted_on_election_day
    ]
    event = Event.new(
        uid=f"{election.slug}-polls-open@portal-pilkada-balikpapan",
        summary=_("Vote at your TPS"),
        description=" ".join(
            [
                _("TPS are open from %(open)s to %(close)s WITA. Bring your e-KTP. Source: %(source)s")
                % {
                    "open": election.polls_open.strftime("%H:%M"),
                    "close": election.polls_close.strftime("%H:%M"),
                    "source": election.polling_hours_source or _("not yet available"),
                },
                *elsewhere,
            ]
        ),
        start=opens,
        end=closes,
        url=schedule_url,
    )
    reminder = Alarm.new(description=_("Tomorrow is voting day"))
    reminder.add("action", "DISPLAY")
    reminder.add("trigger", timedelta(hours=-17))
    event.add_component(reminder)
    return event


def subscription(request, election=None):
    """The feed's addresses for a subscription that stays up to date, not a one-time import:
    the current election's, or ``election``'s own (an earlier election's page offers its own).

    ``webcal://`` makes phones and desktop apps subscribe rather than import the file once;
    Google Calendar subscribes by URL through its ``cid`` parameter.
    """
    path = election_path(election, "calendar") if election else reverse("elections:calendar")
    address = absolute_url(path, request)
    webcal = "webcal://" + address.split("://", 1)[1]
    return {
        "address": address,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal}),
        "refresh_hours": int(REFRESH_INTERVAL.total_seconds() // 3600),
    }
