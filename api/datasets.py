"""The public datasets: what each is, where it comes from and when it last changed.

The open-data page, the API index, the docs page and the "Download data" links all read this
list, so a dataset is described once. ``changes`` names the models whose history tells when the
dataset last changed; announcements and fact checks count only what readers could see.
"""

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import changes
from core.structured_data import LICENCE_NAME, LICENCE_URL

__all__ = ["DATASETS", "LICENCE_NAME", "LICENCE_URL", "Dataset", "last_updates"]


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    source: str
    changes: tuple = ()
    published: str = ""

    @property
    def json_path(self):
        return reverse(f"api-v1:{self.key}")

    @property
    def csv_path(self):
        return reverse(f"api-v1:{self.key}-csv")

    @property
    def xlsx_path(self):
        return reverse(f"api-v1:{self.key}-xlsx")


AS_NAMED = _("As named in each record (source and as-of date).")

DATASETS = {
    dataset.key: dataset
    for dataset in [
        Dataset(
            "elections",
            _("Elections"),
            _("Voting day, polling hours and the city's participation target."),
            AS_NAMED,
            changes=("elections.Election",),
        ),
        Dataset(
            "contests",
            _("Contests"),
            _("What is elected on the ballot: mayor of Balikpapan, governor of East Kalimantan."),
            _("KPU decisions on the contests, as named on the candidate pairs."),
            changes=("elections.Contest",),
        ),
        Dataset(
            "stages",
            _("Election stages"),
            _("The official schedule (tahapan) with start and end dates."),
            AS_NAMED,
            changes=("elections.Stage",),
        ),
        Dataset(
            "debates",
            _("Public debates"),
            _("The candidate pairs' public debates: date, time, venue, broadcaster and theme."),
            AS_NAMED,
            changes=("elections.Debate",),
        ),
        Dataset(
            "districts",
            _("Kecamatan"),
            _("The kecamatan of Kota Balikpapan with their Kemendagri and BPS codes where known."),
            _("Perda Kota Balikpapan 7/2012; codes from the Kemendagri and BPS lists."),
            changes=("elections.District",),
        ),
        Dataset(
            "subdistricts",
            _("Kelurahan"),
            _("The kelurahan of each kecamatan with their Kemendagri and BPS codes where known."),
            _("Perda Kota Balikpapan 8/2012; codes from the Kemendagri and BPS lists."),
            changes=("elections.Subdistrict",),
        ),
        Dataset(
            "polling-stations",
            _("TPS (polling stations)"),
            _("Each TPS with its address, voters and accessibility facts."),
            AS_NAMED,
            changes=("elections.PollingStation", "elections.District", "elections.Subdistrict"),
        ),
        Dataset(
            "voter-counts",
            _("Voter counts"),
            _("Voters per list stage (DPS, DPSHP, DPT), city-wide, per kecamatan and per kelurahan."),
            AS_NAMED,
            changes=("elections.VoterCount", "elections.District", "elections.Subdistrict"),
        ),
        Dataset(
            "results",
            _("Results"),
            _("Votes per candidate pair and invalid votes, per contest and area."),
            AS_NAMED,
            changes=(
                "elections.Result",
                "elections.ResultVote",
                "elections.District",
                "elections.Subdistrict",
                "candidates.CandidatePair",
            ),
        ),
        Dataset(
            "candidate-pairs",
            _("Candidate pairs"),
            _(
                "Each pair with its candidates and their reported backgrounds, parties, official vision "
                "and mission, sourced vision, mission and programme points, and documents."
            ),
            AS_NAMED,
            changes=(
                "candidates.CandidatePair",
                "candidates.Candidate",
                "candidates.Party",
                "candidates.Programme",
                "candidates.PairDocument",
                "candidates.Theme",
                "candidates.Background",
            ),
        ),
        Dataset(
            "programmes",
            _("Programmes"),
            _("The pairs' vision, mission and programme points, one row each, by theme for comparison."),
            AS_NAMED,
            changes=("candidates.Programme", "candidates.Theme", "candidates.CandidatePair"),
        ),
        Dataset(
            "announcements",
            _("Announcements"),
            _("Official announcements of the city government about the election (published ones only)."),
            _("Bagian Pemerintahan, Setdakot Balikpapan; each announcement names its own source."),
            published="announcements.Announcement",
        ),
        Dataset(
            "fact-checks",
            _("Fact checks"),
            _("Claims circulating among voters, with the verdict and the evidence (published ones only)."),
            _("Bagian Pemerintahan, Setdakot Balikpapan, with the evidence listed on each."),
            published="announcements.FactCheck",
        ),
    ]
}


def last_updates():
    """When each dataset last changed, to the second, in one query (None when it never had content)."""
    parts = []
    for dataset in DATASETS.values():
        parts += [changes.history_part(apps.get_model(label), dataset.key) for label in dataset.changes]
        if dataset.published:
            parts.append(apps.get_model(dataset.published).objects.last_seen_change(dataset.key))
    latest = changes.latest(parts)
    return {key: latest[key].replace(microsecond=0) if key in latest else None for key in DATASETS}
