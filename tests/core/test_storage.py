"""A full disk or a failing image library never leaves a broken file or a row pointing at one.

The failing saves run in a transaction, as the admin's saves do (a failed save marks it for
rollback, so nothing else of that request is kept either).

Uploads go through core.storage.AtomicFileSystemStorage (the default storage): the bytes are
written to a temporary file, flushed, and only then given their final name.
"""

import errno
import os
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image

from candidates.models import Party
from core.storage import AtomicFileSystemStorage
from tests.candidates.photos import photo_bytes

pytestmark = pytest.mark.django_db

DISK_FULL = OSError(errno.ENOSPC, "No space left on device")


def files_under(root):
    return (
        sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        if root.exists()
        else []
    )


def test_the_default_storage_writes_atomically():
    assert isinstance(default_storage, AtomicFileSystemStorage)


def test_a_saved_file_is_complete_and_publicly_readable(settings):
    name = default_storage.save("uji/berkas.txt", ContentFile(b"isi lengkap" * 1000))

    path = settings.MEDIA_ROOT / name
    assert path.read_bytes() == b"isi lengkap" * 1000
    assert oct(path.stat().st_mode & 0o777) == oct(settings.FILE_UPLOAD_PERMISSIONS)
    assert files_under(settings.MEDIA_ROOT) == [name]


def test_a_second_file_with_the_same_name_never_replaces_the_first(settings):
    first = default_storage.save("uji/foto.txt", ContentFile(b"pertama"))
    second = default_storage.save("uji/foto.txt", ContentFile(b"kedua"))

    assert first != second
    assert (settings.MEDIA_ROOT / first).read_bytes() == b"pertama"
    assert (settings.MEDIA_ROOT / second).read_bytes() == b"kedua"


def test_a_disk_that_fills_up_mid_write_leaves_no_file_at_all(settings):
    class HalfWritten(ContentFile):
        def chunks(self, chunk_size=None):
            yield b"separuh"
            raise DISK_FULL

    with pytest.raises(OSError, match="No space left"):
        default_storage.save("uji/foto.jpg", HalfWritten(b"x"))

    assert files_under(settings.MEDIA_ROOT) == []


def test_a_photo_upload_on_a_full_disk_saves_neither_the_file_nor_the_row(settings):
    party = Party(abbreviation="PCS", name="Partai Contoh Satu")
    party.logo = SimpleUploadedFile("logo.jpg", photo_bytes())

    with (
        mock.patch("core.storage.os.fsync", side_effect=DISK_FULL),
        pytest.raises(OSError),
        transaction.atomic(),
    ):
        party.save()

    assert not Party.objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []


def test_replacing_a_photo_on_a_full_disk_keeps_the_old_photo_whole(settings):
    party = Party(abbreviation="PCS", name="Partai Contoh Satu")
    party.logo = SimpleUploadedFile("logo.jpg", photo_bytes())
    party.save()
    old_name, old_bytes = party.logo.name, (settings.MEDIA_ROOT / party.logo.name).read_bytes()

    party.logo = SimpleUploadedFile("baru.jpg", photo_bytes(size=(300, 300)))
    with (
        mock.patch("core.storage.os.fsync", side_effect=DISK_FULL),
        pytest.raises(OSError),
        transaction.atomic(),
    ):
        party.save()

    stored = Party.objects.get()
    assert stored.logo.name == old_name
    assert (settings.MEDIA_ROOT / old_name).read_bytes() == old_bytes
    assert files_under(settings.MEDIA_ROOT) == [old_name]


def test_a_failing_image_library_while_encoding_saves_neither_the_file_nor_the_row(settings):
    party = Party(abbreviation="PCS", name="Partai Contoh Satu")
    party.logo = SimpleUploadedFile("logo.jpg", photo_bytes())

    with (
        mock.patch.object(Image.Image, "save", side_effect=OSError("encoder error -2")),
        pytest.raises(OSError),
        transaction.atomic(),
    ):
        party.save()

    assert not Party.objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []


def test_no_temporary_file_is_left_behind_after_a_failure(settings):
    with mock.patch("core.storage.os.link", side_effect=DISK_FULL), pytest.raises(OSError):
        default_storage.save("uji/foto.txt", ContentFile(b"isi"))

    leftovers = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert leftovers == []
    assert os.listdir(settings.MEDIA_ROOT / "uji") == []
