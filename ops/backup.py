"""Backups that can be restored: the whole database and every uploaded file, in one archive.

An archive (``.tar.gz``) holds:

- ``data.jsonl``: every row of every app (content, history, staff accounts, roles, 2FA devices,
  sign-in records), dumped inside one read-only transaction so it is a consistent snapshot;
  on PostgreSQL a REPEATABLE READ snapshot, on SQLite the shared lock of one read transaction.
  Content types and permissions are left out: ``migrate`` creates them, and rows refer to them
  by natural key. Sessions are left out: a restore signs everyone out.
- ``media/…``: every uploaded file (photos, renditions, PDF attachments).
- ``manifest.json``: format, time, versions, applied migrations, row counts per model and the
  SHA-256 and size of every other member.
- ``manifest.sig``: the HMAC-SHA256 of ``manifest.json`` under ``PORTAL_BACKUP_KEY``, a key that
  is never in the archive. Checksums alone prove nothing against someone who edits the rows (say,
  makes every account a superuser) and recomputes them; without the key the manifest cannot be
  signed again.

``restore`` checks the signature, then all of that, before it writes anything, refuses a
database that already holds content (unless told to replace it), loads the rows in one
transaction and moves the files into place. The archive contains password hashes and 2FA
secrets: keep it as confidential as the database itself.
"""

import hashlib
import hmac
import io
import json
import logging
import os
import platform
import tarfile
import tempfile
import tomllib
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from pagecache.store import bump_content_version

logger = logging.getLogger("portal.audit")

FORMAT = "portal-backup/2"
DATA = "data.jsonl"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
# 32 random characters and more are beyond guessing; `secrets.token_urlsafe(32)` gives 43.
MIN_KEY_LENGTH = 32
MEDIA = "media/"
# Made by migrate (content types, permissions) or worthless after a restore (sessions).
NOT_DUMPED = ["contenttypes", "auth.permission", "sessions"]
# What a freshly migrated installation already holds (the staff roles come from a migration).
SEEDED = {"contenttypes.contenttype", "auth.permission", "auth.group", "sessions.session"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


# Backup ---------------------------------------------------------------------------------------


def create(output):
    """Write a backup archive at ``output`` (a path); return its manifest."""
    output = Path(output)
    key = _signing_keys()[0]
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        data_path = Path(work) / DATA
        counts = _dump(data_path)
        files = {DATA: _digest(data_path)}
        media = list(_media_files())
        partial = output.with_name(output.name + ".part")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            archive.add(data_path, arcname=DATA)
            for path, name in media:
                files[name] = _digest(path)
                archive.add(path, arcname=name, recursive=False)
            manifest = _manifest(counts, files)
            manifest_bytes = json.dumps(manifest, indent=2, sort_keys=True).encode()
            _add_bytes(archive, MANIFEST, manifest_bytes)
            _add_bytes(archive, SIGNATURE, (_sign(key, manifest_bytes) + "\n").encode())
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, output)
    logger.info(
        "Backup written",
        extra={
            "event": "backup.created",
            "path": str(output),
            "rows": sum(counts.values()),
            "files": len(media),
        },
    )
    return manifest


def _dump(path):
    """dumpdata of every app inside one read-only snapshot; row counts from the same snapshot."""
    # Inside an enclosing transaction (a test, a caller's atomic block) the snapshot is that one.
    outermost = not connection.in_atomic_block
    connection.ensure_connection()
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        call_command(
            "dumpdata",
            format="jsonl",
            natural_foreign=True,
            natural_primary=True,
            use_base_manager=True,
            exclude=NOT_DUMPED,
            output=str(path),
            verbosity=0,
        )
        return {
            label: model._base_manager.using(connection.alias).count() for label, model in _dumped_models()
        }


def _dumped_models():
    skipped_apps = {label for label in NOT_DUMPED if "." not in label}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in skipped_apps or label in NOT_DUMPED or model._meta.proxy:
            continue
        yield label, model


