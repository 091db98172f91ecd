"""The schedule as an iCalendar feed, so voters can subscribe in any calendar app."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from core.urlutils import absolute_url

from .models import Debate, Stage


def build(election, request):
    schedule_url = absolute_url(reverse("elections:schedule"), request)
    calendar = Calendar.new(
        name=_("Pilkada 2024 schedule, Balikpapan"),
        description=_("Stages of %(election)s as set by KPU, from the Balikpapan city portal.")
        % {"election": election.name},
        prodid="-//Pemerintah Kota Balikpapan//Portal Pilkada//ID",
        # The same calendar on every fetch: without it, each render had a new random one.
        uid=f"{election.slug}@portal-pilkada-balikpapan",
        url=schedule_url,
        language=get_language(),
    )
    for stage in Stage.objects.filter(election=election).order_by("order"):
        calendar.add_component(
            Event.new(
                uid=f"{election.slug}-stage-{stage.pk}@portal-pilkada-balikpapan",
                summary=stage.name,
                description="\n\n".join(part for part in (stage.description, _stage_source(stage)) if part),
                start=stage.start,
                # All-day events end on the day after their last day (RFC 5545).
                end=stage.end + timedelta(days=1),
                url=f"{schedule_url}#tahap-{stage.order}",
                categories=[stage.get_phase_display()],
            )
        )
    for debate in Debate.objects.for_schedule(election):
        calendar.add_component(_debate(debate, schedule_url))
    calendar.add_component(_polling_hours(election, schedule_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


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


def _polling_hours(election, schedule_url):
    zone = timezone.get_default_timezone()
    opens = datetime.combine(election.voting_day, election.polls_open, tzinfo=zone)
    closes = datetime.combine(election.voting_day, election.polls_close, tzinfo=zone)
    event = Event.new(
        uid=f"{election.slug}-polls-open@portal-pilkada-balikpapan",
        summary=_("Vote at your TPS"),
        description=_("TPS are open from %(open)s to %(close)s WITA. Bring your e-KTP. Source: %(source)s")
        % {
            "open": election.polls_open.strftime("%H:%M"),
            "close": election.polls_close.strftime("%H:%M"),
            "source": election.polling_hours_source or _("not yet available"),
        },
        start=opens,
        end=closes,
        url=schedule_url,
    )
    reminder = Alarm.new(description=_("Tomorrow is voting day"))
    reminder.add("action", "DISPLAY")
    reminder.add("trigger", timedelta(hours=-17))
    event.add_component(reminder)
    return event
