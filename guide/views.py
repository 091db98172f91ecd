from django.shortcuts import render
from django.views.decorators.http import require_safe

from pagecache.store import public_page

from .models import Section, Term


@require_safe
@public_page
def how_to_vote(request):
    return render(request, "guide/how_to_vote.html", {"sections": Section.objects.all()})


@require_safe
@public_page
def glossary(request):
    return render(request, "guide/glossary.html", {"terms": Term.objects.all()})
