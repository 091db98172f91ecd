from datetime import date
from io import StringIO

import pytest
from django.utils import timezone, translation

from announcements import demo
from announcements.models import Announcement, Category, FactCheck, Status, Verdict
from elections.models import Election

pytestmark = pytest.mark.django_db

TIRTO = "https://tirto.id/benarkah-video-isran-noor-menangis-karena-kalah-pilkada-kaltim-g6BZ"


def load():
    output = StringIO()
    with translation.override("id"):
        demo.load(output)
    return output.getvalue()


def test_demo_loads_announcements_and_the_real_fact_check_in_both_languages():
    load()

    assert Announcement.objects.count() == 8
    assert FactCheck.objects.count() == 1
    for announcement in Announcement.objects.all():
        assert announcement.status == Status.PUBLISHED
        local = timezone.localtime(announcement.publish_at)
        assert (local.year, local.month) == (2024, 10)
        assert announcement.source == "ANTARA News Kalimantan Timur, 2024-10-09"
        assert announcement.title_ind and announcement.title_en and announcement.body_html_en
    assert set(Announcement.objects.values_list("category", flat=True)) == set(Category.values)


def test_demo_covers_the_facts_of_the_seed_article():
    load()
    text = " ".join(f"{a.body_ind} {a.summary_ind}" for a in Announcement.objects.all())

    for fact in [
        "520.986",
        "6 kecamatan",
        "34 kelurahan",
        "70–80 persen",
        "60 persen",
        "27 November 2024",
        "Zulkifli",
    ]:
        assert fact in text
    assert "520,986" in " ".join(Announcement.objects.values_list("summary_en", flat=True))


def test_the_fact_check_is_tirtos_published_check_with_its_link_and_date():
    load()

    (fact_check,) = FactCheck.objects.all()
    assert fact_check.status == Status.PUBLISHED
    assert fact_check.verdict == Verdict.MISLEADING
    assert fact_check.claim_seen_on == date(2024, 11, 28)
    assert "Tirto.id (Periksa Fakta)" in fact_check.explanation_ind
    assert "Tirto.id (Periksa Fakta)" in fact_check.explanation_en
    ((label, url),) = fact_check.evidence_links
    assert url == TIRTO
    assert "Tirto.id" in label and "10-12-2024" in label
    assert "23 November 2024" in fact_check.explanation_ind and "TikTok" in fact_check.claim_channel_ind


def test_no_invented_example_sits_beside_the_real_data():
    load()

    texts = [
        text
        for item in [*FactCheck.objects.all(), *Announcement.objects.all()]
        for text in (item.slug, item.title_ind, item.title_en)
    ]
    assert texts and not [text for text in texts if "contoh" in text.lower() or "[example]" in text.lower()]


def test_the_examples_of_earlier_demos_are_removed_once(make_fact_check):
    for slug in demo.RETIRED_FACT_CHECKS:
        make_fact_check(slug=slug)

    first = load()
    second = load()

    assert not FactCheck.objects.filter(slug__in=demo.RETIRED_FACT_CHECKS).exists()
    assert "2 retired example rows removed" in first
    assert "removed" not in second


def test_demo_is_idempotent_and_adds_no_history_on_a_second_run():
    first = load()
    history = Announcement.history.count() + FactCheck.history.count()

    second = load()

    assert "9 created" in first
    assert "0 created, 0 updated, 9 unchanged" in second
    assert Announcement.history.count() + FactCheck.history.count() == history


def test_demo_links_the_voting_day_to_the_election_when_it_exists():
    election = Election.objects.create(
        slug="pilkada-2024", name="Pilkada 2024", voting_day=date(2024, 11, 27)
    )

    load()

    voting_day = Announcement.objects.get(slug="hari-pemungutan-suara-27-november-2024")
    assert voting_day.election == election and voting_day.pinned


@pytest.mark.parametrize(("lang", "verdict"), [("id", "Menyesatkan"), ("en", "Misleading")])
def test_the_real_fact_check_page_credits_tirto_with_the_link_and_date(client, settings, lang, verdict):
    settings.PORTAL_CLOCK = "2024-12-12T09:00+08:00"  # the portal published it on 11 December 2024
    load()

    html = client.get(f"/{lang}/cek-fakta/video-isran-noor-menangis-karena-kalah-pilkada/").content.decode()

    assert "Isran Noor" in html and verdict in html
    assert "<strong>Tirto.id (Periksa Fakta)</strong>" in html
    assert f'href="{TIRTO}"' in html
    assert "Tirto.id, Periksa Fakta (10-12-2024)" in html
