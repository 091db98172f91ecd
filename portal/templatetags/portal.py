"""Template helpers shared by every app: figures, percentages and absolute links."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import date_format, number_format
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


@register.simple_tag
def date_range(start, end):
    """ "25 September – 23 November 2024", or one date when the range is a single day."""
    if start == end:
        return date_format(start, "DATE_FORMAT")
    if start.year == end.year:
        left = date_format(start, "MONTH_DAY_FORMAT")
    else:
        left = date_format(start, "DATE_FORMAT")
    return f"{left} – {date_format(end, 'DATE_FORMAT')}"


@register.filter
def lookup(mapping, key):
    """``mapping[key]`` for templates, or None when absent."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def change(value):
    """A signed, localised difference such as +1.234 or −147; "not yet available" when unknown."""
    if value is None or value == "":
        return _("not yet available")
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{intcomma(abs(value))}"


@register.filter
def markdown(text):
    """Staff-written Markdown as sanitised HTML (see portal.markup)."""
    from portal.markup import render_markdown

    return render_markdown(text)


@register.filter
def sanitised(html):
    """Stored HTML cleaned again as it is rendered (see portal.markup)."""
    from portal.markup import sanitise

    return sanitise(html)
