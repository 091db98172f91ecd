"""Link-preview images, drawn once per content and language and then served from storage."""

from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from announcements.models import Announcement, FactCheck
from candidates.models import CandidatePair
from elections import summaries
from elections.models import PollingStation
from elections.views import featured_election, subdistrict_or_404

from . import og, og_cards
from .cache import public_page
from .clock import local_today


def _jpeg(card):
    with default_storage.open(og.ensure(card)) as handle:
        return HttpResponse(handle.read(), content_type="image/jpeg")


@require_safe
@public_page
def portal_image(request):
    return _jpeg(og_cards.portal_card())


@require_safe
@public_page
def schedule_image(request):
    election = featured_election()
    return _jpeg(og_cards.schedule_card(election, summaries.timeline(election, local_today())))


@require_safe
@public_page
def pair_image(request, contest, number):
    pair = get_object_or_404(CandidatePair.objects.for_cards(), contest__slug=contest, ballot_number=number)
    return _jpeg(og_cards.pair_card(pair))


@require_safe
@public_page
def announcement_image(request, slug):
    return _jpeg(og_cards.announcement_card(get_object_or_404(Announcement.objects.published(), slug=slug)))


@require_safe
@public_page
def factcheck_image(request, slug):
    return _jpeg(og_cards.factcheck_card(get_object_or_404(FactCheck.objects.published(), slug=slug)))


@require_safe
@public_page
def subdistrict_image(request, district, subdistrict):
    election = featured_election()
    subdistrict = subdistrict_or_404(district, subdistrict)
    stations = PollingStation.objects.filter(election=election, subdistrict=subdistrict).count()
    return _jpeg(og_cards.subdistrict_card(subdistrict, election, stations))
