import json

import pytest
from django.template import Context, Template

from core.markup import json_ld, render_markdown, sanitise

from .conftest import XSS_PAYLOADS, XSS_TEXT, fragment_problems


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markdown_rendering_neutralises_each_payload(payload):
    html = render_markdown(f"Paragraf biasa.\n\n{payload}\n\nParagraf penutup.")

    assert fragment_problems(html) == []
    assert "Paragraf penutup." in html


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_sanitising_stored_html_neutralises_each_payload(payload):
    assert fragment_problems(sanitise(f"<p>teks</p>{payload}")) == []


def test_script_and_style_are_removed_with_their_content():
    html = render_markdown("<script>alert('xss')</script><style>p{}</style>Aman")

    assert "alert" not in html
    assert "p{}" not in html
    assert "Aman" in html


def test_everyday_markdown_survives_sanitising():
    source = (
        "## Jadwal\n\nTPS buka pukul **07.00**, *tutup* 13.00.\n\n"
        "- satu\n- dua\n\n1. pertama\n\n> kutipan\n\n"
        "[Jadwal KPU](https://www.kpu.go.id/) · [jadwal](/id/jadwal/) · [surel](mailto:info@example.org)"
    )

    html = render_markdown(source)

    assert "<h2>Jadwal</h2>" in html
    assert "<strong>07.00</strong>" in html and "<em>tutup</em>" in html
    assert "<ul>" in html and "<ol>" in html and "<blockquote>" in html
    assert '<a href="https://www.kpu.go.id/" rel="noopener noreferrer">Jadwal KPU</a>' in html
    assert 'href="/id/jadwal/"' in html
    assert 'href="mailto:info@example.org"' in html


def test_links_keep_only_safe_schemes():
    html = render_markdown("[a](javascript:alert(1)) [b](vbscript:x) [c](https://ok.example/)")

    assert "javascript" not in html and "vbscript" not in html
    assert 'href="https://ok.example/"' in html


def test_markdown_template_filter_renders_safe_html():
    html = Template("{% load portal %}{{ text|markdown }}").render(
        Context({"text": f"**tebal**\n\n{XSS_TEXT}"})
    )

    assert "<strong>tebal</strong>" in html
    assert fragment_problems(html) == []


def test_sanitised_template_filter_cleans_stored_html():
    stored = '<p onclick="alert(1)">teks</p><script>alert(1)</script>'

    html = Template("{% load portal %}{{ html|sanitised }}").render(Context({"html": stored}))

    assert html == "<p>teks</p>"


def test_json_ld_cannot_close_its_script_block():
    text = json_ld({"claimReviewed": "</script><script>alert(1)</script> & <!--"})

    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"claimReviewed": "</script><script>alert(1)</script> & <!--"}
