from core.sitemaps import NamedPageSitemap
from elections.models import Election

from .models import Section, Term


class GuideSitemap(NamedPageSitemap):
    priority = 0.8
    changefreq = "weekly"
    pages = {"guide:how-to-vote": (Election, Section), "guide:glossary": (Term,)}


SITEMAPS = {"guide": GuideSitemap}
