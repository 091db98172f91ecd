"""Plausibility rules for voter figures and TPS: the one home of each rule, with its reason.

The admin forms (through the models' ``clean()``) and the importers apply the same rules. Most
findings are refusals; a voter list that differs from the area's previous list by more than the
set share (``PORTAL_VOTER_LIST_CHANGE_PERCENT``) can be real (a big clean-up of the list), so staff
may confirm it with a reason that goes into the history.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.clock import local_today

# The order KPU compiles the lists in (PKPU 7/2024); each is compared with the one before it.
LIST_ORDER = ("DPS", "DPSHP", "DPT")
SUMMED_FIELDS = ("total", "male", "female", "polling_stations")
FIELD_LABELS = {
    "total": gettext_lazy("voters"),
    "male": gettext_lazy("male"),
    "female": gettext_lazy("female"),
    "polling_stations": gettext_lazy("TPS"),
}


def figure(value):
    return number_format(value, force_grouping=True)


def figure_key(count):
    """What identifies a voter figure within its election: list stage and area."""
    return (count.list_stage, count.district_id, count.subdistrict_id)


@dataclass(frozen=True)
class Finding:
    """An implausible figure: why, the figures involved (by ``figure_key``), and whether staff
    may confirm it with a reason. ``keys[0]`` is the figure to correct."""

    message: str
    keys: tuple = field(default_factory=tuple)
    confirmable: bool = False


def row_problems(count, election, window=None):
    """Rules about one figure on its own: (field, message) pairs, empty when it is plausible.

    ``count`` is a VoterCount or anything with its figure attributes (an importer's parsed row).
    """
    problems = []
    for part in ("male", "female"):
        value = getattr(count, part)
        if value is not None and count.total is not None and value > count.total:
            message = _("The number of %(part)s voters (%(value)s) is larger than the total (%(total)s).")
            problems.append(
                (
                    part,
                    message
                    % {"part": FIELD_LABELS[part], "value": figure(value), "total": figure(count.total)},
                )
            )
    if None not in (count.male, count.female, count.total) and count.male + count.female != count.total:
        message = _("Male and female voters (%(sum)s) must add up to the total (%(total)s).")
        problems.append(
            ("total", message % {"sum": figure(count.male + count.female), "total": figure(count.total)})
        )
    if problem := per_station_problem(count.total, count.polling_stations, election):
        problems.append(("polling_stations", problem))
    if problem := as_of_problem(count.as_of, election, window):
        problems.append(("as_of", problem))
    return problems


def per_station_problem(voters, stations, election):
    """Voters per TPS above the election's legal maximum: the figure or the TPS count is wrong."""
    limit = election.max_voters_per_tps if election else None
    if not limit or not voters or stations is None:
        return None
    if stations == 0:
        return _("%(voters)s voters but 0 TPS: every voter needs a TPS.") % {"voters": figure(voters)}
    if voters > stations * limit:
        return _(
            "%(voters)s voters in %(stations)s TPS is %(average)s per TPS, more than the legal maximum of "
            "%(limit)s per TPS for %(election)s (%(source)s)."
        ) % {
            "voters": figure(voters),
            "stations": figure(stations),
            "average": figure(-(-voters // stations)),
            "limit": figure(limit),
            "election": election,
            "source": election.max_voters_per_tps_source or _("source not entered"),
        }
    return None


def station_voters_problem(voters, election):
    """One TPS with more voters than the law allows for the election."""
    limit = election.max_voters_per_tps if election else None
    if limit and voters is not None and voters > limit:
        return _(
            "%(voters)s voters at one TPS is more than the legal maximum of %(limit)s for %(election)s "
            "(%(source)s)."
        ) % {
            "voters": figure(voters),
            "limit": figure(limit),
            "election": election,
            "source": election.max_voters_per_tps_source or _("source not entered"),
        }
    return None


def as_of_problem(as_of, election, window=None):
    """An "as of" date in the future or outside the election's timeline is a typing mistake."""
    if as_of is None or election is None:
        return None
    if as_of > local_today():
        return _("The date %(date)s lies in the future; use the date the figure was set.") % {
            "date": as_of.isoformat()
        }
    first, last = window or election.figure_window()
    if not first <= as_of <= last:
        return _(
            "The date %(date)s lies outside the timeline of %(election)s (%(first)s to %(last)s); "
            "check the year."
        ) % {
            "date": as_of.isoformat(),
            "election": election,
            "first": first.isoformat(),
            "last": last.isoformat(),
        }
    return None


def election_findings(counts, districts, share=None):
    """Rules across the figures of one election: ``counts`` are all of them (unsaved ones
    included), ``districts`` every kecamatan with its kelurahan prefetched."""
    share = settings.PORTAL_VOTER_LIST_CHANGE_PERCENT if share is None else share
    by_list = defaultdict(list)
    for count in counts:
        by_list[count.list_stage].append(count)
    findings = []
    for list_counts in by_list.values():
        findings += _parts_and_wholes(_Levels(list_counts), districts)
    findings += _parts_above_other_lists(counts, districts, share)
    findings += _list_changes(counts, share)
    return findings


class _Levels:
    """One list stage's figures by level: the city, each kecamatan, each kecamatan's kelurahan."""

    def __init__(self, counts):
        self.city = None
        self.districts = {}
        self.subdistricts = defaultdict(dict)
        for count in counts:
            if count.subdistrict_id:
                self.subdistricts[count.subdistrict.district_id][count.subdistrict_id] = count
            elif count.district_id:
                self.districts[count.district_id] = count
            else:
                self.city = count


def _parts_and_wholes(levels, districts):
    """Parts never add up to more than their whole, and exactly to it once every part is there."""
    findings = []
    if levels.city is not None and levels.districts:
        complete = set(levels.districts) == set(districts)
        findings += _compare(levels.city, list(levels.districts.values()), complete, _("the kecamatan"))
    for district_id, parts in levels.subdistricts.items():
        whole = levels.districts.get(district_id)
        if whole is None:
            continue
        expected = {s.pk for s in districts[district_id].subdistricts.all()}
        findings += _compare(whole, list(parts.values()), set(parts) == expected, _("the kelurahan"))
    return findings


def _compare(whole, parts, complete, parts_name):
    findings = []
    whole_name = str(whole.area) if whole.area else _("the whole city")
    for field_name in SUMMED_FIELDS:
        expected = getattr(whole, field_name)
        values = [getattr(part, field_name) for part in parts]
        if expected is None or None in values:
            continue
        total = sum(values)
        label = FIELD_LABELS[field_name]
        if complete and total != expected:
            message = _(
                "%(stage)s, %(field)s: %(parts)s of %(whole)s add up to %(sum)s, but %(whole)s has "
                "%(expected)s; correct the parts and the whole together."
            )
        elif not complete and total > expected:
            message = _(
                "%(stage)s, %(field)s: %(parts)s entered so far for %(whole)s already add up to %(sum)s, "
                "more than %(whole)s has in all (%(expected)s)."
            )
        else:
            continue
        findings.append(
            Finding(
                message
                % {
                    "stage": whole.list_stage,
                    "field": label,
                    "parts": parts_name,
                    "whole": whole_name,
                    "sum": figure(total),
                    "expected": figure(expected),
                },
                (figure_key(whole), *(figure_key(part) for part in parts)),
            )
        )
    return findings


def _parts_above_other_lists(counts, districts, share):
    """An area cannot hold more voters than the area around it, whichever list that one has.

    The same list is covered by ``_parts_and_wholes``; here a kelurahan's DPT is compared with its
    kecamatan's DPS (or the city's) when the kecamatan has no DPT yet, allowing the list change.
    """
    totals = defaultdict(dict)  # area key -> {list stage: count}
    for count in counts:
        totals[(count.district_id, count.subdistrict_id)][count.list_stage] = count
    kelurahan_district = {s.pk: d.pk for d in districts.values() for s in d.subdistricts.all()}
    findings = []
    for count in counts:
        for whole_area in _wholes_around(count, kelurahan_district):
            lists = totals.get(whole_area, {})
            if count.list_stage in lists:
                break  # the same-list rule applies to this whole
            others = [c for c in lists.values() if c.total is not None]
            if not others:
                continue
            whole = max(others, key=lambda c: c.total)
            if count.total is not None and count.total > whole.total * (1 + share / 100):
                findings.append(
                    Finding(
                        _(
                            "%(stage)s %(area)s (%(value)s) is more than all of %(whole)s has on the "
                            "%(whole_stage)s (%(whole_value)s): a part cannot have more voters than the "
                            "area it belongs to."
                        )
                        % {
                            "stage": count.list_stage,
                            "area": count.area_name,
                            "value": figure(count.total),
                            "whole": whole.area_name,
                            "whole_stage": whole.list_stage,
                            "whole_value": figure(whole.total),
                        },
                        (figure_key(count), figure_key(whole)),
                    )
                )
            break
    return findings


def _wholes_around(count, kelurahan_district):
    """The areas around a figure's area, nearest first, as (district_id, subdistrict_id) keys."""
    if count.subdistrict_id:
        return [(kelurahan_district.get(count.subdistrict_id), None), (None, None)]
    if count.district_id:
        return [(None, None)]
    return []


def _list_changes(counts, share):
    """A list that moves more than ``share`` % away from the area's previous list needs a reason."""
    by_area = defaultdict(dict)
    for count in counts:
        by_area[(count.district_id, count.subdistrict_id)][count.list_stage] = count
    findings = []
    for lists in by_area.values():
        present = [lists[stage] for stage in LIST_ORDER if stage in lists]
        for earlier, later in zip(present, present[1:], strict=False):
            if not earlier.total or later.total is None:
                continue
            change = (later.total - earlier.total) * 100 / earlier.total
            if abs(change) > share:
                findings.append(
                    Finding(
                        _(
                            "%(stage)s %(area)s (%(value)s) differs by %(change)s %% from its %(earlier)s "
                            "(%(earlier_value)s); more than %(share)s %% needs a confirmation with a reason."
                        )
                        % {
                            "stage": later.list_stage,
                            "area": later.area_name,
                            "value": figure(later.total),
                            "change": number_format(round(change, 1), decimal_pos=1),
                            "earlier": earlier.list_stage,
                            "earlier_value": figure(earlier.total),
                            "share": number_format(share),
                        },
                        (figure_key(later), figure_key(earlier)),
                        confirmable=True,
                    )
                )
    return findings
