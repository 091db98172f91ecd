"""Backup and restore round-trip: the demo data, staff accounts, history and uploaded photos come
back exactly, and a damaged, unsafe or forged archive is refused before anything is written."""

import hashlib
import hmac
import io
import json
import tarfile

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from announcements.models import Announcement, Attachment
from candidates.models import Candidate, CandidatePair
from elections.models import VoterCount
from ops.backup import NOT_DUMPED
from tests.candidates.photos import photo_bytes

# Backup takes its own snapshot transaction and restore its own: nothing may enclose them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


class Quiet(io.StringIO):
    pass


def media_files(root):
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def row_counts():
    skipped = {label for label in NOT_DUMPED if "." not in label}
    return {
        m._meta.label_lower: m._base_manager.count()
        for m in apps.get_models()
        if m._meta.app_label not in skipped and m._meta.label_lower not in NOT_DUMPED
    }


def key_values():
    head = Candidate.objects.exclude(photo="").get()
    return {
        "pairs": sorted(CandidatePair.objects.values_list("contest__slug", "ballot_number", "slug")),
        "dpt": sorted(VoterCount.objects.filter(list_stage="DPT").values_list("total", flat=True)),
        "announcements": sorted(Announcement.objects.values_list("slug", "title_ind", "title_en", "status")),
        "staff": list(get_user_model().objects.values_list("username", "password", "is_superuser")),
        "totp": list(TOTPDevice.objects.values_list("user__username", "key", "confirmed")),
        "photo": (head.full_name, head.photo.name, head.photo_renditions),
        "attachment": list(Attachment.objects.values_list("announcement__slug", "file", "size")),
        "history": Announcement.history.count(),
    }


@pytest.fixture
def installation(demo, settings, tmp_path):
    """The demo data plus what staff add: a photo through the photo field, a PDF, a 2FA login."""
    head = Candidate.objects.filter(role=Candidate.Role.HEAD).order_by("pk").first()
    head.photo = SimpleUploadedFile("potret.jpg", photo_bytes(size=(700, 900)))
    head.photo_alt_ind = "Potret fiktif untuk uji cadangan"
    head.save()
    document = Attachment(announcement=Announcement.objects.first(), title_ind="Surat edaran")
    document.file.save("edaran.pdf", SimpleUploadedFile("edaran.pdf", PDF))
    staff = get_user_model().objects.create_superuser("kepala", password="rahasia-sekali-2024")
    TOTPDevice.objects.create(user=staff, name="Authenticator app", confirmed=True)
    return tmp_path


def wipe(settings, tmp_path, name):
    """A new, empty installation: an empty migrated database and an empty media folder."""
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = tmp_path / name


def test_backup_and_restore_bring_back_rows_values_and_file_bytes(installation, settings):
    archive = installation / "cadangan.tar.gz"
    counts, values, files = row_counts(), key_values(), media_files(settings.MEDIA_ROOT)
    assert any(name.startswith("candidates/") for name in files) and any("cache/" in name for name in files)

    call_command("backup", output=str(archive), stdout=Quiet())
    wipe(settings, installation, "media-baru")
    assert Candidate.objects.count() == 0
    call_command("restore", str(archive), stdout=Quiet())

    assert row_counts() == counts
    assert key_values() == values
    assert media_files(settings.MEDIA_ROOT) == files
    assert archive.stat().st_mode & 0o077 == 0  # readable by its owner only


def test_the_restored_site_serves_its_pages_and_photos(installation, settings, client):
    archive = installation / "cadangan.tar.gz"
    call_command("backup", output=str(archive), stdout=Quiet())
    wipe(settings, installation, "media-baru")
    call_command("restore", str(archive), stdout=Quiet())
    settings.PORTAL_SERVE_MEDIA = True
    head = Candidate.objects.exclude(photo="").get()

    assert client.get(head.pair.get_absolute_url()).status_code == 200
    photo = client.get(head.picture.src)
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert Candidate.objects.create  # the restored sequences accept new rows:
    CandidatePair.objects.create(
        contest=head.pair.contest, ballot_number=99, source="Uji", as_of="2024-09-23"
    )


