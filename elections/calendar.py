"""The schedule as an iCalendar feed, so voters can subscribe in any calendar app."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from portal.urlutils import absolute_url

from .models import Stage


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
                description="\n\n".join(
                    part
                    for part in (stage.description, _("Source: %(source)s") % {"source": stage.source})
                    if part
                ),
                start=stage.start,
                # All-day events end on the day after their last day (RFC 5545).
                end=stage.end + timedelta(days=1),
                url=f"{schedule_url}#tahap-{stage.order}",
                categories=[stage.get_phase_display()],
            )
        )
    calendar.add_component(_polling_hours(election, schedule_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()


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
