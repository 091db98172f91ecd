"""Training data: the city's real kecamatan and kelurahan with fictional, plausible figures.

Staff rehearse imports and voting day on a full city (``make rehearse``), and the tests push the
same set through the real importers, because a fixture of three made-up areas hides what the
real names expose (the one-word kelurahan such as Damai). The areas are the real ones; every
kelurahan figure and every TPS is invented, so wherever they are shown they are marked as
training data. Kecamatan and city totals start from the published DPS and DPT of Pilkada 2024
(data/pilkada-balikpapan-2024/voter_counts.csv) and are split over the kelurahan with seeded
random weights, so every rule across levels holds: parts add up to their whole, male and female
to the total, and no TPS has more voters than the law allows.

Each training TPS also serves a run of RTs (one to three neighbouring RTs, now and then one large
RT split over two TPS), so the "find your TPS" page can be rehearsed. Real TPS data carries
only the RTs the PPS assignment lists; none is ever invented for it.
"""

import random
from dataclasses import dataclass
from math import ceil

from core.spreadsheets import csv_bytes, xlsx_bytes
from core.training import MARK  # noqa: F401 - re-exported beside the data it marks

from .importers import PollingStationImporter, VoterCountImporter
from .models import District, Election, PollingStation, VoterCount

SOURCE = "DATA LATIHAN, bukan data resmi"
LIST_DATES = {VoterCount.ListStage.DPS: "2024-08-11", VoterCount.ListStage.DPT: "2024-09-19"}
ACCESS = ["ground", "ground", "ramp", "steps", ""]


@dataclass
class TrainingCity:
    """Rows for the two importers, with their column names as headers."""

    voter_counts: list
    polling_stations: list

    def table(self, kind):
        importer = {"voter_counts": VoterCountImporter, "polling_stations": PollingStationImporter}[kind]
        header = [*importer.required, *importer.optional]
        return header, [[row.get(name, "") for name in header] for row in getattr(self, kind)]

    def csv(self, kind, delimiter=","):
        return csv_bytes(*self.table(kind), delimiter=delimiter)

    def xlsx(self, kind):
        return xlsx_bytes(*self.table(kind), title=kind)


def split(total, weights):
    """``total`` shared in proportion to ``weights`` as whole numbers that add up exactly."""
    exact = [total * weight / sum(weights) for weight in weights]
    shares = [int(share) for share in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - shares[i], reverse=True)
    for index in by_remainder[: total - sum(shares)]:
        shares[index] += 1
    return shares


def build(election, seed=2024):
    """The whole city's training rows for ``election``: DPS and DPT at every level, and every TPS."""
    rng = random.Random(seed)
    published = {
        (c.list_stage, c.district_id): c
        for c in VoterCount.objects.filter(election=election, subdistrict=None, list_stage__in=LIST_DATES)
    }
    districts = list(District.objects.prefetch_related("subdistricts").order_by("name"))
    kelurahan = {d.pk: sorted(d.subdistricts.all(), key=lambda s: s.name) for d in districts}
    weights = {d.pk: [rng.uniform(0.5, 1.5) for _ in kelurahan[d.pk]] for d in districts}
    dps_city = _city(published, VoterCount.ListStage.DPS)
    dps = _district_totals(published, districts, dps_city)
    tps = {
        d.pk: _tps(
            getattr(published.get(("DPS", d.pk)), "polling_stations", None),
            split(dps[d.pk], weights[d.pk]),
            election.max_voters_per_tps or 600,
        )
        for d in districts
    }
    # A generator of its own, so the RTs leave every other training figure as it was.
    rt_rng = random.Random(seed + 1)
    voter_rows, station_rows = [], []
    for list_stage in LIST_DATES:
        city = _city(published, list_stage)
        totals = (
            dps if list_stage == "DPS" else dict(zip(dps, split(city.total, list(dps.values())), strict=True))
        )
        males = split(city.male, list(totals.values()))
        city_tps = sum(sum(counts) for counts in tps.values())
        voter_rows.append(_row(election, list_stage, "", "", city.total, city.male, city_tps))
        for district, male in zip(districts, males, strict=True):
            kel_totals = split(totals[district.pk], weights[district.pk])
            kel_males = split(male, kel_totals)
            voter_rows.append(
                _row(
                    election, list_stage, district.name, "", totals[district.pk], male, sum(tps[district.pk])
                )
            )
            for subdistrict, kel_total, kel_male, kel_tps in zip(
                kelurahan[district.pk], kel_totals, kel_males, tps[district.pk], strict=True
            ):
                voter_rows.append(
                    _row(election, list_stage, district.name, subdistrict.name, kel_total, kel_male, kel_tps)
                )
                if list_stage == "DPT":
                    station_rows += _stations(
                        election, district, subdistrict, kel_total, kel_tps, rng, rt_rng
                    )
    return TrainingCity(voter_rows, station_rows)


