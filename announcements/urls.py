from django.urls import path
from django.views.decorators.http import require_safe

from pagecache.store import public_page

from . import feeds, views

app_name = "announcements"


def feed(feed_class):
    return require_safe(public_page(feed_class()))


urlpatterns = [
    path("pengumuman/", views.announcement_list, name="list"),
    path("pengumuman/feed/atom/", feed(feeds.AnnouncementAtomFeed), name="feed-atom"),
    path("pengumuman/feed/rss/", feed(feeds.AnnouncementFeed), name="feed-rss"),
    path(
        "pengumuman/feed/<slug:category>/atom/", feed(feeds.AnnouncementAtomFeed), name="category-feed-atom"
    ),
    path("pengumuman/feed/<slug:category>/rss/", feed(feeds.AnnouncementFeed), name="category-feed-rss"),
    path("pengumuman/<slug:slug>/", views.announcement_detail, name="detail"),
    path("pengumuman/<slug:slug>/riwayat/", views.announcement_history, name="history"),
    path("pengumuman/<slug:slug>/lampiran/<int:pk>/", views.attachment, name="attachment"),
    path("cek-fakta/", views.factcheck_list, name="factcheck-list"),
    path("cek-fakta/feed/atom/", feed(feeds.FactCheckAtomFeed), name="factcheck-feed-atom"),
    path("cek-fakta/feed/rss/", feed(feeds.FactCheckFeed), name="factcheck-feed-rss"),
    path("cek-fakta/<slug:slug>/", views.factcheck_detail, name="factcheck-detail"),
    path("cek-fakta/<slug:slug>/riwayat/", views.factcheck_history, name="factcheck-history"),
]
