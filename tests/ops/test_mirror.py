"""The static mirror follows the pages rendered in the background after a change (ops.mirror),
between two bakes."""

import pytest

from announcements.models import Announcement, Status
from elections.models import Election
from ops import bake, mirror
from pagecache import renders
from tests.support.pages import load_demo

# A render runs outside the test's transaction, as the render worker does (its request opens and
# closes database connections); on PostgreSQL it would not see rows of an open transaction.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEW_NAME = "Pilkada Uji Cermin"


@pytest.fixture
def following(settings, tmp_path):
    """A folder a bake wrote (its marker), set as the mirror the renders follow."""
    folder = tmp_path / "mirror"
    folder.mkdir()
    (folder / bake.MARKER).write_text("test")
    settings.PORTAL_MIRROR_DIR = str(folder)
    load_demo()
    return folder


def in_mirror(folder, path, content_type="text/html"):
    return folder / bake._target(bake.file_for(path), content_type).lstrip("/")


def test_a_page_rendered_after_a_change_replaces_its_copy_in_the_mirror(following, client):
    Election.objects.filter(pk=Election.objects.featured().pk).update(name_ind=NEW_NAME)

    renders.render("http://testserver/id/", "id")

    written = in_mirror(following, "/id/").read_bytes()
    assert NEW_NAME.encode() in written
    assert written == client.get("/id/").content
    assert not list(following.rglob("*.partial"))


def test_an_english_page_and_an_api_answer_go_where_the_bake_puts_them(following, client):
    renders.render("http://testserver/en/jadwal/", "en")
    renders.render("http://testserver/api/v1/districts?lang=en", "-")

    assert in_mirror(following, "/en/jadwal/").read_bytes() == client.get("/en/jadwal/").content
    api = in_mirror(following, "/api/v1/districts?lang=en", "application/json")
    assert api.read_bytes() == client.get("/api/v1/districts?lang=en").content


def test_an_address_without_a_language_keeps_the_default_languages_answer(following):
    kept = in_mirror(following, "/sitemap.xml", "application/xml")
    kept.write_bytes(b"as baked")

    mirror.follow(
        sender=None,
        address="http://testserver/sitemap.xml",
        language="en",
        status=200,
        headers={"Cache-Control": "public, max-age=60", "Content-Type": "application/xml"},
        content=b"for an English reader",
    )

    assert kept.read_bytes() == b"as baked"


def test_a_withdrawn_announcement_leaves_the_mirror(following):
    announcement = Announcement.objects.published().first()
    address = f"http://testserver{announcement.get_absolute_url()}"
    renders.render(address, "id")
    assert in_mirror(following, announcement.get_absolute_url()).exists()

    Announcement.objects.filter(pk=announcement.pk).update(status=Status.DRAFT)
    renders.render(address, "id")

    assert not in_mirror(following, announcement.get_absolute_url()).exists()


def test_nothing_is_written_to_a_folder_no_bake_wrote(settings, tmp_path):
    settings.PORTAL_MIRROR_DIR = str(tmp_path)
    load_demo()

    renders.render("http://testserver/id/", "id")

    assert list(tmp_path.iterdir()) == []