def _media_files():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not path.is_symlink() and not any(p.startswith(".") for p in relative.parts):
            yield path, MEDIA + relative.as_posix()


def _manifest(counts, files):
    return {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": {
            "python": platform.python_version(),
            "django": django.get_version(),
            "database": connection.vendor,
            "database_server": str(
                getattr(connection, "pg_version", "") or connection.Database.sqlite_version
            ),
            "portal": _portal_version(),
        },
        "migrations": _applied_migrations(),
        "counts": counts,
        "files": files,
    }


def _portal_version():
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def _applied_migrations():
    applied = sorted(MigrationRecorder(connection).applied_migrations())
    result = {}
    for app_label, name in applied:
        result.setdefault(app_label, []).append(name)
    return result


def _digest(path):
    sha = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return {"sha256": sha.hexdigest(), "size": size}


def _signing_keys():
    """The key that signs new backups, then the older ones still accepted when restoring."""
    key = settings.PORTAL_BACKUP_KEY
    if not key:
        raise BackupError(
            "PORTAL_BACKUP_KEY is not set: backups are signed with it and restores refuse an archive "
            "whose signature they cannot check. Set it from the secret store (docs/operations.md §6)."
        )
    if len(key) < MIN_KEY_LENGTH:
        raise BackupError(
            f"PORTAL_BACKUP_KEY is too short ({len(key)} characters; at least {MIN_KEY_LENGTH}). "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    return [key.encode(), *(old.encode() for old in settings.PORTAL_BACKUP_KEY_FALLBACKS)]


def _sign(key, manifest_bytes):
    return hmac.new(key, manifest_bytes, hashlib.sha256).hexdigest()


def _add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


# Restore --------------------------------------------------------------------------------------


def restore(path, *, force=False, check_only=False):
    """Verify the archive, then load it into this (empty) installation; return its manifest."""
    path = Path(path)
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with (
        _open_archive(path) as archive,
        tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".restore-") as work,
    ):
        manifest = _read_manifest(archive)
        _check_members(archive, manifest)
        staged = _extract_verified(archive, manifest, Path(work))
        if check_only:
            return manifest
        _check_migrations(manifest)
        if not force:
            _check_empty()
            _check_media_free(staged, media_root)
        # One transaction around both: files that cannot be put in place leave the database as
        # it was, not rows pointing at missing uploads.
        with transaction.atomic():
            _load(staged[DATA], manifest, force=force)
            _place_media(staged, media_root)
    bump_content_version()
    logger.info(
        "Backup restored",
        extra={
            "event": "backup.restored",
            "path": str(path),
            "backup_created": manifest["created"],
            "forced": force,
        },
    )
    return manifest


def _open_archive(path):
    try:
        return tarfile.open(path, mode="r:gz")  # noqa: SIM115 - the caller closes it with `with`
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"{path} is not a readable backup archive ({error}).") from error


def _read_manifest(archive):
    """The manifest, once its signature is checked: nothing in the archive is believed before."""
    keys = _signing_keys()
    try:
        manifest_bytes = archive.extractfile(archive.getmember(MANIFEST)).read()
    except (KeyError, tarfile.TarError) as error:
        raise BackupError("The archive has no readable manifest.json: it is not a portal backup.") from error
    try:
        signature = archive.extractfile(archive.getmember(SIGNATURE)).read().decode("ascii").strip()
    except (KeyError, tarfile.TarError, UnicodeDecodeError) as error:
        raise BackupError(
            f"The archive has no readable signature ({SIGNATURE}): it was made before backups were "
            "signed, or someone removed it. Nothing was restored."
        ) from error
    if not any(hmac.compare_digest(_sign(key, manifest_bytes), signature) for key in keys):
        raise BackupError(
            "The backup's signature does not match: the archive was changed after it was written, or "
            "it was signed with another PORTAL_BACKUP_KEY. Nothing was restored."
        )
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError as error:
        raise BackupError("The archive's manifest.json is not readable JSON.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}; expected {FORMAT}.")
    return manifest


