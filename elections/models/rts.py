"""The RTs a TPS serves, as staff write them: "RT 001-005, 012".

KPU assigns each voter to a TPS by address, and a TPS usually serves a few neighbouring RTs (a
large RT may be split over two TPS). Staff copy the list from the PPS's assignment, so the text
is forgiving: an optional "RT" before each part, commas or semicolons between parts, "-", "–" or
"s/d" (sampai dengan) in a range, and numbers with or without leading zeros. It is stored in
one canonical form (``001-005, 012``) so a list reads the same wherever it is shown.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_RT = 999
SEPARATORS = re.compile(r"[,;\n]+")
# What a reader types for their own RT: "5", "005", "RT 5", or RT/RW as on the KTP, "005/003".
READER_RT = re.compile(r"^(?:rt\s*/\s*rw\.?\s*|rt\.?\s*)?(\d{1,3})(?:\s*/\s*\d{1,3})?$")
RANGE = re.compile(r"^(?:rt\.?\s*)?(\d{1,4})(?:\s*(?:-|–|—|s/?d|sampai)\s*(?:rt\.?\s*)?(\d{1,4}))?$")


def parse(text):
    """Sorted, merged (first, last) ranges for ``text``; ValidationError names every bad part."""
    ranges, problems = [], []
    for part in SEPARATORS.split(str(text or "").casefold()):
        part = " ".join(part.split())
        if not part:
            continue
        match = RANGE.match(part)
        if match is None:
            problems.append(
                _("'%(part)s' is not an RT number or range such as 001-005.") % {"part": part[:30]}
            )
            continue
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last > MAX_RT:
            problems.append(
                _("RT numbers run from 1 to %(max)d ('%(part)s').") % {"max": MAX_RT, "part": part}
            )
        elif last < first:
            problems.append(_("The range '%(part)s' runs backwards; write it lowest first.") % {"part": part})
        else:
            ranges.append((first, last))
    if problems:
        raise ValidationError(problems)
    return _merged(sorted(ranges))


def _merged(ranges):
    merged = []
    for first, last in ranges:
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def display(ranges):
    """ "001-005, 012" for [(1, 5), (12, 12)]."""
    return ", ".join(f"{first:03d}" if first == last else f"{first:03d}-{last:03d}" for first, last in ranges)


def normalise(text):
    """The canonical form of ``text``; raises ValidationError like ``parse``."""
    return display(parse(text))


def number(text):
    """A reader's RT ("5", "005", "RT 5", "005/003") as a number, or None when it is not one."""
    match = READER_RT.match(" ".join(str(text or "").casefold().split()))
    if match is None:
        return None
    value = int(match.group(1))
    return value if 1 <= value <= MAX_RT else None


def serves(ranges, rt):
    return any(first <= rt <= last for first, last in ranges)


def every_rt(ranges):
    """Each RT number the ranges cover, in order."""
    return [rt for first, last in ranges for rt in range(first, last + 1)]
