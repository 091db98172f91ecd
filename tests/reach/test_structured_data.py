"""JSON-LD that search engines and link previews read: the publisher, the election events, the
areas with their official codes and the results as a dataset."""

import pytest

from elections.models import Contest, District
from tests.support.pages import structured_data

pytestmark = pytest.mark.django_db


def test_the_home_page_names_the_site_its_publisher_and_its_search(client, demo):
    data = structured_data(client.get("/id/").content.decode())

    assert data["@type"] == "WebSite" and data["url"] == "http://testserver/id/"
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["publisher"]["areaServed"]["name"] == "Balikpapan"
    assert data["potentialAction"]["target"] == "http://testserver/id/cari/?q={query}"


def test_the_schedule_lists_voting_day_with_its_hours_every_stage_and_every_debate(client, demo):
    from elections.models import Debate, Stage

    data = structured_data(client.get("/en/jadwal/").content.decode())
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


def test_every_event_has_a_status_and_kpus_events_a_postal_address(client, demo):
    events = structured_data(client.get("/id/jadwal/").content.decode())["@graph"]
    inauguration = next(event for event in events if event["name"].startswith("Pelantikan"))
    held_by_kpu = [event for event in events if event is not inauguration]

    assert events and all(event["eventStatus"] == "https://schema.org/EventScheduled" for event in events)
    for event in held_by_kpu:
        address = event["location"]["address"]
        assert address["@type"] == "PostalAddress" and address["addressCountry"] == "ID"
        assert address["addressLocality"]
        assert event["organizer"]["name"].startswith("KPU")
    # KPU does not hold the inauguration, and the sources do not say where it took place.
    assert "organizer" not in inauguration and "location" not in inauguration


def area_of(html):
    return next(item for item in structured_data(html)["@graph"] if item["@type"] == "AdministrativeArea")


def test_a_kelurahan_page_gives_its_official_codes_inside_its_kecamatan_and_the_city(client, demo):
    area = area_of(client.get("/id/pemilih/balikpapan-kota/damai/").content.decode())

    assert area["name"] == "Damai" and area["url"] == "http://testserver/id/pemilih/balikpapan-kota/damai/"
    assert area["identifier"] == [
        {"@type": "PropertyValue", "propertyID": "Kemendagri", "value": "64.71.06.1005"},
        {"@type": "PropertyValue", "propertyID": "BPS", "value": "6471011005"},
    ]
    kecamatan = area["containedInPlace"]
    assert kecamatan["name"] == "Balikpapan Kota"
    assert [code["value"] for code in kecamatan["identifier"]] == ["64.71.06", "6471011"]
    assert kecamatan["containedInPlace"]["@type"] == "City"
    assert [code["value"] for code in kecamatan["containedInPlace"]["identifier"]] == ["64.71", "6471"]


def test_a_kecamatan_page_keeps_its_breadcrumbs_beside_its_codes(client, demo):
    data = structured_data(client.get("/en/pemilih/balikpapan-timur/").content.decode())

    kinds = [item["@type"] for item in data["@graph"]]
    area = area_of(client.get("/en/pemilih/balikpapan-timur/").content.decode())
    assert kinds == ["BreadcrumbList", "AdministrativeArea"]
    assert [code["value"] for code in area["identifier"]] == ["64.71.01", "6471020"]
    assert area["containedInPlace"]["name"] == "Kota Balikpapan"


def test_an_area_whose_code_is_not_known_gives_none_rather_than_an_empty_one(client, demo):
    District.objects.filter(slug="balikpapan-barat").update(code="", bps_code="")

    area = area_of(client.get("/id/pemilih/balikpapan-barat/").content.decode())

    assert "identifier" not in area


def test_the_results_page_describes_the_tally_as_a_dataset_from_kpu(client, demo):
    data = structured_data(client.get("/en/hasil/").content.decode())

    (dataset,) = data["@graph"]
    assert data["@context"] == "https://schema.org" and dataset["@type"] == "Dataset"
    assert dataset["name"] == "Results of 2024 Simultaneous Regional Elections in Kota Balikpapan"
    assert dataset["creator"]["name"] == "KPU Kota Balikpapan"
    assert dataset["temporalCoverage"] == "2024-11-27"
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert [code["value"] for code in dataset["spatialCoverage"]["identifier"]] == ["64.71", "6471"]
    assert {"text/csv", "application/json"} == {item["encodingFormat"] for item in dataset["distribution"]}
    assert "http://testserver/api/v1/results.csv" in {item["contentUrl"] for item in dataset["distribution"]}
    assert len(dataset["variableMeasured"]) == Contest.objects.count() == 2
    sources = {source["name"] for source in dataset["isBasedOn"]}
    assert any(name.startswith("SK KPU Kota Balikpapan No. 411/2024") for name in sources)
    assert any(name.startswith("Rekapitulasi KPU Provinsi Kalimantan Timur") for name in sources)


def test_no_dataset_is_claimed_before_any_result_is_in(client, city):
    html = client.get("/id/hasil/").content.decode()

    assert (structured_data(html) or {}).get("@graph") is None
