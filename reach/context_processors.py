from django.conf import settings
from django.utils import translation

from core.urlutils import absolute_url, canonical_path, language_versions
from reach.search import MAX_QUERY_LENGTH

OG_LOCALES = {"id": "id_ID", "en": "en_US"}


def portal(request):
    language = translation.get_language()
    return {
        "portal_publisher": settings.PORTAL_PUBLISHER,
        "portal_contact_email": settings.PORTAL_CONTACT_EMAIL,
        "portal_official_site": settings.PORTAL_OFFICIAL_SITE,
        "language_versions": language_versions(request),
        "canonical_url": absolute_url(canonical_path(request), request),
        "og_locale": OG_LOCALES.get(language, "id_ID"),
        "search_max_length": MAX_QUERY_LENGTH,
        "og_locale_alternates": [v for k, v in OG_LOCALES.items() if k != language],
        # Filled by {% page_meta %} in a template's meta block; read by the head and share action.
        "page_info": {
            **dict.fromkeys(("title", "description", "image", "og_type", "share_text"), ""),
            "shareable": True,
        },
    }
