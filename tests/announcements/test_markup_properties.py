"""Property-based tests of what turns staff text into HTML: whatever is typed, the result can
run no script, and structured data can never end its script block."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from announcements.models import FactCheck
from announcements.models.factchecks import evidence_lines, validate_evidence
from core.markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, json_ld, render_markdown, sanitise

from .conftest import XSS_PAYLOADS

ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


class _Active(HTMLParser):
    """What in a sanitised fragment could run script or restyle the page.

    A link may be relative (``jadwal/``, even ``%3Cscript``: a path on this site), but a link with
    a scheme, read the way a browser reads it, must use an allowed one.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            allowed = {*ALLOWED_ATTRIBUTES.get(tag, ()), *(("rel",) if tag == "a" else ())}
            if name.startswith("on") or name == "style" or name not in allowed:
                self.problems.append(f"{tag}[{name}]")
            elif name == "href" and _scheme(value) not in ALLOWED_SCHEMES | {None}:
                self.problems.append(f"{tag}[href={value!r}]")


def _scheme(url):
    # Browsers drop surrounding controls and spaces and every tab or newline before parsing.
    cleaned = re.sub(
        r"[\t\n\r]", "", (url or "").strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f \x7f")
    )
    match = SCHEME.match(cleaned)
    return match[1].lower() if match else None


def fragment_problems(html):
    finder = _Active()
    finder.feed(html)
    finder.close()
    return finder.problems


# Fragments that combine into the attacks a sanitiser has to survive.
FRAGMENTS = st.sampled_from(
    [
        *XSS_PAYLOADS,
        "<",
        ">",
        "</",
        "script",
        "<scr",
        "ipt>",
        " onerror=",
        " on",
        "load=alert(1)",
        "javascript:",
        "java\tscript:",
        "&#x6A;",
        "&lt;",
        "[x](",
        ")",
        "![i](",
        "**",
        "`",
        "<!--",
        "-->",
        "<![CDATA[",
        '"',
        "'",
        "\n",
        "\n\n",
        "<a href=",
        "<svg>",
        "<math>",
        "<style>",
        "<table><tr><td>",
    ]
)
HOSTILE_TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=HOSTILE_TEXT)
def test_rendered_markdown_never_contains_active_content(text):
    html = render_markdown(text)

    assert fragment_problems(html) == []
    assert fragment_problems(sanitise(html)) == []


@settings(max_examples=300, deadline=None)
@given(html=HOSTILE_TEXT)
def test_sanitised_html_never_contains_active_content(html):
    assert fragment_problems(sanitise(html)) == []


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts = []
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self.scripts.append("")

    def handle_data(self, data):
        if self.tags and self.tags[-1] == "script":
            self.scripts[-1] += data


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.one_of(HOSTILE_TEXT, st.text()),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(st.text(max_size=10), JSON_VALUES, max_size=6))
def test_json_ld_round_trips_and_never_escapes_its_script_block(data):
    text = str(json_ld(data))
    page = f'<script type="application/ld+json">{text}</script><p>after</p>'

    parser = _Scripts()
    parser.feed(page)

    assert "<" not in text and ">" not in text
    assert len(parser.scripts) == 1 and parser.tags == ["script", "p"]
    assert json.loads(parser.scripts[0]) == data


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(HOSTILE_TEXT, st.text()))
def test_evidence_parsing_never_fails_and_only_web_links_reach_the_page(text):
    pairs = evidence_lines(text)

    assert all("\n" not in url and "\r" not in url for _label, url in pairs)
    assert all(
        url.startswith(("https://", "http://")) for _label, url in FactCheck(evidence=text).evidence_links
    )
    try:
        validate_evidence(text)
    except ValidationError as error:
        assert error.code == "bad_link"


@pytest.mark.parametrize(
    "scheme", ["javascript:", "data:text/html,", "vbscript:", "file:///", " javascript:"]
)
def test_evidence_with_a_dangerous_scheme_is_refused(scheme):
    with pytest.raises(ValidationError):
        validate_evidence(f"Sumber | {scheme}alert(1)")
