"""A fictional election for the open-data API: never real candidates (see DESIGN.md, "Honesty").

``build_world(scale)`` makes every dataset ``scale`` times as large, so query counts can be
pinned at one size and checked again at ten times the data.
"""

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from announcements.models import Announcement, Attachment, Category, FactCheck, Status, Verdict
from candidates.models import Candidate, CandidatePair, PairDocument, Party, Programme, Theme
from elections.models import (
    Contest,
    Debate,
    District,
    Election,
    PollingStation,
    Result,
    ResultVote,
    Stage,
    Subdistrict,
    VoterCount,
)

WITA = ZoneInfo("Asia/Makassar")
# The portal's clock is frozen here in every test of this package (settings.PORTAL_CLOCK).
NOW = datetime(2024, 10, 20, 12, 0, tzinfo=WITA)
PAST = datetime(2024, 10, 9, 16, 0, tzinfo=WITA)
SOON = NOW + timedelta(days=3)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _frozen_portal_clock(settings):
    settings.PORTAL_CLOCK = NOW.isoformat()


@pytest.fixture(autouse=True)
def _indonesian_by_default():
    with translation.override("id"):
        yield


def both(name, indonesian, english):
    return {f"{name}_ind": indonesian, f"{name}_en": english}


def build_world(scale=1):
    """Every dataset with ``scale`` times the rows; returns the main objects by name."""
    election = Election.objects.create(
        slug="pilkada-contoh",
        **both("name", "Pilkada Contoh", "Example Pilkada"),
        voting_day=date(2024, 11, 27),
        polling_hours_source="PKPU contoh",
        participation_target_min=70,
        participation_target_max=80,
        previous_participation=60,
        previous_election_name="Pilkada 2020",
        participation_source="Sumber contoh",
    )
    city = Contest.objects.create(
        election=election,
        slug="walikota-contoh",
        **both("office", "Wali Kota dan Wakil Wali Kota", "Mayor and Deputy Mayor"),
        **both("area_name", "Kota Contoh", "Contoh City"),
        level=Contest.Level.CITY,
        order=1,
    )
    province = Contest.objects.create(
        election=election,
        slug="gubernur-contoh",
        **both("office", "Gubernur dan Wakil Gubernur", "Governor and Deputy Governor"),
        **both("area_name", "Provinsi Contoh", "Contoh Province"),
        level=Contest.Level.PROVINCE,
        order=2,
    )
    for order in range(1, 3 * scale + 1):
        Stage.objects.create(
            election=election,
            order=order,
            kind=Stage.Kind.VOTING if order == 1 else Stage.Kind.OTHER,
            **both("name", f"Tahap contoh {order}", f"Example stage {order}"),
            description_ind="Uraian tahap." if order == 1 else "",
            start=date(2024, 9, order % 28 + 1),
            end=date(2024, 10, order % 28 + 1),
            source="PKPU contoh",
        )

    for contest in (city, province):
        for number in range(1, scale + 2):
            Debate.objects.create(
                contest=contest,
                number=number,
                date=date(2024, 10, 20) + timedelta(days=number),
                start_time=time(20, 0) if number == 1 else None,
                **both("venue", "Gedung Contoh", "Example Hall"),
                city="Kota Contoh",
                organiser="KPU contoh",
                **both("theme", f"Tema contoh {number}", f"Example theme {number}"),
                **both("subthemes", "air bersih\nbanjir", "clean water\nfloods") if number == 1 else {},
                source="berita.example",
                source_url=f"https://berita.example/{contest.slug}/{number}",
                source_date=date(2024, 10, 19),
            )

    districts, subdistricts = [], []
    for d in range(1, 2 * scale + 1):
        district = District.objects.create(
            name=f"Kecamatan Contoh {d}",
            slug=f"kecamatan-contoh-{d}",
            code=f"99.01.{d:02d}" if d == 1 else "",
            bps_code=f"990101{d}" if d == 1 else "",
        )
        districts.append(district)
        for s in (1, 2):
            subdistricts.append(
                Subdistrict.objects.create(
                    district=district, name=f"Kelurahan Contoh {d}-{s}", slug=f"kelurahan-contoh-{d}-{s}"
                )
            )
    accesses = ["ground", "ramp", "steps", ""]
    for index, subdistrict in enumerate(subdistricts):
        for number in (1, 2):
            PollingStation.objects.create(
                election=election,
                subdistrict=subdistrict,
                number=number,
                address=f"Jl. Contoh No. {number}" if number == 1 else "",
                access=accesses[(index + number) % 4],
                wide_door=True if number == 1 else None,
                braille_template=False if number == 1 else None,
                voters=300 + number if number == 1 else None,
                **both("accessibility_notes", "Ramp di gerbang samping.", "Ramp at the side gate.")
                if number == 1
                else {},
                source="PPS contoh",
                as_of=date(2024, 11, 20),
            )

    figure = {"election": election, "source": "Pleno KPU contoh", "as_of": date(2024, 9, 19)}
    per_district = 1000
    VoterCount.objects.create(
        **figure,
        list_stage="DPT",
        total=per_district * len(districts),
        male=per_district * len(districts) // 2,
        female=per_district * len(districts) // 2,
        polling_stations=4 * len(districts),
        source_url="https://kpu.example/dpt",
        **both("note", "Termasuk TPS lokasi khusus.", "Includes special-location TPS."),
    )
    for district in districts:
        VoterCount.objects.create(**figure, list_stage="DPT", district=district, total=per_district)
        VoterCount.objects.create(**figure, list_stage="DPS", district=district, total=per_district + 10)
    for subdistrict in subdistricts:
        VoterCount.objects.create(
            **figure, list_stage="DPT", subdistrict=subdistrict, total=per_district // 2
        )

    themes = [
        Theme.objects.create(slug="pendidikan", order=1, **both("name", "Pendidikan", "Education")),
        Theme.objects.create(slug="kesehatan", order=2, **both("name", "Kesehatan", "Health")),
    ]
    parties = [
        Party.objects.create(abbreviation=f"PC{n}", name=f"Partai Contoh {n}")
        for n in range(1, 2 * scale + 2)
    ]
    pairs = {city.slug: [], province.slug: []}
    for contest in (city, province):
        for number in range(1, 2 * scale + 1):
            pair = CandidatePair.objects.create(
                contest=contest,
                ballot_number=number,
                slug=f"contoh-calon-{number}-contoh-wakil-{number}",
                incumbent=number == 1,
                **both("vision", f"Visi contoh {number}", f"Example vision {number}"),
                **both("mission", "Misi satu\nMisi dua", "Mission one\nMission two"),
                source="Keputusan KPU fiktif untuk pengujian",
                as_of=date(2024, 9, 23),
            )
            Candidate.objects.create(
                pair=pair,
                role=Candidate.Role.HEAD,
                full_name=f"Contoh Calon {number}",
                birth_place="Kota Contoh",
                **both("education", "S2 Contoh\nS1 Contoh", "Contoh MA\nContoh BA"),
            )
            Candidate.objects.create(
                pair=pair, role=Candidate.Role.DEPUTY, full_name=f"Contoh Wakil {number}"
            )
            pair.parties.set(parties[number - 1 : number + 1])
            for theme in themes:
                Programme.objects.create(
                    pair=pair,
                    theme=theme,
                    order=1,
                    **both("title", f"Program {theme.slug} {number}", f"Programme {theme.slug} {number}"),
                    page_reference="hlm. 3",
                    source="Dokumen visi misi contoh",
                    source_url=f"https://kpu.example/visi-misi-{contest.slug}-{number}.pdf",
                    as_of=date(2024, 9, 25),
                    **both("note", "Catatan contoh", "Example note"),
                )
            PairDocument.objects.create(
                pair=pair,
                **both("title", "Dokumen visi misi", "Vision and mission document"),
                url=f"https://kpu.example/visi-misi-{contest.slug}-{number}.pdf",
                publisher="KPU contoh",
            )
            pairs[contest.slug].append(pair)

    tally = {"source": "SK KPU contoh", "as_of": date(2024, 12, 6)}
    city_result = Result.objects.create(contest=city, invalid_votes=50, **tally)
    for number, pair in enumerate(pairs[city.slug], 1):
        ResultVote.objects.create(result=city_result, pair=pair, votes=100 * number * len(districts))
    for district in districts:
        result = Result.objects.create(contest=city, district=district, **tally)
        for number, pair in enumerate(pairs[city.slug], 1):
            ResultVote.objects.create(result=result, pair=pair, votes=100 * number)
    Result.objects.create(contest=province, invalid_votes=7, **tally)

    announcements = [make_announcement(election=election, pinned=n == 1) for n in range(1, 2 * scale + 1)]
    attach(announcements[0])
    fact_checks = [make_fact_check() for _ in range(2 * scale)]
    return {
        "election": election,
        "city": city,
        "province": province,
        "districts": districts,
        "subdistricts": subdistricts,
        "pairs": pairs,
        "themes": themes,
        "announcements": announcements,
        "fact_checks": fact_checks,
    }


