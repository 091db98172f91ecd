"""Link-preview images, drawn once per content and language and then served from storage."""

from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from announcements.models import Announcement, FactCheck
from candidates.models import CandidatePair
from elections import summaries
from elections.views import featured_election

from . import og, og_cards
from .cache import public_page
from .clock import local_today

# A year: as long as caches keep anything, and longer than any card is shown.
IMMUTABLE_MAX_AGE = 365 * 24 * 60 * 60


def _jpeg(request, card):
    """The card's image; under the address pages link (``?v=`` its digest) it never changes, so
    browsers, CDNs and link unfurlers may keep it for good (another card has another digest)."""
    with default_storage.open(og.ensure(card)) as handle:
        response = HttpResponse(handle.read(), content_type="image/jpeg")
    if request.GET.get("v") == card.digest():
        response.portal_max_age = IMMUTABLE_MAX_AGE  # see portal.cache.public_page
    return response


@require_safe
@public_page
def portal_image(request):
    return _jpeg(request, og_cards.portal_card())


@require_safe
@public_page
def schedule_image(request):
    election = featured_election()
    return _jpeg(request, og_cards.schedule_card(election, summaries.timeline(election, local_today())))


@require_safe
@public_page
def pair_image(request, contest, number):
    pair = get_object_or_404(CandidatePair.objects.for_cards(), contest__slug=contest, ballot_number=number)
    return _jpeg(request, og_cards.pair_card(pair))


@require_safe
@public_page
def announcement_image(request, slug):
    return _jpeg(
        request, og_cards.announcement_card(get_object_or_404(Announcement.objects.published(), slug=slug))
    )


@require_safe
@public_page
def factcheck_image(request, slug):
    return _jpeg(
        request, og_cards.factcheck_card(get_object_or_404(FactCheck.objects.published(), slug=slug))
    )
