"""Honest languages: content shown in another language than the page's says so.

Translated fields fall back to the other language when empty (modeltranslation), so an English
page may show an Indonesian vision or announcement. ``{% lang_attr obj "field" %}`` gives that
element its real ``lang`` (screen readers then read it with the right rules), and
``{% language_note obj "field" … %}`` tells the reader in the page's own language.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html

from core.languages import shown_language

register = template.Library()


@register.simple_tag
def lang_attr(obj, *fields):
    code = shown_language(obj, *fields)
    return format_html(' lang="{}"', code) if code else ""


@register.simple_tag
def language_note(obj, *fields):
    code = shown_language(obj, *fields)
    return render_to_string("includes/_language_note.html", {"code": code}) if code else ""
