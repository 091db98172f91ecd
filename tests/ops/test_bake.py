"""``manage.py bake DIR``: the whole public site as files a plain web server can serve, and the
shipped nginx configuration serving them with the application down (deploy/nginx).

Each bake crawls the demo's ~1,000 answers, so one bake serves each test's many checks.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from elections.models import Election
from ops import bake
from pagecache import jobs
from pagecache import store as page_cache
from tests.support.nginx import fetch, serving
from tests.support.pages import sitemap_paths

pytestmark = pytest.mark.django_db


@pytest.fixture
def mirror(demo, tmp_path):
    folder = tmp_path / "mirror"
    out = StringIO()
    call_command("bake", str(folder), stdout=out)
    assert out.getvalue().startswith("Baked ")
    return folder


def baked(folder, address, content_type="text/html"):
    return folder / bake._target(bake.file_for(address), content_type).lstrip("/")


def test_the_mirror_holds_every_public_answer_as_the_app_gives_it_and_nothing_private(client, mirror):
    paths = sitemap_paths(client)
    files = {path.relative_to(mirror).as_posix() for path in mirror.rglob("*") if path.is_file()}
    rules = (mirror / "redirects.conf").read_text()
    expected = {
        "id/pengumuman/feed/atom/index.atom": b"<feed",
        "en/cek-fakta/feed/rss/index.rss": b"<rss",
        "id/jadwal/kalender.ics": b"BEGIN:VCALENDAR",
        "sitemap.xml": b"<urlset",
        "robots.txt": b"User-agent",
        "api/v1/results.csv": b"\xef\xbb\xbf",
        "api/v1/results.xlsx": b"PK",
        "api/v1/datasets.zip": b"PK",
        "api/v1/datapackage.json": b"{",
        "api/v1/districts/index.json": b"{",
        "api/v1/districts/balikpapan-kota/index.json": b"{",
        ".q/lang=en/api/v1/results.csv": b"\xef\xbb\xbf",
        ".q/kategori=jadwal/id/pengumuman/index.html": b"<!doctype html>",
        "api/openapi.json": b"{",
        "offline.html": b"<!doctype html>",
    }

    assert len(paths) > 150
    for path in paths:
        assert baked(mirror, path).read_bytes() == client.get(path).content, path
    for name, start in expected.items():
        assert start in (mirror / name).read_bytes()[:100], name
    assert [name for name in files if name.startswith(".q/v=") and name.endswith(".jpg")], "preview images"
    assert [name for name in files if name.startswith("static/css/")]
    assert "location = / { return 302 /id/; }" in rules
    assert (
        "location = /pemilihan/pilkada-2024/pemilih/balikpapan-kota/damai/ "
        "{ return 302 /id/pemilihan/pilkada-2024/pemilih/balikpapan-kota/damai/; }" in rules
    )
    assert not [name for name in files if name.startswith(("admin", "id/laporkan", "en/laporkan"))]
    assert not [name for name in files if "/cari/" in name]
    assert not [name for name in files if b"csrfmiddlewaretoken" in (mirror / name).read_bytes()]


def test_nginx_serves_the_mirror_alone_with_the_app_and_database_down(client, mirror, tmp_path):
    paths = sitemap_paths(client)
    expected_bodies = {path: client.get(path).content for path in paths}

    with serving("mirror-only.conf", mirror, tmp_path / "nginx") as base:
        answers = {path: fetch(base + path) for path in paths}
        feed = fetch(f"{base}/id/pengumuman/feed/atom/")
        rss = fetch(f"{base}/en/cek-fakta/feed/rss/")
        calendar = fetch(f"{base}/id/jadwal/kalender.ics")
        csv = fetch(f"{base}/api/v1/results.csv?lang=en")
        api = fetch(f"{base}/api/v1/districts/balikpapan-kota")
        shared = fetch(f"{base}/id/jadwal/?utm_source=whatsapp&fbclid=x1")
        filtered = fetch(f"{base}/api/v1/results?district=balikpapan-utara")
        second_page = fetch(f"{base}/id/pengumuman/?halaman=9&utm_source=whatsapp")
        root = fetch(f"{base}/")
        search = fetch(f"{base}/id/cari/?q=tps")
        compressed = fetch(f"{base}/id/jadwal/", {"Accept-Encoding": "gzip"})

    assert {path: status for path, (status, _, _) in answers.items() if status != 200} == {}
    assert [path for path, (_, _, body) in answers.items() if body != expected_bodies[path]] == []
    assert feed[1]["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert rss[1]["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert calendar[1]["Content-Type"] == "text/calendar; charset=utf-8"
    assert csv[1]["Content-Type"] == "text/csv; charset=utf-8" and csv[2].startswith(b"\xef\xbb\xbf")
    assert api[0] == 200 and api[1]["Content-Type"] == "application/json; charset=utf-8"
    assert shared[2] == client.get("/id/jadwal/").content
    # A filter or page the bake did not keep is not answered with the unfiltered answer.
    assert filtered[0] == 404 and second_page[0] == 404
    assert (root[0], root[1]["Location"].rpartition(":")[2].partition("/")[2]) == (302, "id/")
    assert search[0] == 503 and "sementara tidak tersedia" in search[2].decode()
    assert compressed[1]["Content-Encoding"] == "gzip"


def test_the_production_configuration_falls_back_to_the_mirror_when_the_app_does_not_answer(
    client, mirror, tmp_path
):
    with serving("portal-pilkada.conf", mirror, tmp_path / "nginx") as base:
        home = fetch(f"{base}/id/")
        voters = fetch(f"{base}/en/pemilih/balikpapan-kota/damai/")
        search = fetch(f"{base}/id/cari/?q=tps")

    assert home[0] == 200 and home[1]["X-Portal-Copy"] == "mirror"
    assert home[2] == client.get("/id/").content
    assert voters[0] == 200 and voters[2] == client.get("/en/pemilih/balikpapan-kota/damai/").content
    assert search[0] == 503 and "temporarily unavailable" in search[2].decode()


def test_a_new_bake_replaces_the_mirror_whole(db, tmp_path, monkeypatch):
    folder = tmp_path / "mirror"
    folder.mkdir()
    (folder / "withdrawn.html").write_text("an announcement since withdrawn")
    (folder / bake.MARKER).write_text("")  # an earlier bake

    def one_page(baker):
        (baker.folder / "index.html").write_text("the new copy")
        baker.report.pages = 1
        return baker.report

    monkeypatch.setattr(bake.Baker, "bake", one_page)
    call_command("bake", str(folder), stdout=StringIO())

    assert sorted(path.name for path in folder.iterdir()) == [bake.MARKER, "index.html", "offline.html"]
    assert not list(tmp_path.glob(".mirror.*"))


def test_a_folder_that_is_not_a_mirror_is_never_replaced(db, tmp_path):
    (tmp_path / "notes.txt").write_text("someone's work")

    with pytest.raises(CommandError, match="holds files no bake wrote"):
        call_command("bake", str(tmp_path), stdout=StringIO())

    assert (tmp_path / "notes.txt").read_text() == "someone's work"


def test_a_page_that_fails_is_left_out_and_the_rest_is_baked(demo, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug in one page")

    monkeypatch.setattr("elections.summaries.voter_table", broken)

    report = bake.bake(tmp_path / "mirror")

    assert report.skipped["/id/pemilih/"] == "answered 500"
    assert (tmp_path / "mirror" / "id" / "jadwal" / "index.html").exists()
    assert (tmp_path / "mirror" / bake.MARKER).exists()


def test_the_root_folder_is_refused(db):
    with pytest.raises(CommandError, match="own folder"):
        call_command("bake", "/", stdout=StringIO())


def test_queries_that_could_name_another_path_are_never_baked():
    assert bake.file_for("/id/pengumuman/?halaman=2") == ".q/halaman=2/id/pengumuman/"
    assert bake.file_for("/id/pengumuman/?halaman=../../etc") is None
    assert bake.file_for("/id/../etc/passwd") is None
    assert bake.file_for("/id/pengumuman/?q=a%2Fb") is None
    assert bake.file_for("/id/pengumuman/\x00/") is None


def test_a_bake_after_a_change_writes_the_new_page_not_the_copy_readers_get_meanwhile(
    demo, settings, tmp_path, client, monkeypatch
):
    settings.PORTAL_RENDER_JOBS = "thread"
    monkeypatch.setattr(jobs, "enqueue", lambda *args, **kwargs: None)  # no worker catches up
    client.get("/id/")
    Election.objects.filter(pk=Election.objects.featured().pk).update(name_ind="Pilkada Setelah Perubahan")
    page_cache.bump_content_version()
    assert "Pilkada Setelah Perubahan" not in client.get("/id/").content.decode()  # the previous copy

    call_command("bake", str(tmp_path / "mirror"), stdout=StringIO())

    assert "Pilkada Setelah Perubahan" in baked(tmp_path / "mirror", "/id/").read_text()