def _check_members(archive, manifest):
    expected = set(manifest["files"])
    seen = set()
    for member in archive.getmembers():
        name = member.name
        if name in (MANIFEST, SIGNATURE):
            # A second copy could be read instead of the one whose signature was checked.
            if name in seen:
                raise BackupError(f"The archive holds {name} twice.")
            seen.add(name)
            continue
        parts = PurePosixPath(name).parts
        if not member.isfile() or name.startswith("/") or ".." in parts or "\\" in name or "\0" in name:
            raise BackupError(f"Refusing unsafe archive member {name!r}.")
        if name not in expected or name in seen:
            raise BackupError(f"Archive member {name!r} is not listed in the manifest (or listed twice).")
        if name != DATA and not name.startswith(MEDIA):
            raise BackupError(f"Unexpected archive member {name!r}.")
        seen.add(name)
    missing = expected - seen
    if missing:
        raise BackupError(
            f"The archive lacks {len(missing)} file(s) its manifest lists, e.g. {sorted(missing)[0]}."
        )


def _extract_verified(archive, manifest, work):
    """Copy every member into ``work``, checking its size and SHA-256 against the manifest."""
    staged = {}
    for member in archive.getmembers():
        if member.name in (MANIFEST, SIGNATURE):
            continue
        target = work / member.name
        target.parent.mkdir(parents=True, exist_ok=True)
        sha, size = hashlib.sha256(), 0
        with archive.extractfile(member) as source, open(target, "wb") as sink:
            while chunk := source.read(CHUNK):
                sha.update(chunk)
                size += len(chunk)
                sink.write(chunk)
        expected = manifest["files"][member.name]
        if sha.hexdigest() != expected["sha256"] or size != expected["size"]:
            raise BackupError(f"Checksum mismatch for {member.name}: the archive is damaged.")
        staged[member.name] = target
    return staged


def _check_migrations(manifest):
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError("This database is not fully migrated: run `manage.py migrate` first.")
    here = _applied_migrations()
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if name not in here.get(app, [])
    ]
    if unknown:
        raise BackupError(
            "The backup comes from a newer version of the portal (migrations unknown here, e.g. "
            f"{unknown[0]}): deploy that version, migrate, then restore."
        )


def _check_empty():
    filled = [
        label for label, model in _content_models() if model._base_manager.using(connection.alias).exists()
    ]
    if filled:
        raise BackupError(
            "The database already holds content ("
            + ", ".join(filled[:5])
            + ("…" if len(filled) > 5 else "")
            + "). Restore into an empty, migrated database, or pass --force to replace everything."
        )


def _content_models():
    for model in apps.get_models():
        label = model._meta.label_lower
        if label not in SEEDED and not model._meta.proxy:
            yield label, model


def _check_media_free(staged, media_root):
    for name, source in staged.items():
        if name == DATA:
            continue
        target = media_root / name[len(MEDIA) :]
        if target.exists() and _digest(target) != _digest(source):
            raise BackupError(f"{target} exists with other content; pass --force to replace uploaded files.")


def _load(data_path, manifest, *, force):
    with transaction.atomic():
        if force:
            call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(data_path), verbosity=0)
        restored = {
            label: model._base_manager.using(connection.alias).count() for label, model in _dumped_models()
        }
        wrong = {
            label: (count, restored.get(label))
            for label, count in manifest["counts"].items()
            if restored.get(label) != count
        }
        if wrong:
            label, (expected, found) = next(iter(wrong.items()))
            raise BackupError(
                f"Restored {found} rows of {label} instead of {expected}; nothing was restored."
            )


def _place_media(staged, media_root):
    for name, source in staged.items():
        if name == DATA:
            continue
        target = media_root / name[len(MEDIA) :]
        target.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(source, settings.FILE_UPLOAD_PERMISSIONS or 0o644)
        os.replace(source, target)
