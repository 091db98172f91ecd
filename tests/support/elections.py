"""A second election beside the demo's 2024 one, as staff would add the next one."""

from datetime import date

from elections.models import Contest, Election, Stage


def add_newer_election(slug="pemilu-2029", name="Pemilu 2029", voting_day=date(2029, 2, 14)):
    """A newer election with one stage and one contest, in the city's same areas."""
    election = Election.objects.create(slug=slug, name=name, name_en=name, voting_day=voting_day)
    Stage.objects.create(
        election=election,
        order=1,
        name="Pemungutan suara",
        kind=Stage.Kind.VOTING,
        start=voting_day,
        end=voting_day,
        source="Uji: tahapan contoh",
    )
    Contest.objects.create(
        election=election,
        slug=f"walikota-balikpapan-{voting_day.year}",
        office="Wali Kota dan Wakil Wali Kota",
        area_name="Kota Balikpapan",
        level=Contest.Level.CITY,
        order=1,
    )
    return election
