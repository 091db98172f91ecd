"""The static mirror kept current between bakes: each page the background renders after a change
(``pagecache.renders``) is written into the mirror too, so with the application down readers
get the page as it was seconds, not one bake interval, before.

Only with ``PORTAL_MIRROR_DIR`` set to a folder a bake wrote (it holds ``ops.bake.MARKER``).
A page withdrawn since (404, 410) is removed from it; addresses the full bake adds or redirects
it writes wait for the next bake (docs/deployment.md, section 7).
"""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.dispatch import receiver

from ops import bake
from pagecache.renders import page_rendered

WITHDRAWN = frozenset({404, 410})


def mirror_folder():
    folder = settings.PORTAL_MIRROR_DIR
    if folder and (Path(folder) / bake.MARKER).exists():
        return Path(folder)
    return None


@receiver(page_rendered, dispatch_uid="portal-mirror-follows-renders")
def follow(sender, address, language, status, headers, content, **kwargs):
    folder = mirror_folder()
    parts = urlsplit(address)
    path = unquote(parts.path)
    if folder is None or not _as_baked(path, language):
        return
    relative = bake.file_for(f"{path}?{parts.query}" if parts.query else path)
    if relative is None:
        return
    if status == 200 and bake.public(headers.get("Cache-Control", "")):
        bake.write(folder, relative, headers.get("Content-Type", "").partition(";")[0].strip(), content)
    elif status in WITHDRAWN:
        bake.remove(folder, relative)


def _as_baked(path, language):
    """Whether this render is the answer the bake writes for ``path``: the bake asks without a
    language preference, so an address without its language in the path holds the default's."""
    if language == "-" or path.startswith(f"/{language}/"):
        return True
    return not any(path.startswith(f"/{code}/") for code, _name in settings.LANGUAGES) and (
        language == settings.LANGUAGE_CODE
    )