def _city(published, list_stage):
    city = published.get((list_stage, None))
    if city is None or city.male is None:
        raise ValueError(f"Training data needs the published city {list_stage} with male and female.")
    return city


def _district_totals(published, districts, city):
    totals = {d.pk: getattr(published.get(("DPS", d.pk)), "total", None) for d in districts}
    if None in totals.values() or sum(totals.values()) != city.total:
        totals = dict(zip(totals, split(city.total, [1] * len(totals)), strict=True))
    return totals


def _tps(stations, totals, limit):
    """TPS per kelurahan: the kecamatan's published number shared by voters, within the legal limit."""
    stations = stations or ceil(sum(totals) / (limit * 0.9))
    shares = split(stations, totals)
    return [max(share, ceil(total / limit), 1) for share, total in zip(shares, totals, strict=True)]


def _row(election, list_stage, kecamatan, kelurahan, total, male, tps):
    return {
        "election": election.slug,
        "list": list_stage,
        "kecamatan": kecamatan,
        "kelurahan": kelurahan,
        "total": total,
        "male": male,
        "female": total - male,
        "tps": tps,
        "as_of": LIST_DATES[list_stage],
        "source": SOURCE,
    }


def _rt_runs(count, rng):
    """RT lists for ``count`` TPS of one kelurahan, e.g. ["001-003", "003-004", "005"]."""
    runs, next_rt = [], 1
    for _station in range(count):
        first = next_rt
        last = first + rng.choice([0, 1, 1, 2, 2, 2])
        # About one TPS in eight shares its last RT with the next one: a large RT split in two.
        next_rt = last if rng.random() < 0.125 else last + 1
        runs.append(f"{first:03d}" if first == last else f"{first:03d}-{last:03d}")
    return runs


def _stations(election, district, subdistrict, voters, count, rng, rt_rng):
    rows = []
    runs = _rt_runs(count, rt_rng)
    for number, station_voters in enumerate(split(voters, [1] * count), start=1):
        access = rng.choice(ACCESS)
        rows.append(
            {
                "election": election.slug,
                "kecamatan": district.name,
                "kelurahan": subdistrict.name,
                "number": number,
                "address": f"{SOURCE}: TPS {number:03d} {subdistrict.name}",
                "rt": f"RT {runs[number - 1]}",
                "location_kind": PollingStation.LocationKind.REGULAR,
                "voters": station_voters,
                "access": access,
                "wide_door": "ya" if access in ("ground", "ramp") else "",
                "braille_template": "ya",
                "priority_seating": rng.choice(["ya", ""]),
                "as_of": LIST_DATES["DPT"],
                "source": SOURCE,
            }
        )
    return rows


def loaded(election=None):
    """Whether this database already holds the training city (its TPS carry the training source)."""
    return PollingStation.objects.filter(
        election=election or Election.objects.featured(), source=SOURCE
    ).exists()


def load(stdout, election=None, user=None):
    """Import the training city through the real importers, as staff would, and report."""
    election = election or Election.objects.featured()
    city = build(election)
    for kind, importer in (
        ("voter_counts", VoterCountImporter),
        ("polling_stations", PollingStationImporter),
    ):
        report = importer(city.csv(kind), filename=f"latihan-{kind}.csv", user=user, reason=SOURCE).run(
            confirmation_reason=SOURCE
        )
        if not report.applied:
            raise RuntimeError(f"Training {kind} do not import: {report.problems or report.confirmations}")
        stdout.write(f"Training {kind.replace('_', ' ')}: {report.summary()}")
    return city