_counter = iter(range(1, 10**6))


def make_announcement(**fields):
    number = next(_counter)
    values = {
        "slug": f"pengumuman-{number}",
        **both("title", f"Pengumuman nomor {number}", f"Announcement number {number}"),
        **both("summary", "Ringkasan dalam bahasa Indonesia.", "A summary in English."),
        **both("body", "Isi dengan **huruf tebal**.", "The body with **bold text**."),
        "category": Category.GENERAL,
        "status": Status.PUBLISHED,
        "publish_at": PAST + timedelta(minutes=number),
        "source": "Sumber contoh",
        **fields,
    }
    announcement = Announcement(**values)
    announcement.save()
    return announcement


def attach(announcement):
    return Attachment.objects.create(
        announcement=announcement,
        **both("title", "Surat edaran contoh", "Example circular"),
        file=SimpleUploadedFile("surat.pdf", PDF, content_type="application/pdf"),
        order=1,
    )


def make_fact_check(**fields):
    number = next(_counter)
    values = {
        "slug": f"cek-fakta-{number}",
        **both("title", f"Cek fakta nomor {number}", f"Fact check number {number}"),
        **both("claim", "Klaim yang beredar.", "A circulating claim."),
        **both("explanation", "Penjelasan dengan *sumber resmi*.", "An explanation with *official sources*."),
        "evidence": "KPU contoh | https://kpu.example/rilis",
        "verdict": Verdict.HOAX,
        "status": Status.PUBLISHED,
        "publish_at": PAST + timedelta(minutes=number),
        **fields,
    }
    fact_check = FactCheck(**values)
    fact_check.save()
    return fact_check


@pytest.fixture(scope="module")
def _shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world per test module, rolled back at its end; each test still runs in its own savepoint."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"), PORTAL_CLOCK=NOW.isoformat())
    with media, django_db_blocker.unblock(), translation.override("id"), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(_shared_world, db):
    return _shared_world


@pytest.fixture
def unpublished(world):
    """A draft, an item in review and a scheduled item of each kind, all about the election."""
    election = world["election"]
    hidden = {
        "draft": {"status": Status.DRAFT, "publish_at": None},
        "review": {"status": Status.REVIEW, "publish_at": None},
        "scheduled": {"status": Status.PUBLISHED, "publish_at": SOON},
    }
    items = {}
    for name, fields in hidden.items():
        announcement = make_announcement(slug=f"rahasia-{name}", election=election, **fields)
        attach(announcement)
        items[f"announcement-{name}"] = announcement
        items[f"fact-check-{name}"] = make_fact_check(slug=f"rahasia-cek-{name}", **fields)
    return items


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, params, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)
