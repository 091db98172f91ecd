from datetime import date
from io import StringIO

import pytest
from django.utils import timezone, translation

from announcements import demo
from announcements.models import Announcement, Category, FactCheck, Status
from elections.models import Election

pytestmark = pytest.mark.django_db


def load():
    output = StringIO()
    with translation.override("id"):
        demo.load(output)
    return output.getvalue()


def test_demo_loads_announcements_and_example_fact_checks_in_both_languages():
    load()

    assert Announcement.objects.count() == 8
    assert FactCheck.objects.count() == 2
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


def test_example_fact_checks_say_they_are_examples():
    load()

    for fact_check in FactCheck.objects.all():
        assert fact_check.title_ind.startswith("[Contoh]")
        assert fact_check.title_en.startswith("[Example]")
        assert "bukan klaim nyata" in fact_check.explanation_ind
        assert "not a real claim" in fact_check.explanation_en


def test_demo_is_idempotent_and_adds_no_history_on_a_second_run():
    first = load()
    history = Announcement.history.count() + FactCheck.history.count()

    second = load()

    assert "10 created" in first
    assert "0 created, 0 updated, 10 unchanged" in second
    assert Announcement.history.count() + FactCheck.history.count() == history


def test_demo_links_the_voting_day_to_the_election_when_it_exists():
    election = Election.objects.create(
        slug="pilkada-2024", name="Pilkada 2024", voting_day=date(2024, 11, 27)
    )

    load()

    voting_day = Announcement.objects.get(slug="hari-pemungutan-suara-27-november-2024")
    assert voting_day.election == election and voting_day.pinned
