"""The calendar feed as a subscription: the same bytes until something changes, revalidation with
304, events stamped with their own last change, and a SEQUENCE that tells apps a stage moved."""

import time
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from django.urls import reverse

from elections.models import Stage

pytestmark = pytest.mark.django_db


def fetch(client, **headers):
    return client.get(reverse("elections:calendar"), headers=headers)


def events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def stage_event(response, stage):
    return events(response)[f"{stage.election.slug}-stage-{stage.pk}@portal-pilkada-balikpapan"]


def test_the_feed_is_the_same_a_second_later_when_nothing_changed(client, election, settings):
    settings.PORTAL_PAGE_CACHE = False  # each fetch is rendered anew, as after any content change
    first = fetch(client)
    time.sleep(1.1)
    second = fetch(client)

    assert first.content == second.content
    assert first["ETag"] == second["ETag"]


def test_a_calendar_app_revalidating_its_copy_gets_304_by_etag_or_by_date(client, election):
    first = fetch(client)

    assert fetch(client, if_none_match=first["ETag"]).status_code == 304
    assert fetch(client, if_modified_since=first["Last-Modified"]).status_code == 304


def test_an_old_etag_gets_the_changed_feed(client, election, committed):
    old = fetch(client)
    stage = election.stages.get(order=3)
    with committed():
        stage.end += timedelta(days=1)
        stage.save()

    again = fetch(client, if_none_match=old["ETag"])
    assert again.status_code == 200 and again["ETag"] != old["ETag"]


def test_each_event_is_stamped_with_its_own_last_change(client, election):
    stage = election.stages.get(order=2)
    changed = stage.history.latest().history_date.replace(microsecond=0)
    event = stage_event(fetch(client), stage)

    assert changed == event.DTSTAMP
    assert changed == event.LAST_MODIFIED


def test_sequence_grows_when_a_stage_moves_and_not_when_only_its_text_changes(client, election, settings):
    settings.PORTAL_PAGE_CACHE = False
    stage = election.stages.get(order=3)
    assert stage_event(fetch(client), stage).sequence == 0

    stage.description_ind = "Tidak ada kampanye."
    stage.save()
    assert stage_event(fetch(client), stage).sequence == 0

    stage.start -= timedelta(days=1)
    stage.save()
    moved = stage_event(fetch(client), stage)
    assert moved.sequence == 1
    assert Stage.history.filter(id=stage.pk).latest().history_date.replace(microsecond=0) == moved.DTSTAMP


def test_the_feed_tells_apps_how_often_to_refresh(client, election):
    calendar = icalendar.Calendar.from_ical(fetch(client).content)

    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=6)
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT6H"
    assert "LAST-MODIFIED" in calendar


def test_the_schedule_page_offers_a_subscription_not_only_a_download(client, election, settings):
    settings.PORTAL_BASE_URL = "https://pilkada.balikpapan.go.id"
    html = client.get(reverse("elections:schedule")).content.decode()
    address = "https://pilkada.balikpapan.go.id" + reverse("elections:calendar")
    webcal = "webcal://pilkada.balikpapan.go.id" + reverse("elections:calendar")

    assert f'href="{webcal}"' in html
    assert f'value="{address}"' in html
    google = next(part for part in html.split('"') if part.startswith("https://calendar.google.com/"))
    assert parse_qs(urlsplit(google.replace("&amp;", "&")).query)["cid"] == [webcal]
    assert "Mengunduh berkasnya hanya menambahkan salinan satu kali" in html
