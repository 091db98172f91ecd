"""Where an election's pages live: each election keeps its own addresses for good
(``/id/pemilihan/pilkada-2024/jadwal/``), and the short ones (``/id/jadwal/``) show whichever
election is current, so what was shared stays valid and what is new is easy to type.

A page of the current election links to the short addresses (what readers share); a page of an
earlier election links within its own addresses, so a reader of the 2024 archive stays in 2024.
Every page names its permanent address as canonical (``permanent_url``).
"""

from django.urls import reverse

from core.urlutils import absolute_url

from .models import Subdistrict

# Permanent page name (namespace "election") -> the short address's name, where it has one.
SHORT_NAMES = {
    "schedule": "elections:schedule",
    "calendar": "elections:calendar",
    "voters": "elections:voters",
    "district": "elections:district",
    "subdistrict": "elections:subdistrict",
    "subdistrict-print": "subdistrict-print",
    "find-tps": "elections:find-tps",
    "results": "results",
    "candidates": "candidates:index",
    "og-schedule": "og-schedule",
    "og-subdistrict": "og-subdistrict",
}


def election_path(election, name, **kwargs):
    """The path a page of ``election`` links to: short while it is current, permanent otherwise."""
    if election.is_the_current() and name in SHORT_NAMES:
        return reverse(SHORT_NAMES[name], kwargs=kwargs)
    return permanent_path(election, name, **kwargs)


def permanent_path(election, name, **kwargs):
    return reverse(f"election:{name}", kwargs={"election": election.slug, **kwargs})


def permanent_url(request, election, name, **kwargs):
    return absolute_url(permanent_path(election, name, **kwargs), request)


def area_path(election, area):
    """The page of a kecamatan or kelurahan (the city's areas) for ``election``."""
    if isinstance(area, Subdistrict):
        return election_path(election, "subdistrict", district=area.district.slug, subdistrict=area.slug)
    return election_path(election, "district", district=area.slug)
