from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from announcements.sitemaps import SITEMAPS as ANNOUNCEMENT_SITEMAPS
from candidates.sitemaps import SITEMAPS as CANDIDATE_SITEMAPS
from elections.sitemaps import SITEMAPS as ELECTION_SITEMAPS

from . import views
from .cache import public_page
from .sitemaps import PageSitemap

sitemaps = {
    "pages": PageSitemap,
    **ELECTION_SITEMAPS,
    **CANDIDATE_SITEMAPS,
    **ANNOUNCEMENT_SITEMAPS,
}

urlpatterns = [
    path("", views.root, name="root"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        public_page(sitemap_views.sitemap),
        {"sitemaps": sitemaps},
        name="sitemap",
    ),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("elections.urls")),
    path("calon/", include("candidates.urls")),
    path("", include("announcements.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
