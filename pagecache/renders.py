"""Pages rendered in the background, so that no reader waits for one after a change.

When content changes, the fast path (``pagecache.middleware``) keeps answering each page with
its previous copy and asks for one render of it (``schedule``); a worker (``pagecache.jobs``)
runs that request through the whole application, exactly as a reader's would be, and the new
copy replaces the old for everyone. Right after each committed change, the pages of the sitemap
are also rendered (``refresh``), the home page and the main pages first, so the pages most read
are current before most readers ask.

At most one render per page and content version happens on all servers: whoever adds the
page's render key to the shared cache first renders it (``claim``); a reader arriving while a
page has no copy at all waits briefly for that render instead of starting another.
"""

import hashlib
import io
import re
import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache as shared
from django.core.handlers.wsgi import WSGIHandler
from django.dispatch import Signal
from django.urls import reverse
from django.utils import translation

from pagecache import jobs, timed
from pagecache import store as page_cache
from pagecache.local_copies import PageStore

RENDER_LOCK_SECONDS = 60
REFRESH_PENDING_KEY = "page.refresh.pending"
REFRESH_ADDRESSES_KEY = "page.refresh.addresses.{}"
# Pages per job when the whole sitemap is rendered after a change: a page a reader asked for
# waits for at most one batch.
REFRESH_BATCH = 10
# The pages most read, rendered first after a change in each language (the rest of the sitemap
# follows): URL names, so this layer imports none of the apps above it.
FIRST = ("home", "elections:schedule", "results", "candidates:index", "elections:voters")
# Where readers asked for renders and where the background did them, for make bench and staff.
RENDERS_KEY = "page.renders.{}"
# Set on the requests the background renders, which no client can send (not an HTTP header).
RENDER_ENVIRON_KEY = "portal.render"
# Sent after each background render with its answer, for whatever keeps copies of the site
# beyond the cache (the static mirror, ops.mirror).
page_rendered = Signal()
# Set by a client that must get the current version or a render, never a previous copy: the
# static mirror's bake (ops.bake).
FRESH_ENVIRON_KEY = "portal.fresh"
# Copies replaced in place, so no local copies in front (they would keep the old one).
previous_copies = PageStore(shared)
LOC = re.compile(rb"<loc>([^<]+)</loc>")


def page_key(version, language, address):
    return f"page.fast.{version}.{language}.{hashlib.sha256(address.encode()).hexdigest()}"


def previous_key(language, address):
    """The newest copy of a page, whatever its version: what readers get while it renders."""
    return f"page.previous.{language}.{hashlib.sha256(address.encode()).hexdigest()}"


def claim(version, language, address):
    """Whether this caller is the one to render the page for ``version`` (first come, on all
    servers); the claim lapses after a minute in case its render never finishes."""
    key = f"page.render.{version}.{language}.{hashlib.sha256(address.encode()).hexdigest()}"
    return shared.add(key, 1, timeout=RENDER_LOCK_SECONDS)


def schedule(version, language, address):
    """Ask for one background render of the page for ``version``, unless one is under way."""
    if claim(version, language, address):
        jobs.enqueue("pagecache.renders.render", address, language, description=f"{address} ({language})")


def counted(where):
    """Count one render, ``where`` being ``reader`` or ``background``."""
    key = RENDERS_KEY.format(where)
    try:
        shared.incr(key)  # one round trip once the counter exists
    except ValueError:
        shared.add(key, 1, timeout=None)


def renders():
    """Renders counted so far: ``{"reader": n, "background": n}``."""
    return {where: shared.get(RENDERS_KEY.format(where)) or 0 for where in ("reader", "background")}


