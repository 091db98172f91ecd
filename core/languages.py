"""Which language translated content is really shown in (see modeltranslation's fallbacks).

An empty English field falls back to the Indonesian text, so an English page can carry
Indonesian content. Pages mark it (``portal.templatetags.languages``) and the admin warns the
publisher who publishes with English fields left empty.
"""

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname


def _value(obj, field, code):
    return str(getattr(obj, build_localized_fieldname(field, code), "") or "").strip()


def shown_language(obj, *fields, page=None):
    """The language the first falling-back field of ``obj`` is shown in on a ``page``-language
    page, or "" when all are in the page's language, empty everywhere, or not translated."""
    page = page or get_language()
    others = [code for code, _name in settings.LANGUAGES if code != page]
    for field in fields:
        if not hasattr(obj, build_localized_fieldname(field, page)):
            continue
        if _value(obj, field, page):
            continue
        for code in others:
            if _value(obj, field, code):
                return code
    return ""


def untranslated_fields(obj, language="en"):
    """Verbose names of ``obj``'s translated fields filled in Indonesian but empty in ``language``.

    Fields rendered from another (``body_html`` from ``body``) are left out: their source is named.
    """
    try:
        fields = translator.get_options_for_model(type(obj)).fields
    except NotRegistered:
        return []
    return [
        str(obj._meta.get_field(field).verbose_name)
        for field in fields
        if not field.endswith("_html")
        and _value(obj, field, settings.LANGUAGE_CODE)
        and not _value(obj, field, language)
    ]
