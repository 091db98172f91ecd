from urllib.parse import urlsplit

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.decorators.http import require_safe

from announcements.sitemaps import SITEMAPS as ANNOUNCEMENT_SITEMAPS
from api.sitemaps import SITEMAPS as OPEN_DATA_SITEMAPS
from candidates import views as candidate_views
from candidates.sitemaps import SITEMAPS as CANDIDATE_SITEMAPS
from core import media
from elections import views as election_views
from elections.feeds import CorrectionsFeed
from elections.sitemaps import SITEMAPS as ELECTION_SITEMAPS
from guide.sitemaps import SITEMAPS as GUIDE_SITEMAPS
from pagecache.store import public_page
from reach import og_views, views
from reach.sitemaps import SITEMAPS as PAGE_SITEMAPS

sitemaps = {
    **PAGE_SITEMAPS,
    **ELECTION_SITEMAPS,
    **CANDIDATE_SITEMAPS,
    **ANNOUNCEMENT_SITEMAPS,
    **GUIDE_SITEMAPS,
    **OPEN_DATA_SITEMAPS,
}

urlpatterns = [
    path("", views.root, name="root"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        require_safe(public_page(sitemap_views.sitemap)),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
]

# Each election's pages at an address of its own, for good (elections.links): the short addresses
# below show the current election; these keep showing theirs when a newer one comes.
election_pages = [
    path("", election_views.overview, name="overview"),
    path("jadwal/", election_views.schedule, name="schedule"),
    path("jadwal/kalender.ics", election_views.calendar_feed, name="calendar"),
    path("pemilih/", election_views.voters, name="voters"),
    path("cari-tps/", election_views.find_tps, name="find-tps"),
    path("pemilih/<slug:district>/", election_views.district_detail, name="district"),
    path(
        "pemilih/<slug:district>/<slug:subdistrict>/", election_views.subdistrict_detail, name="subdistrict"
    ),
    path(
        "pemilih/<slug:district>/<slug:subdistrict>/cetak/", views.subdistrict_print, name="subdistrict-print"
    ),
    path("hasil/", views.results, name="results"),
    path("hasil/riwayat/", election_views.results_history, name="results-history"),
    path("hasil/riwayat/feed/", require_safe(public_page(CorrectionsFeed())), name="results-history-feed"),
    path("calon/", candidate_views.index, name="candidates"),
    path("og/jadwal.jpg", og_views.schedule_image, name="og-schedule"),
    path(
        "og/pemilih/<slug:district>/<slug:subdistrict>.jpg", og_views.subdistrict_image, name="og-subdistrict"
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("cari/", views.search_results, name="search"),
    path("og/portal.jpg", og_views.portal_image, name="og-portal"),
    path("og/jadwal.jpg", og_views.schedule_image, name="og-schedule"),
    path("og/calon/<slug:contest>/<int:number>.jpg", og_views.pair_image, name="og-pair"),
    path("og/pengumuman/<slug:slug>.jpg", og_views.announcement_image, name="og-announcement"),
    path("og/cek-fakta/<slug:slug>.jpg", og_views.factcheck_image, name="og-factcheck"),
    path("hasil/", views.results, name="results"),
    path(
        "pemilih/<slug:district>/<slug:subdistrict>/cetak/", views.subdistrict_print, name="subdistrict-print"
    ),
    path(
        "og/pemilih/<slug:district>/<slug:subdistrict>.jpg", og_views.subdistrict_image, name="og-subdistrict"
    ),
    path("", include("elections.urls")),
    path("pemilihan/", election_views.archive, name="archive"),
    path("pemilihan/<slug:election>/", include((election_pages, "election"))),
    path("calon/", include("candidates.urls")),
    path("", include("announcements.urls")),
    path("", include("guide.urls")),
    path("data/", include("api.public_urls")),
    path("laporkan/", include("feedback.urls")),
    prefix_default_language=True,
)

# Uploaded photos from this application, only without a separate media origin (see core.media).
if not urlsplit(settings.MEDIA_URL).netloc:
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve, name="media"))

# The benchmark's floor (make bench, docs/performance.md); the URL exists only when asked for.
if settings.PORTAL_BENCH_BASELINE:
    from ops.bench import baseline

    urlpatterns.append(path("bench/baseline", baseline, name="bench-baseline"))

handler500 = "ops.failures.server_error"
