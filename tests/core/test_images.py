"""Uploads through PhotoField: only real, bounded JPEG/PNG/WebP photos, stored clean under new names.

Party.logo is the simplest model with a PhotoField; Candidate.photo behaves the same.
"""

import io
import os
import zipfile
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.utils import translation
from PIL import Image, ImageFile

from candidates.models import Party
from core.images import MAX_BYTES, STORED_MAX_SIDE, validate_photo
from tests.candidates.photos import GPS_IFD, MAKE, blank_png, photo_bytes

pytestmark = pytest.mark.django_db

PartyForm = modelform_factory(Party, fields=["abbreviation", "name", "logo"])


def encoded(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def half(data):
    return data[: len(data) // 2]


def stored_files(settings):
    media = settings.MEDIA_ROOT
    return [path for path in media.rglob("*") if path.is_file()] if media.exists() else []


def submit(name, content):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return PartyForm(data={"abbreviation": "PCS", "name": "Partai Contoh Satu"}, files={"logo": upload})


def zip_archive():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", "<script>alert(1)</script>")
        archive.writestr("META-INF/MANIFEST.MF", "Main-Class: Exploit\n")
    return buffer.getvalue()


def jpeg_declaring(width, height):
    """A tiny JPEG whose frame header claims another size: Pillow sees the claim before decoding."""
    data = bytearray(encoded(Image.new("RGB", (8, 8)), "JPEG"))
    frame = data.index(b"\xff\xc0")
    data[frame + 5 : frame + 9] = height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return bytes(data)


LONG_SIDE = "neither side may be longer than 12,000 pixels"
TOO_NARROW = "one side is more than ten times the other"

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
EXTRA_DATA = "extra data after the picture"
NOT_A_PHOTO = "not a complete JPEG, PNG or WebP"

# What each refused upload is, and the words of the message an editor sees for it.
REFUSED = {
    "text renamed .jpg": (lambda: b"Bukan foto, hanya teks.\n" * 40, "not a complete JPEG, PNG or WebP"),
    "SVG": (
        lambda: (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>alert(1)</script></svg>'
        ),
        "not a complete JPEG, PNG or WebP",
    ),
    "GIF": (lambda: encoded(Image.new("RGB", (40, 40)), "GIF"), "not a complete JPEG, PNG or WebP"),
    "truncated JPEG": (lambda: half(photo_bytes(size=(600, 600))), "not a complete JPEG, PNG or WebP"),
    "oversized file": (lambda: photo_bytes() + b"\0" * MAX_BYTES, "the limit is 5 MB"),
    "pixel-bomb PNG (144 MP)": (lambda: encoded(Image.new("1", (12000, 12000)), "PNG"), "too many pixels"),
    "JPEG with a ZIP archive appended (JPEG+ZIP polyglot)": (
        lambda: photo_bytes() + zip_archive(),
        EXTRA_DATA,
    ),
    "GIFAR (GIF with a Java archive appended)": (
        lambda: encoded(Image.new("RGB", (40, 40)), "GIF") + zip_archive(),
        NOT_A_PHOTO,
    ),
    "PNG with HTML and script appended": (lambda: photo_bytes("PNG") + HTML, EXTRA_DATA),
    "WebP with HTML and script appended": (lambda: photo_bytes("WEBP") + HTML, EXTRA_DATA),
    "JPEG with a second JPEG appended": (lambda: photo_bytes() + photo_bytes(), EXTRA_DATA),
    "HTML with a PNG header": (lambda: b"\x89PNG\r\n\x1a\n" + HTML, NOT_A_PHOTO),
    "HTML with a JPEG header": (lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + HTML, NOT_A_PHOTO),
    "HTML with a GIF header": (lambda: b"GIF89a" + HTML, NOT_A_PHOTO),
    "SVG with an XML prolog and script": (
        lambda: b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        NOT_A_PHOTO,
    ),
    "truncated PNG": (lambda: half(photo_bytes("PNG", size=(600, 600))), NOT_A_PHOTO),
    "truncated WebP": (lambda: half(photo_bytes("WEBP", size=(600, 600))), NOT_A_PHOTO),
    "empty file": (lambda: b"", NOT_A_PHOTO),
    "JPEG header claiming 65535 x 65535 pixels": (lambda: jpeg_declaring(65535, 65535), "too many pixels"),
    "huge file (12 MB)": (lambda: photo_bytes() + os.urandom(12 * 2**20), "the limit is 5 MB"),
    "PNG over 40 MP": (
        lambda: encoded(Image.new("1", (10000, 4500)), "PNG"),
        "45 megapixels; the limit is 40",
    ),
    # Issue 19: 39 KB that took a worker 69 s and 2.2 GB, and WebP's 16,383-pixel limit.
    "PNG of 40,000,000 × 1 pixels": (lambda: blank_png(40_000_000, 1), "40,000,000 × 1 pixels; " + LONG_SIDE),
    "PNG of 1 × 40,000,000 pixels": (lambda: blank_png(1, 40_000_000), "1 × 40,000,000 pixels; " + LONG_SIDE),
    "PNG 12,001 pixels wide": (lambda: blank_png(12_001, 2_000), LONG_SIDE),
    "JPEG header claiming 20,000 × 100 pixels": (lambda: jpeg_declaring(20_000, 100), LONG_SIDE),
    "PNG of 2,001 × 200 pixels (over 10:1)": (lambda: blank_png(2_001, 200), TOO_NARROW),
    "PNG of 100 × 1,001 pixels (over 1:10)": (lambda: blank_png(100, 1_001), TOO_NARROW),
}


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_a_real_photo_is_accepted_and_stored_without_exif_or_gps(settings, image_format):
    form = submit("foto-rumah-saya.jpg", photo_bytes(image_format))

    assert form.is_valid(), form.errors
    party = form.save()

    with party.logo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == image_format
        assert dict(image.getexif()) == {}
        assert "xmp" not in image.info and "exif" not in image.info
    assert len(stored_files(settings)) == 1


def test_a_stored_photo_gets_a_random_name_and_the_extension_of_its_real_format():
    form = submit("alamat-rumah-saya.png", photo_bytes("JPEG"))

    party = form.save()

    name = party.logo.name.rsplit("/", 1)[-1]
    assert "alamat" not in name
    assert name.endswith(".jpg") and len(name) == len("0123456789abcdef0123456789abcdef.jpg")
    assert party.logo.name.startswith("parties/")


def test_a_sideways_phone_photo_is_stored_upright():
    # EXIF orientation 6 means "rotate 90° clockwise to view"; the stored copy needs no tag.
    party = submit("potret.jpg", photo_bytes(size=(400, 300), orientation=6)).save()

    with party.logo.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (300, 400)


@pytest.mark.parametrize("case", REFUSED)
def test_a_bad_upload_is_refused_with_a_clear_message(case):
    make, words = REFUSED[case]
    upload = SimpleUploadedFile("foto.jpg", make())

    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            validate_photo(upload)

        assert words in " ".join(refused.value.messages)


# Django's own form field only warns about the 144 MP bomb; PhotoField's validator refuses it.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("case", REFUSED)
def test_a_bad_upload_through_a_form_stores_nothing(settings, case):
    make, _words = REFUSED[case]
    form = submit("foto.jpg", make())

    assert not form.is_valid()
    assert form.errors["logo"]
    assert stored_files(settings) == []
    assert not Party.objects.exists()


def test_saving_a_bad_file_without_a_form_raises_and_stores_nothing(settings):
    party = Party(abbreviation="PCS", name="Partai Contoh Satu")
    party.logo = SimpleUploadedFile("foto.jpg", b"GIF89a bukan foto")

    with pytest.raises(ValidationError):
        party.save()

    assert stored_files(settings) == []


def test_the_size_limit_message_never_rounds_down_to_the_limit():
    upload = SimpleUploadedFile("foto.jpg", b"\xff" * (MAX_BYTES + 1))

    with translation.override("id"):
        with pytest.raises(ValidationError) as refused:
            validate_photo(upload)

        assert refused.value.messages == ["Ukuran foto 5,1 MB; batasnya 5 MB."]


def test_a_stored_photo_is_neither_checked_nor_re_encoded_again_on_later_saves(settings):
    party = submit("foto.jpg", photo_bytes()).save()
    name = party.logo.name

    party.name = "Partai Contoh Satu (ubah)"
    party.full_clean()
    party.save()

    assert party.logo.name == name
    assert len(stored_files(settings)) == 1


def test_the_phone_test_photo_really_carries_exif_and_gps():
    """Guards the tests above: they would pass vacuously if the fixture had no metadata."""
    with Image.open(io.BytesIO(photo_bytes())) as image:
        exif = image.getexif()
        assert exif[MAKE] == "Contoh Phone"
        assert exif.get_ifd(GPS_IFD)


@pytest.mark.parametrize(
    ("image_format", "smuggle"),
    [
        ("PNG", {"pnginfo": "text chunk"}),
        ("JPEG", {"comment": b"<script>alert(1)</script>"}),
    ],
)
def test_a_script_hidden_inside_the_image_metadata_is_not_stored(settings, image_format, smuggle):
    from PIL import PngImagePlugin

    options = dict(smuggle)
    if "pnginfo" in options:
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "<script>alert(1)</script>")
        options["pnginfo"] = info
    original = encoded(Image.new("RGB", (60, 60), (10, 20, 30)), image_format, **options)
    assert b"<script>" in original

    party = submit("foto.png", original).save()

    with party.logo.open("rb") as stored:
        assert b"<script>" not in stored.read()


def test_a_photo_padded_with_zero_bytes_is_still_accepted():
    """Some cameras pad files to a block size; zeros hide nothing and are dropped on re-encoding."""
    form = submit("foto.jpg", photo_bytes() + b"\0" * 512)

    assert form.is_valid(), form.errors


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_progressive_and_optimised_photos_are_not_mistaken_for_polyglots(image_format):
    options = {"JPEG": {"progressive": True, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {}}[
        image_format
    ]

    form = submit("foto.jpg", photo_bytes(image_format, size=(900, 700), **options))

    assert form.is_valid(), form.errors


# Bounded work: sizes are checked from the header, and the stored copy is bounded too -------------


@pytest.mark.parametrize("size", [(40_000_000, 1), (1, 40_000_000), (12_001, 2_000), (2_001, 200)])
def test_a_photo_of_unworkable_size_is_refused_before_a_single_pixel_is_decoded(size):
    upload = SimpleUploadedFile("foto.png", blank_png(*size))

    with (
        mock.patch.object(ImageFile.ImageFile, "load", side_effect=AssertionError("decoded")),
        pytest.raises(ValidationError) as refused,
    ):
        validate_photo(upload)

    assert refused.value.code in {"too_long_a_side", "too_narrow"}


def test_the_size_message_is_in_the_staff_language_with_its_number_format():
    upload = SimpleUploadedFile("foto.png", blank_png(40_000_000, 1))

    with translation.override("id"):
        with pytest.raises(ValidationError) as refused:
            validate_photo(upload)
        # The message is translated when read, so it is read in the staff's language too.
        messages = refused.value.messages

    assert messages == [
        "Foto berukuran 40.000.000 × 1 piksel; tidak ada sisi yang boleh lebih panjang dari 12.000 piksel. "
        "Perkecil lalu unggah lagi."
    ]


@pytest.mark.parametrize("size", [(2_000, 200), (200, 2_000), (12_000, 1_200)])
def test_photos_at_the_limits_are_accepted(size):
    form = submit("spanduk.png", encoded(Image.new("RGB", size, (200, 30, 40)), "PNG"))

    assert form.is_valid(), form.errors


def test_a_big_photo_is_stored_at_most_3200_pixels_on_its_longer_side_and_a_small_one_as_it_is():
    big = submit("besar.jpg", photo_bytes(size=(4_000, 3_000))).save()
    small = PartyForm(
        data={"abbreviation": "PCD", "name": "Partai Contoh Dua"},
        files={"logo": SimpleUploadedFile("kecil.jpg", photo_bytes(size=(640, 480)))},
    ).save()

    with big.logo.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (STORED_MAX_SIDE, 2_400)
    with small.logo.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (640, 480)


def test_every_image_pillow_opens_in_the_portal_is_bounded_by_the_photo_limit():
    """Renditions and preview cards open stored files with Pillow's own limit, not its default 89 MP."""
    assert Image.MAX_IMAGE_PIXELS == 40_000_000
