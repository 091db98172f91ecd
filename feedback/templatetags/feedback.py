from django import template
from django.urls import reverse
from django.utils.http import urlencode

from core.urlutils import canonical_path

register = template.Library()


@register.simple_tag(takes_context=True)
def report_url(context):
    """The report form for the page being shown, by its canonical address (never ?fbclid=),
    so a cached page carries the same link for every reader."""
    request = context.get("request")
    if request is None:
        return ""
    return f"{reverse('feedback:report')}?{urlencode({'dari': canonical_path(request)})}"
