"""The benchmark's floor: a view that does no work, served by the same stack as the pages.

Routed at /bench/baseline only when PORTAL_BENCH_BASELINE is set (``make bench`` sets it), so
it does not exist in production. See docs/performance.md.
"""

from django.http import HttpResponse
from django.views.decorators.http import require_safe


@require_safe
def baseline(request):
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")
