from django import template

from core import sharecards, training
from core.urlutils import absolute_url
from reach.og_cards import PORTAL

register = template.Library()


@register.simple_tag(takes_context=True)
def og_image(context, subject=None, **details):
    """The link-preview image of a page: absolute URL (versioned by content), size and alt text.

    ``subject`` is anything with ``share_card()`` and ``get_share_image_url()`` (a pair, an
    announcement, a fact check, the schedule's timeline, a kelurahan given its ``election`` and
    number of ``stations``); without one, the portal's own card.
    """
    subject = subject or PORTAL
    card = subject.share_card(**details)
    return {
        "url": absolute_url(
            f"{subject.get_share_image_url(**details)}?v={card.digest()}", context.get("request")
        ),
        "width": sharecards.WIDTH,
        "height": sharecards.HEIGHT,
        "alt": training.marked(card.alt),
    }
