"""schema.org data for a pair page: a Person per candidate, an Organization per supporting party."""

from django.utils.translation import get_language

from core.urlutils import absolute_url


def _person(candidate, request):
    person = {"@type": "Person", "name": candidate.full_name, "description": candidate.title}
    if candidate.birth_date:
        person["birthDate"] = candidate.birth_date
    if candidate.birth_place:
        person["birthPlace"] = {"@type": "Place", "name": candidate.birth_place}
    if candidate.picture:
        person["image"] = absolute_url(candidate.picture.largest["url"], request)
    return person


def pair_page(pair, request):
    """The page as a WebPage about the two candidates, mentioning the parties that support them."""
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "url": absolute_url(pair.get_absolute_url(), request),
        "inLanguage": get_language(),
        "name": pair.names,
        "about": [_person(candidate, request) for candidate in pair.ordered_candidates()],
        "mentions": [
            {"@type": "Organization", "name": party.name, "alternateName": party.abbreviation}
            for party in pair.parties.all()
        ],
    }
