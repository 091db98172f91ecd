"""schema.org JSON-LD shared by several pages: the publisher, election events, breadcrumbs."""

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.urlutils import absolute_url

# The portal's open data licence: every dataset, download and the API.
LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


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


def codes(code, bps_code):
    """An area's official codes as schema.org identifiers; a code not yet known is left out."""
    known = (("Kemendagri", code), ("BPS", bps_code))
    return [
        {"@type": "PropertyValue", "propertyID": issuer, "value": value} for issuer, value in known if value
    ]


def city():
    """Kota Balikpapan with its official codes, the area every page and dataset is about."""
    return {
        "@type": "City",
        "name": "Kota Balikpapan",
        "identifier": codes(settings.PORTAL_CITY_CODE, settings.PORTAL_CITY_BPS_CODE),
    }


def area(name, path, request, *, code="", bps_code="", within=None):
    """A kecamatan or kelurahan as an AdministrativeArea with its codes, inside ``within``."""
    data = {
        "@type": "AdministrativeArea",
        "name": str(name),
        "url": absolute_url(path, request),
        "containedInPlace": within or city(),
    }
    identifiers = codes(code, bps_code)
    if identifiers:
        data["identifier"] = identifiers
    return data


def graph(*items):
    """Several schema.org items as one JSON-LD block (each loses its own ``@context``)."""
    return {
        "@context": "https://schema.org",
        "@graph": [{key: value for key, value in item.items() if key != "@context"} for item in items],
    }


def dataset(name, description, path, request, *, downloads, modified=None, **details):
    """A schema.org Dataset under the portal's licence, covering the city; ``downloads`` are
    (media type, path) pairs; ``details`` adds properties such as ``temporalCoverage``."""
    data = {
        "@type": "Dataset",
        "name": str(name),
        "description": str(description),
        "url": absolute_url(path, request),
        "license": LICENCE_URL,
        "isAccessibleForFree": True,
        "inLanguage": get_language(),
        "creator": publisher(request),
        "spatialCoverage": city(),
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": media_type, "contentUrl": absolute_url(url, request)}
            for media_type, url in downloads
        ],
        **details,
    }
    if modified:
        data["dateModified"] = timezone.localtime(modified).isoformat()
    return data


def postal_address(locality="Balikpapan", region="Kalimantan Timur"):
    """Where an event takes place as schema.org wants it (a plain string is not an address)."""
    address = {"@type": "PostalAddress", "addressLocality": locality, "addressCountry": "ID"}
    if region:
        address["addressRegion"] = region
    return address


def voting_event(name, start, end, url, *, status="EventScheduled", previous_start=None, description=""):
    """Voting at the TPS as a timed Event; ``status`` is a schema.org EventStatusType name."""
    event = {
        "@type": "Event",
        "name": str(name),
        "startDate": start,
        "endDate": end,
        "eventStatus": f"https://schema.org/{status}",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": _("Your TPS in Kota Balikpapan"), "address": postal_address()},
        "organizer": {"@type": "GovernmentOrganization", "name": "KPU Kota Balikpapan"},
        "url": url,
    }
    if previous_start:
        event["previousStartDate"] = previous_start
    if description:
        event["description"] = str(description)
    return event


def schedule_events(election, stages, schedule_url, debates=(), contests=(), voting_cancelled=False):
    """Voting day as a timed Event at the TPS, each stage as an all-day Event, each public debate,
    and each contest voted on another day or cancelled (``contests``: Event dicts); voting day is
    cancelled when no contest is voted on it. ``schedule_url``: the election's schedule page,
    absolute, which every event's address points into."""
    zone = timezone.get_default_timezone()
    voting = voting_event(
        election.name,
        datetime.combine(election.voting_day, election.polls_open, tzinfo=zone),
        datetime.combine(election.voting_day, election.polls_close, tzinfo=zone),
        schedule_url,
        status="EventCancelled" if voting_cancelled else "EventScheduled",
    )
    events = [stage_event(stage, schedule_url) for stage in stages]
    events += [debate_event(debate, schedule_url) for debate in debates]
    return {"@context": "https://schema.org", "@graph": [voting, *events, *contests]}


def stage_event(stage, schedule_url):
    """A stage as an all-day Event. KPU's stages happen across the city; a stage KPU does not hold
    (the inauguration) names neither organiser nor place, which the portal's sources do not give."""
    event = {
        "@type": "Event",
        "name": stage.name,
        "description": stage.description or stage.name,
        "startDate": stage.start,
        "endDate": stage.end,
        # Stages are never cancelled or moved here: a moved stage gets new dates.
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": f"{schedule_url}#tahap-{stage.order}",
    }
    if stage.held_by_kpu:
        event["location"] = {"@type": "Place", "name": "Kota Balikpapan", "address": postal_address()}
        event["organizer"] = {"@type": "GovernmentOrganization", "name": "KPU"}
    return event


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
