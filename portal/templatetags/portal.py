"""Template helpers shared by every app: figures, percentages and absolute links."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from portal.urlutils import absolute_url as _absolute_url

register = template.Library()


@register.filter
def figure(value):
    """A count in the reader's number format, or "not yet available" when it is unknown."""
    if value is None or value == "":
        return _("not yet available")
    return intcomma(value)


@register.filter
def percent(value, digits=1):
    """A percentage (60.5) in the reader's number format, or "not yet available"."""
    if value is None or value == "":
        return _("not yet available")
    return f"{number_format(value, decimal_pos=int(digits), use_l10n=True)} %"


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return _absolute_url(path, context.get("request"))
