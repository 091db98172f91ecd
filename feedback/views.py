from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from pagecache.store import public_page

from . import throttle
from .forms import ReportForm, public_page_path


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report(request):
    """The report form, on its own page: only here does a reader get a (CSRF) cookie."""
    if request.method == "POST":
        form = ReportForm(request.POST)
        if throttle.exhausted(request):
            form.add_error(
                None, _("You have sent several reports in the last hour. Please wait a while and try again.")
            )
            return render(request, "feedback/report.html", {"form": form}, status=429)
        if form.is_valid():
            form.instance.language = translation.get_language()
            form.save()
            throttle.count(request)
            return redirect("feedback:thanks")
        return render(request, "feedback/report.html", {"form": form}, status=400)
    page = public_page_path(request.GET.get("dari"))
    if page is None:
        raise Http404("Reports are made from a page of the portal.")
    return render(request, "feedback/report.html", {"form": ReportForm(initial={"page": page})})


@require_safe
@public_page
def thanks(request):
    return render(request, "feedback/thanks.html")
