"""Candidate photos: renditions are made when the photo is saved, never while a page is served."""

from unittest import mock

import pytest
from PIL import Image
from sorl.thumbnail import default, get_thumbnail

from core.renditions import Picture

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_photo(make_pair, photo_upload):
    """Pair 1 with a fictional 800 × 1000 portrait of its head candidate."""

    def attach(size=(800, 1000)):
        pair = make_pair(1)
        head = pair.candidates.get(role="head")
        head.photo = photo_upload(size=size)
        head.photo_alt = "Potret fiktif Contoh Calon Satu"
        head.save()
        return pair, head

    return attach


def test_saving_a_photo_makes_webp_and_jpeg_renditions_at_each_width(with_photo):
    _pair, head = with_photo()

    renditions = head.photo_renditions
    assert renditions["source"] == head.photo.name
    for key, image_format in (("webp", "WEBP"), ("jpeg", "JPEG")):
        assert [(r["width"], r["height"]) for r in renditions[key]] == [(160, 200), (320, 400), (640, 800)]
        for rendition in renditions[key]:
            with default.storage.open(rendition["name"]) as stored, Image.open(stored) as image:
                assert image.format == image_format
                assert image.size == (rendition["width"], rendition["height"])
                assert dict(image.getexif()) == {}


def test_a_small_photo_is_never_upscaled(with_photo):
    _pair, head = with_photo(size=(200, 250))

    assert [r["width"] for r in head.photo_renditions["jpeg"]] == [160, 200]


def test_renditions_follow_a_new_photo_and_go_when_the_photo_is_removed(with_photo, photo_upload):
    _pair, head = with_photo()
    first = head.photo_renditions

    head.photo = photo_upload(size=(600, 600))
    head.save()
    assert head.photo_renditions["source"] == head.photo.name != first["source"]
    assert head.photo_renditions["jpeg"][-1]["height"] == 600

    head.photo = None
    head.save()
    assert head.photo_renditions == {}
    assert not head.picture


def test_saving_other_fields_does_not_remake_renditions(with_photo):
    _pair, head = with_photo()

    with mock.patch("core.renditions.get_thumbnail") as make:
        head.career = "Contoh karier"
        head.save()

    make.assert_not_called()


def stored_files(settings):
    return (
        sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())
        if settings.MEDIA_ROOT.exists()
        else []
    )


def failing_after(calls):
    """get_thumbnail that writes ``calls`` renditions, then fails as a full disk or a codec would."""
    real = get_thumbnail
    made = []

    def fake(*args, **kwargs):
        if len(made) == calls:
            raise OSError(28, "No space left on device")
        made.append(real(*args, **kwargs))
        return made[-1]

    return fake


def test_when_renditions_fail_the_new_photo_and_its_renditions_are_removed(make_pair, photo_upload, settings):
    head = make_pair(1).candidates.get(role="head")
    head.photo = photo_upload()

    with mock.patch("core.renditions.get_thumbnail", failing_after(4)), pytest.raises(OSError):
        head.save()

    assert stored_files(settings) == []


def test_when_renditions_of_an_earlier_photo_fail_to_be_remade_that_photo_stays(with_photo, settings):
    _pair, head = with_photo()
    kept = settings.MEDIA_ROOT / head.photo.name
    head.photo_renditions = {}

    with (
        mock.patch("core.renditions.get_thumbnail", side_effect=OSError(28, "No space left")),
        pytest.raises(OSError),
    ):
        head.save()

    assert kept.exists()


def test_the_history_keeps_the_rendition_record_of_each_version(with_photo):
    _pair, head = with_photo()

    assert head.history.first().photo_renditions == head.photo_renditions


def test_a_picture_falls_back_to_the_largest_jpeg_of_at_most_320_pixels(with_photo):
    _pair, head = with_photo()

    picture = head.picture

    assert (picture.width, picture.height) == (320, 400)
    assert picture.src.endswith(".jpg")
    assert picture.webp_srcset.count(".webp ") == 3
    assert picture.largest["width"] == 640


def test_a_candidate_without_a_photo_has_an_empty_picture():
    assert not Picture({})
    assert Picture({}).src == ""


@pytest.mark.parametrize("page", ["index", "contest", "compare", "pair"])
def test_serving_a_page_makes_no_image(client, with_photo, page):
    pair, head = with_photo()
    urls = {
        "index": "/id/calon/",
        "contest": "/id/calon/walikota-contoh/",
        "compare": "/id/calon/walikota-contoh/banding/",
        "pair": pair.get_absolute_url(),
    }
    refuse = mock.Mock(side_effect=AssertionError("an image was made during a request"))

    with (
        mock.patch("core.renditions.get_thumbnail", refuse),
        mock.patch.object(default.backend, "get_thumbnail", refuse),
        mock.patch.object(Image, "open", refuse),
    ):
        response = client.get(urls[page])

    assert response.status_code == 200
    html = response.content.decode()
    if page != "compare":
        picture = head.picture
        assert f'<source type="image/webp" srcset="{picture.webp_srcset}"' in html
        assert f'src="{picture.src}"' in html
        assert f'width="{picture.width}" height="{picture.height}"' in html
        assert 'alt="Potret fiktif Contoh Calon Satu"' in html


def test_a_candidate_without_a_photo_shows_initials_not_a_stock_picture(client, make_pair):
    pair = make_pair(1)

    html = client.get(pair.get_absolute_url()).content.decode()

    assert '<span class="initials" aria-hidden="true">CC</span>' in html
    assert '<span class="initials" aria-hidden="true">CW</span>' in html
    assert "<img" not in html


def test_a_pair_page_link_preview_is_a_card_that_changes_with_the_photo(client, with_photo, committed):
    pair, head = with_photo()
    without_photo = client.get(pair.get_absolute_url()).content.decode()
    head.photo = ""
    with committed():
        head.save()

    with_no_photo = client.get(pair.get_absolute_url()).content.decode()

    def preview(html):
        return html.split('<meta property="og:image" content="')[1].split('"')[0]

    assert preview(without_photo).startswith("http://testserver/id/og/calon/walikota-contoh/1.jpg?v=")
    assert preview(without_photo) != preview(with_no_photo)
    assert '<meta property="og:image:width" content="1200">' in with_no_photo
