"""Which language translated content is really shown in, for pages and for publishers."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from core.languages import shown_language, untranslated_fields
from elections.models import PollingStation


def station(**notes):
    return PollingStation(number=1, source="s", as_of=date(2024, 11, 20), **notes)


@pytest.mark.parametrize(
    ("page", "notes", "shown"),
    [
        ("en", {"accessibility_notes_ind": "Ramp di pintu samping."}, "id"),
        ("en", {"accessibility_notes_ind": "Ramp", "accessibility_notes_en": "Side ramp"}, ""),
        ("id", {"accessibility_notes_en": "Side ramp"}, "en"),
        ("id", {"accessibility_notes_ind": "Ramp"}, ""),
        ("en", {}, ""),
    ],
)
def test_the_language_content_is_shown_in(page, notes, shown):
    assert shown_language(station(**notes), "accessibility_notes", page=page) == shown


def test_the_tags_mark_the_element_and_say_so_in_the_pages_language():
    template = Template(
        '{% load languages %}<p{% lang_attr tps "accessibility_notes" %}>x</p>'
        '{% language_note tps "accessibility_notes" %}'
    )

    with translation.override("en"):
        english = template.render(Context({"tps": station(accessibility_notes_ind="Ramp")}))
    with translation.override("id"):
        indonesian = template.render(Context({"tps": station(accessibility_notes_en="Side ramp")}))

    assert english.startswith('<p lang="id">x</p>') and "Available in Indonesian only." in english
    assert (
        indonesian.startswith('<p lang="en">x</p>') and "Hanya tersedia dalam bahasa Inggris." in indonesian
    )


def test_untranslated_fields_name_what_english_readers_miss():
    with translation.override("en"):
        assert untranslated_fields(station(accessibility_notes_ind="Ramp")) == ["accessibility notes"]
        assert (
            untranslated_fields(station(accessibility_notes_ind="Ramp", accessibility_notes_en="Ramp")) == []
        )
