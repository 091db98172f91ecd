from pathlib import Path

import polib
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"


def test_every_interface_string_has_an_indonesian_translation():
    catalogue = polib.pofile(str(LOCALE / "id" / "LC_MESSAGES" / "django.po"))

    untranslated = [entry.msgid for entry in catalogue if not entry.translated()]

    assert untranslated == []


def test_compiled_catalogues_match_their_sources():
    for language in ("id", "en"):
        source = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        compiled = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
        compiled_ids = {entry.msgid for entry in compiled}

        stale = [entry.msgid for entry in source.translated_entries() if entry.msgid not in compiled_ids]

        assert stale == [], f"{language}: run `make messages`"
