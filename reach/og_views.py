"""Link-preview images, drawn once per content and language and then served from storage."""

from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from announcements.models import Announcement, FactCheck
from candidates.models import CandidatePair
from core import sharecards
from core.clock import local_today
from elections import summaries
from elections.models import PollingStation
from elections.views import election_in_view, subdistrict_or_404
from pagecache.store import public_page
from reach.og_cards import PORTAL

# A year: as long as caches keep anything, and longer than any card is shown.
IMMUTABLE_MAX_AGE = 365 * 24 * 60 * 60


def _jpeg(request, card):
    """The card's image; under the address pages link (``?v=`` its digest) it never changes, so
    browsers, CDNs and link unfurlers may keep it for good (another card has another digest)."""
    with default_storage.open(sharecards.ensure(card)) as handle:
        response = HttpResponse(handle.read(), content_type="image/jpeg")
    if request.GET.get("v") == card.digest():
        response.portal_max_age = IMMUTABLE_MAX_AGE  # see pagecache.store.public_page
    return response


@require_safe
@public_page
def portal_image(request):
    return _jpeg(request, PORTAL.share_card())


@require_safe
@public_page
def schedule_image(request, election=None):
    election = election_in_view(election)
    return _jpeg(request, summaries.timeline(election, local_today()).share_card())


@require_safe
@public_page
def pair_image(request, contest, number):
    pair = get_object_or_404(CandidatePair.objects.for_cards(), contest__slug=contest, ballot_number=number)
    return _jpeg(request, pair.share_card())


@require_safe
@public_page
def announcement_image(request, slug):
    return _jpeg(request, get_object_or_404(Announcement.objects.published(), slug=slug).share_card())


@require_safe
@public_page
def factcheck_image(request, slug):
    return _jpeg(request, get_object_or_404(FactCheck.objects.published(), slug=slug).share_card())


@require_safe
@public_page
def subdistrict_image(request, district, subdistrict, election=None):
    election = election_in_view(election)
    subdistrict = subdistrict_or_404(district, subdistrict)
    stations = PollingStation.objects.filter(election=election, subdistrict=subdistrict).count()
    return _jpeg(request, subdistrict.share_card(election, stations))
