"""Template helpers shared by every app: figures, percentages and absolute links."""

import html

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeData
from django.utils.translation import gettext as _

from core import training
from core.markup import render_markdown, sanitise
from core.urlutils import absolute_url as _absolute_url
from core.urlutils import page_query as _page_query

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


@register.simple_tag(takes_context=True)
def page_query(context, **changes):
    """Like ``{% querystring %}``, but keeping only the parameters that change a page.

    e.g. ``{% page_query halaman=2 %}`` on ``?kategori=politik-uang&fbclid=…`` gives
    ``?kategori=politik-uang&halaman=2``: the page is cached for every reader, so it must not
    carry the first reader's tracking parameters.
    """
    return f"?{_page_query(context['request'], **changes)}"


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
    """Staff-written Markdown as sanitised HTML (see core.markup)."""
    return render_markdown(text)


@register.filter
def sanitised(html):
    """Stored HTML cleaned again as it is rendered (see core.markup)."""
    return sanitise(html)


@register.simple_tag(takes_context=True)
def page_meta(
    context, title="", description="", image=None, og_type="website", share_text="", shareable=True
):
    """Declare what the page is about, once, for the head (title, Open Graph) and the share action.

    ``shareable=False`` leaves the share action out (a page made for printing, not for passing on).

    Called inside ``{% block meta %}``, which base.html renders before everything that reads it.
    """
    info = context.get("page_info")
    if info is None:
        # Rendered without the context processor (the 500 page): keep it for the whole render.
        info = context.dicts[0]["page_info"] = {}
    # Every key is always present: templates use them as filter arguments, which must resolve.
    info.update(
        title=_plain(title),
        description=_plain(description),
        image=image,
        og_type=og_type,
        share_text=_plain(share_text),
        shareable=shareable,
    )
    return ""


def _plain(value):
    """Text as a reader sees it. ``{% blocktranslate asvar %}`` hands over HTML-escaped text
    ("Sa&#x27;bani &amp; ..."): fine in the head, but the share block URL-encodes these values
    for WhatsApp and Telegram, where the entities would show. Escaped again where output."""
    return html.unescape(str(value)) if isinstance(value, SafeData) else value


@register.simple_tag
def training_mark():
    """The training mark while training (``{% training_mark as mark %}``), else empty."""
    return training.mark()


@register.filter(is_safe=True)
def marked(text):
    """``text`` led by the training mark while training: for titles and share texts."""
    return training.marked(text)
