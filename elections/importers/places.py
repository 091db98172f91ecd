"""Finding an import row's election, kecamatan and kelurahan from what staff typed.

Names and slugs are both accepted, without regard to case, extra spaces or a "Kelurahan"/"Kel."
prefix. A one-word kelurahan such as Damai has a slug equal to its name, so every key points at a
set of areas (by primary key), never at a list that could count one kelurahan twice.
"""

import re

from django.utils.translation import gettext as _

from ..models import District, Election, Subdistrict
from .cells import Cells

PREFIX = re.compile(r"^(kecamatan|kelurahan|kec\.?|kel\.?)\s+")


def place_key(text):
    """How a typed name is compared: "Kel.  Gunung Samarinda Baru" -> "gunung samarinda baru"."""
    text = " ".join(str(text).replace("-", " ").casefold().split())
    return PREFIX.sub("", text)


class Places:
    """Kecamatan, kelurahan and elections by typed name or slug, in three queries in all."""

    def __init__(self):
        self.districts = {}
        for district in District.objects.all():
            for key in {place_key(district.name), place_key(district.slug)}:
                self.districts[key] = district
        self.subdistricts = {}
        for subdistrict in Subdistrict.objects.select_related("district"):
            for key in {place_key(subdistrict.name), place_key(subdistrict.slug)}:
                self.subdistricts.setdefault(key, {})[subdistrict.pk] = subdistrict
        self.elections = {election.slug: election for election in Election.objects.all()}
        self.windows = {}

    def election(self, cells):
        slug = cells.get("election").strip().lower()
        if slug not in self.elections:
            cells.problem(
                "election",
                _("Unknown election '%(value)s'.") % {"value": cells.get("election")[:60]},
                Cells.suggest(slug, sorted(self.elections)),
            )
            return None
        return self.elections[slug]

    def window(self, election):
        """The election's timeline for "as of" dates, read once per import."""
        if election.pk not in self.windows:
            self.windows[election.pk] = election.figure_window()
        return self.windows[election.pk]

    def area(self, cells, require_subdistrict=False):
        """(district, subdistrict) for the row; (None, None) is the whole city; None on a problem."""
        district_name, subdistrict_name = cells.get("kecamatan"), cells.get("kelurahan")
        district = None
        if district_name:
            district = self.districts.get(place_key(district_name))
            if district is None:
                cells.problem(
                    "kecamatan",
                    _("Unknown kecamatan '%(value)s'.") % {"value": district_name[:60]},
                    Cells.suggest(district_name, sorted({d.name for d in self.districts.values()})),
                )
                return None
        if not subdistrict_name:
            if require_subdistrict:
                cells.problem(
                    "kelurahan", _("Column 'kelurahan' is empty; every TPS belongs to a kelurahan.")
                )
                return None
            return district, None
        return self._subdistrict(cells, district, subdistrict_name)

    def _subdistrict(self, cells, district, name):
        matches = list(self.subdistricts.get(place_key(name), {}).values())
        if not matches:
            cells.problem(
                "kelurahan",
                _("Unknown kelurahan '%(value)s'.") % {"value": name[:60]},
                Cells.suggest(
                    name, sorted({s.name for found in self.subdistricts.values() for s in found.values()})
                ),
            )
            return None
        if district is not None:
            inside = [s for s in matches if s.district_id == district.pk]
            if not inside:
                elsewhere = ", ".join(sorted(str(s.district) for s in matches))
                cells.problem(
                    "kecamatan",
                    _("Kelurahan '%(value)s' is not in kecamatan %(district)s.")
                    % {"value": name[:60], "district": district},
                    _("Did you mean kecamatan %(districts)s?") % {"districts": elsewhere},
                )
                return None
            matches = inside
        if len(matches) > 1:
            cells.problem(
                "kecamatan",
                _("Kelurahan '%(value)s' is in several kecamatan (%(districts)s); fill in its kecamatan.")
                % {"value": name[:60], "districts": ", ".join(sorted(str(s.district) for s in matches))},
            )
            return None
        return None, matches[0]
