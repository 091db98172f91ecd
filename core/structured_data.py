"""schema.org JSON-LD shared by several pages: the publisher, election events, breadcrumbs."""

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.urlutils import absolute_url


def publisher(request):
    organisation = {
        "@type": "GovernmentOrganization",
        "name": settings.PORTAL_PUBLISHER,
        "parentOrganization": {"@type": "GovernmentOrganization", "name": "Pemerintah Kota Balikpapan"},
        "url": settings.PORTAL_OFFICIAL_SITE,
        "areaServed": {"@type": "City", "name": "Balikpapan"},
    }
    if settings.PORTAL_CONTACT_EMAIL:
        organisation["email"] = settings.PORTAL_CONTACT_EMAIL
    return organisation


def home_page(request):
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": _("Pilkada Portal of Balikpapan City"),
        "url": absolute_url(reverse("home"), request),
        "inLanguage": get_language(),
        "publisher": publisher(request),
        "potentialAction": {
            "@type": "SearchAction",
            "target": absolute_url(reverse("search"), request) + "?q={query}",
            "query-input": "required name=query",
        },
    }


def postal_address(locality="Balikpapan", region="Kalimantan Timur"):
    """Where an event takes place as schema.org wants it (a plain string is not an address)."""
    address = {"@type": "PostalAddress", "addressLocality": locality, "addressCountry": "ID"}
    if region:
        address["addressRegion"] = region
    return address


def schedule_events(election, stages, request, debates=()):
    """Voting day as a timed Event at the TPS, each stage as an all-day Event, and each public debate."""
    schedule_url = absolute_url(reverse("elections:schedule"), request)
    zone = timezone.get_default_timezone()
    place = {
        "@type": "Place",
        "name": _("Your TPS in Kota Balikpapan"),
        "address": postal_address(),
    }
    voting = {
        "@type": "Event",
        "name": election.name,
        "startDate": datetime.combine(election.voting_day, election.polls_open, tzinfo=zone),
        "endDate": datetime.combine(election.voting_day, election.polls_close, tzinfo=zone),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": place,
        "organizer": {"@type": "GovernmentOrganization", "name": "KPU Kota Balikpapan"},
        "url": schedule_url,
    }
    events = [
        {
            "@type": "Event",
            "name": stage.name,
            "description": stage.description or stage.name,
            "startDate": stage.start,
            "endDate": stage.end,
            # Stages are never cancelled or moved here: a moved stage gets new dates.
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {"@type": "Place", "name": "Kota Balikpapan", "address": postal_address()},
            "organizer": {"@type": "GovernmentOrganization", "name": "KPU"},
            "url": f"{schedule_url}#tahap-{stage.order}",
        }
        for stage in stages
    ]
    events += [debate_event(debate, schedule_url) for debate in debates]
    return {"@context": "https://schema.org", "@graph": [voting, *events]}


def debate_event(debate, schedule_url):
    """A debate at its venue: timed when a source gives the start (WITA), a whole day otherwise."""
    event = {
        "@type": "Event",
        "name": str(debate.title),
        "description": debate.theme,
        "startDate": debate.starts_at or debate.date,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": debate.venue,
            "address": postal_address(locality=debate.city, region=""),
        },
        "organizer": {"@type": "GovernmentOrganization", "name": debate.organiser},
        "url": f"{schedule_url}#{debate.anchor}",
    }
    if debate.ends_at:
        event["endDate"] = debate.ends_at
    return event


def breadcrumbs(items, request):
    """A BreadcrumbList from (name, path) pairs, the page itself last."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": str(name),
                "item": absolute_url(path, request),
            }
            for position, (name, path) in enumerate(items, start=1)
        ],
    }