def render(address, language):
    """Render the page at ``address`` (absolute, as the fast path keys it) through the whole
    application, as a reader in ``language`` would get it, and let the fast path keep it.

    Returns the status code and body; a server error raises, so the job is retried and, at last,
    shown to staff as failed.
    """
    parts = urlsplit(address)
    secure = parts.scheme == "https"
    environ = {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": parts.path or "/",
        "QUERY_STRING": parts.query,
        "SERVER_NAME": parts.hostname or "localhost",
        "SERVER_PORT": str(parts.port or (443 if secure else 80)),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": parts.netloc,
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": parts.scheme or "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        RENDER_ENVIRON_KEY: True,
    }
    if language != "-":
        environ["HTTP_ACCEPT_LANGUAGE"] = language
    proxy_header = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if secure and proxy_header:
        environ[proxy_header[0]] = proxy_header[1]
    started = []
    # A handler of its own: the fast path's memory of addresses that are not public pages, from an
    # earlier answer, must never keep a page from being rendered and kept.
    handler = WSGIHandler()
    body = handler(environ, lambda status, headers, exc_info=None: started.append((status, headers)))
    try:
        content = b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()
    status, headers = started[0]
    code = int(status.split()[0])
    if code >= 500:
        raise RuntimeError(f"{address} answered {status}")
    page_rendered.send(
        sender=render, address=address, language=language, status=code, headers=dict(headers), content=content
    )
    return code, content


def published():
    """A new content version, and (with background renders) its pages rendered right away."""
    page_cache.bump_content_version()
    request_refresh()


def tick():
    """A moment the clock changes pages (``pagecache.timed``): as after a save. Nothing when
    renders have since moved to readers' requests (a test, a changed setting)."""
    if jobs.background():
        published()


def request_refresh():
    """After a committed change: one refresh of the sitemap's pages, unless one is waiting."""
    if jobs.background() and shared.add(REFRESH_PENDING_KEY, 1, timeout=RENDER_LOCK_SECONDS):
        jobs.enqueue("pagecache.renders.refresh", description="refresh after a change")


def refresh():
    """Right after a change: render the main pages in both languages, then ask for the rest of
    the sitemap as ``later`` work, in batches, so a page a reader is waiting for renders between
    two batches instead of after the whole site."""
    shared.delete(REFRESH_PENDING_KEY)
    timed.schedule_next()
    version = page_cache.content_version()
    base = settings.PORTAL_BASE_URL or f"http://{settings.ALLOWED_HOSTS[0]}"
    first = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            first.extend(base + reverse(name) for name in FIRST)
    status, sitemap = render(base + "/sitemap.xml", "-")
    addresses = [loc.decode() for loc in LOC.findall(sitemap)] if status == 200 else []
    rest = [address for address in dict.fromkeys(addresses) if address not in first]
    shared.set(REFRESH_ADDRESSES_KEY.format(version), rest, timeout=RENDER_LOCK_SECONDS * 60)
    done = render_current(version, first)
    if rest:
        jobs.enqueue(
            "pagecache.renders.refresh_rest", version, 0, description="the rest of the sitemap", later=True
        )
    return done


def refresh_rest(version, start):
    """One batch of the sitemap's pages for ``version``, then the next batch as a new job; stops
    once a newer change has started a refresh of its own."""
    addresses = shared.get(REFRESH_ADDRESSES_KEY.format(version))
    if addresses is None or page_cache.content_version() != version:
        return 0
    done = render_current(version, addresses[start : start + REFRESH_BATCH])
    if start + REFRESH_BATCH < len(addresses):
        jobs.enqueue(
            "pagecache.renders.refresh_rest",
            version,
            start + REFRESH_BATCH,
            description="the rest of the sitemap",
            later=True,
        )
    return done


def render_current(version, addresses):
    """Render each page not yet rendered (or being rendered) for ``version``, while it is current."""
    done = 0
    for address in addresses:
        if page_cache.content_version() != version:
            break
        language = _path_language(urlsplit(address).path)
        if claim(version, language, address):
            render(address, language)
            done += 1
    return done


def _path_language(path):
    """The language the fast path keys ``path`` under for a reader without preferences."""
    if path.startswith("/api/"):
        return "-"
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            return code
    return settings.LANGUAGE_CODE
