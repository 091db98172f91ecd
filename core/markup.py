"""Staff-written Markdown made safe to publish: rendered, then cleaned with nh3 against an allow-list.

Markdown passes raw HTML through, so its output is never trusted: only the tags and attributes
below survive, links may only point at http(s), mailto and tel, and ``script``/``style`` are
dropped together with their content. Use it when content is saved *and* again when it is
rendered, so a row written by other means (a shell, a restored backup) is still safe to show.
"""

import json

import markdown
import nh3
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "blockquote",
        "br",
        "code",
        "em",
        "h2",
        "h3",
        "h4",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
MARKDOWN_EXTENSIONS = ["sane_lists", "tables"]


def sanitise(html):
    """HTML reduced to the allow-list; safe to insert into a page as it is."""
    cleaned = nh3.clean(
        html or "",
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just removed everything outside the allow-list


def render_markdown(text):
    """Markdown source as sanitised HTML."""
    html = markdown.markdown(text or "", extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return sanitise(html)


_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """Structured data for a ``<script type="application/ld+json">`` block.

    Django's ``json_script`` fixes the type to ``application/json``; this applies the same
    escaping, so no value (a claim quoting ``</script>``, say) can end the block early.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True).translate(
        _JSON_SCRIPT_ESCAPES
    )
    return SafeString(text)
