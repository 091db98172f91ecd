"""generate_load_data: ten times the demo, every row plainly fictional, only in a scratch database."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Q

from announcements.models import Announcement, FactCheck
from candidates.models import Candidate, CandidatePair, Party, Programme
from elections.models import Contest, District, PollingStation, Subdistrict, VoterCount
from pagecache.store import content_version

pytestmark = pytest.mark.django_db


def sizes():
    return {
        model.__name__: model.objects.count()
        for model in (District, Subdistrict, VoterCount, CandidatePair, Announcement, FactCheck)
    }


def test_it_refuses_a_database_whose_name_does_not_say_bench(demo):
    before = sizes()

    with pytest.raises(CommandError, match="does not contain 'bench'"):
        call_command("generate_load_data", stdout=StringIO())

    assert sizes() == before


def test_it_needs_the_demo_data_first():
    with pytest.raises(CommandError, match="load_demo"):
        call_command("generate_load_data", "--force", stdout=StringIO())


def test_it_multiplies_the_demo_data_with_plainly_fictional_rows(demo):
    before = sizes()
    version = content_version()
    out = StringIO()

    call_command("generate_load_data", "--factor", "10", "--force", stdout=out)

    after = sizes()
    assert all(after[name] >= 10 * count for name, count in before.items()), (before, after)
    assert PollingStation.objects.count() >= 9 * 996
    assert Programme.objects.count() >= 45 * 6
    fictional_districts = District.objects.filter(slug__startswith="fiktif-")
    assert fictional_districts.count() == after["District"] - before["District"]
    assert not fictional_districts.exclude(name__contains="Fiktif").exists()
    fictional_contests = Contest.objects.filter(slug__startswith="fiktif-")
    assert (
        fictional_contests.exists() and not fictional_contests.exclude(office_ind__contains="Fiktif").exists()
    )
    fictional_people = Candidate.objects.filter(pair__contest__in=fictional_contests)
    assert fictional_people.count() == 2 * (after["CandidatePair"] - before["CandidatePair"])
    assert not fictional_people.exclude(full_name__contains="Fiktif").exists()
    assert (
        not Party.objects.filter(pairs__contest__in=fictional_contests)
        .exclude(name__contains="Fiktif")
        .exists()
    )
    fictional_news = Announcement.objects.filter(slug__startswith="fiktif-")
    assert not fictional_news.exclude(title_ind__contains="Uji beban").exists()
    fictional_figures = VoterCount.objects.filter(
        Q(district__in=fictional_districts) | Q(subdistrict__district__in=fictional_districts)
    )
    assert not fictional_figures.exclude(source__contains="fiktif").exists()
    assert content_version() != version
    assert "Fictional load data added" in out.getvalue()


def test_it_refuses_to_add_the_data_twice(demo):
    call_command("generate_load_data", "--factor", "2", "--force", stdout=StringIO())
    before = sizes()

    with pytest.raises(CommandError, match="already present"):
        call_command("generate_load_data", "--factor", "2", "--force", stdout=StringIO())

    assert sizes() == before
