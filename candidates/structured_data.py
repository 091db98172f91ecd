"""schema.org data for a pair page: a Person per candidate, an Organization per supporting party."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal.urlutils import absolute_url

# As in django.utils.html.json_script: nothing in the data can close the <script> element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """JSON safe to place inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308


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
