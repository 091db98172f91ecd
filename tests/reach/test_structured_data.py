"""JSON-LD that search engines and link previews read: the publisher and the election events."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_the_home_page_names_the_site_its_publisher_and_its_search(client, demo):
    data = json_ld(client.get("/id/").content.decode())

    assert data["@type"] == "WebSite" and data["url"] == "http://testserver/id/"
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["publisher"]["areaServed"]["name"] == "Balikpapan"
    assert data["potentialAction"]["target"] == "http://testserver/id/cari/?q={query}"


def test_the_schedule_lists_voting_day_with_its_hours_every_stage_and_every_debate(client, demo):
    from elections.models import Debate, Stage

    data = json_ld(client.get("/en/jadwal/").content.decode())
    events = data["@graph"]
    voting, *others = events
    stages = [event for event in others if "#tahap-" in event["url"]]
    debates = [event for event in others if "#debat-" in event["url"]]

    assert voting["startDate"] == "2024-11-27T07:00:00+08:00"
    assert voting["endDate"] == "2024-11-27T13:00:00+08:00"
    assert voting["organizer"]["name"] == "KPU Kota Balikpapan"
    assert len(stages) == Stage.objects.count()
    assert len(debates) == Debate.objects.count() == 6
    assert len(others) == len(stages) + len(debates)
    assert all(
        event["@type"] == "Event" and event["url"].startswith("http://testserver/en/jadwal/#")
        for event in others
    )
    assert {event["organizer"]["name"] for event in debates} == {
        "KPU Kota Balikpapan",
        "KPU Provinsi Kalimantan Timur",
    }


def test_every_event_has_a_status_and_a_postal_address(client, demo):
    events = json_ld(client.get("/id/jadwal/").content.decode())["@graph"]

    assert events and all(event["eventStatus"] == "https://schema.org/EventScheduled" for event in events)
    for event in events:
        address = event["location"]["address"]
        assert address["@type"] == "PostalAddress" and address["addressCountry"] == "ID"
        assert address["addressLocality"]