def test_the_manifest_names_versions_counts_and_checksums(installation, settings):
    archive = installation / "cadangan.tar.gz"
    call_command("backup", output=str(archive), stdout=Quiet())

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        data = tar.extractfile("data.jsonl").read()

    assert manifest["format"] == "portal-backup/2"
    assert {"python", "django", "database", "portal"} <= set(manifest["versions"])
    assert "0001_initial" in manifest["migrations"]["elections"][0]
    assert manifest["counts"]["candidates.candidatepair"] == CandidatePair.objects.count()
    assert manifest["files"]["data.jsonl"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert b"sessions.session" not in data


def test_restore_refuses_a_database_that_already_holds_content_unless_forced(installation, settings):
    archive = installation / "cadangan.tar.gz"
    call_command("backup", output=str(archive), stdout=Quiet())
    CandidatePair.objects.filter(ballot_number=2).update(source="Diubah setelah pencadangan")

    with pytest.raises(CommandError, match="already holds content"):
        call_command("restore", str(archive), stdout=Quiet())
    assert CandidatePair.objects.filter(source="Diubah setelah pencadangan").exists()

    call_command("restore", str(archive), "--force", stdout=Quiet())
    assert not CandidatePair.objects.filter(source="Diubah setelah pencadangan").exists()


def rewrite(archive, target, change):
    """A copy of the archive with one member's bytes changed by ``change`` (manifest untouched)."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            data = change(member.name, data)
            if data is None:
                continue
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    return target


def test_a_damaged_archive_is_refused_and_nothing_is_written(installation, settings):
    archive = installation / "cadangan.tar.gz"
    call_command("backup", output=str(archive), stdout=Quiet())
    damaged = rewrite(
        archive,
        installation / "rusak.tar.gz",
        lambda name, data: data[:-10] + b"0123456789" if name.startswith("media/candidates/") else data,
    )
    wipe(settings, installation, "media-baru")

    with pytest.raises(CommandError, match="Checksum mismatch"):
        call_command("restore", str(damaged), stdout=Quiet())

    assert Candidate.objects.count() == 0
    assert media_files(settings.MEDIA_ROOT) == {}


def test_an_archive_with_a_path_escaping_the_media_folder_is_refused(installation, settings):
    archive = installation / "cadangan.tar.gz"
    call_command("backup", output=str(archive), stdout=Quiet())
    evil = installation / "jahat.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(evil, "w:gz") as copy:
        for member in source.getmembers():
            copy.addfile(member, source.extractfile(member))
        escape = tarfile.TarInfo("media/../../../tmp/portal-escape.txt")
        escape.size = 3
        copy.addfile(escape, io.BytesIO(b"x\n\n"))
    wipe(settings, installation, "media-baru")

    with pytest.raises(CommandError, match="unsafe archive member"):
        call_command("restore", str(evil), stdout=Quiet())
    assert Candidate.objects.count() == 0


def test_check_only_verifies_the_archive_and_changes_nothing(installation, settings):
    archive = installation / "cadangan.tar.gz"
    call_command("backup", output=str(archive), stdout=Quiet())
    wipe(settings, installation, "media-baru")
    out = Quiet()

    call_command("restore", str(archive), "--check", stdout=out)

    assert "verified" in out.getvalue()
    assert Candidate.objects.count() == 0 and media_files(settings.MEDIA_ROOT) == {}


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, db):
    bogus = tmp_path / "bukan.tar.gz"
    bogus.write_bytes(b"bukan arsip")

    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(bogus), stdout=Quiet())


def test_uploads_that_cannot_be_put_in_place_leave_the_database_empty(installation, settings, monkeypatch):
    from ops import backup

    archive = installation / "cadangan.tar.gz"
    call_command("backup", output=str(archive), stdout=Quiet())
    wipe(settings, installation, "media-baru")

    def disk_full(staged, media_root):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_place_media", disk_full)
    with pytest.raises(OSError):
        call_command("restore", str(archive), stdout=Quiet())

    assert Candidate.objects.count() == 0 and get_user_model().objects.count() == 0


# Signed backups: someone who can write to the backup store but does not hold PORTAL_BACKUP_KEY -----


def members_of(archive):
    with tarfile.open(archive) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar.getmembers()}


def forge(archive, target, change):
    """The archive with ``change(name, data)`` applied to its members and the manifest's checksums
    recomputed to match, as an attacker without the key would do; ``change`` may also edit the
    manifest itself, after the checksums."""
    members = {
        name: change(name, data) for name, data in members_of(archive).items() if name != "manifest.json"
    }
    manifest = json.loads(members_of(archive)["manifest.json"])
    for name, data in members.items():
        if name in manifest["files"]:
            manifest["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    members["manifest.json"] = change(
        "manifest.json", json.dumps(manifest, indent=2, sort_keys=True).encode()
    )
    with tarfile.open(target, "w:gz") as copy:
        for name, data in members.items():
            if data is not None:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                copy.addfile(info, io.BytesIO(data))
    return target


def flip_one_byte(data, at):
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def installation_state(settings):
    return row_counts(), key_values(), media_files(settings.MEDIA_ROOT)


@pytest.fixture
def signed_archive(installation):
    archive = installation / "cadangan.tar.gz"
    call_command("backup", output=str(archive), stdout=Quiet())
    return archive


def test_a_backup_is_signed_with_a_key_that_is_not_in_it(signed_archive, settings):
    members = members_of(signed_archive)
    signature = members["manifest.sig"].decode().strip()

    assert (
        signature
        == hmac.new(settings.PORTAL_BACKUP_KEY.encode(), members["manifest.json"], hashlib.sha256).hexdigest()
    )
    assert not any(settings.PORTAL_BACKUP_KEY.encode() in data for data in members.values())


def test_every_superuser_flag_set_and_checksums_recomputed_is_refused_by_check(installation):
    """The attack of issue 19: checksums alone let it through as "verified"."""
    get_user_model().objects.create_user("editor", password="rahasia-sekali-2024", is_staff=True)
    archive = installation / "cadangan.tar.gz"
    call_command("backup", output=str(archive), stdout=Quiet())
    forged = forge(
        archive,
        installation / "palsu.tar.gz",
        lambda name, data: (
            data.replace(b'"is_superuser": false', b'"is_superuser": true') if name == "data.jsonl" else data
        ),
    )
    assert b'"is_superuser": false' not in members_of(forged)["data.jsonl"]
    assert members_of(forged)["data.jsonl"] != members_of(archive)["data.jsonl"]
    out = Quiet()

    with pytest.raises(CommandError, match="signature does not match"):
        call_command("restore", str(forged), "--check", stdout=out)

    assert "verified" not in out.getvalue()


# One byte changed in each part of the archive, checksums recomputed: the restore drill.
TAMPERED = {
    "one byte of the rows": lambda name, data: (
        flip_one_byte(data, len(data) // 2) if name == "data.jsonl" else data
    ),
    "one byte of a media file": lambda name, data: (
        flip_one_byte(data, len(data) // 2) if name.startswith("media/candidates/") else data
    ),
    "one byte of the manifest": lambda name, data: (
        # One digit more: the manifest promises 12 candidate pairs instead of 2.
        data.replace(b'"candidates.candidatepair": ', b'"candidates.candidatepair": 1', 1)
        if name == "manifest.json"
        else data
    ),
}


@pytest.mark.parametrize("case", TAMPERED)
def test_a_tampered_archive_is_refused_and_nothing_changes_even_with_force(
    signed_archive, installation, settings, case
):
    forged = forge(signed_archive, installation / "palsu.tar.gz", TAMPERED[case])
    assert members_of(forged) != members_of(signed_archive)
    before = installation_state(settings)

    with pytest.raises(CommandError, match="signature does not match"):
        call_command("restore", str(forged), "--force", stdout=Quiet())

    assert installation_state(settings) == before


def test_an_archive_without_its_signature_is_refused(signed_archive, installation, settings):
    unsigned = rewrite(
        signed_archive,
        installation / "tanpa-tanda.tar.gz",
        lambda name, data: None if name == "manifest.sig" else data,
    )
    wipe(settings, installation, "media-baru")

    with pytest.raises(CommandError, match="no readable signature"):
        call_command("restore", str(unsigned), stdout=Quiet())

    assert Candidate.objects.count() == 0 and media_files(settings.MEDIA_ROOT) == {}


def test_a_backup_signed_with_another_key_is_refused(signed_archive, settings):
    settings.PORTAL_BACKUP_KEY = "another-installation-backup-key-0123456789"

    with pytest.raises(CommandError, match="signature does not match"):
        call_command("restore", str(signed_archive), "--check", stdout=Quiet())


def test_after_a_key_rotation_older_backups_restore_with_the_old_key_as_fallback(signed_archive, settings):
    old_key = settings.PORTAL_BACKUP_KEY
    settings.PORTAL_BACKUP_KEY = "the-new-backup-key-after-rotation-0123456789"
    settings.PORTAL_BACKUP_KEY_FALLBACKS = [old_key]
    out = Quiet()

    call_command("restore", str(signed_archive), "--check", stdout=out)

    assert "verified" in out.getvalue()


@pytest.mark.parametrize(("key", "words"), [("", "PORTAL_BACKUP_KEY is not set"), ("pendek", "too short")])
def test_without_a_usable_key_backup_writes_nothing_and_restore_refuses(
    signed_archive, installation, settings, key, words
):
    settings.PORTAL_BACKUP_KEY = key
    target = installation / "baru" / "cadangan.tar.gz"

    with pytest.raises(CommandError, match=words):
        call_command("backup", output=str(target), stdout=Quiet())
    with pytest.raises(CommandError, match=words):
        call_command("restore", str(signed_archive), "--check", stdout=Quiet())

    assert not target.parent.exists()
