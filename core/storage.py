"""Uploaded files are stored whole or not at all.

Django's FileSystemStorage writes straight into the final file, so a full disk or a crash in the
middle leaves a truncated photo under a name the database may already point to. Here the upload
is written to a temporary file in the same folder, flushed to disk, and only then given its
final name: by a hard link, which never replaces an existing file, or by an atomic rename when
the storage is set to overwrite. A failed write removes the temporary file and raises, so the
model that was being saved is not saved either.
"""

import os
import tempfile

from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_makedirs

TEMP_PREFIX = ".upload-"


class AtomicFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        if self.directory_permissions_mode is not None:
            safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        else:
            os.makedirs(directory, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=TEMP_PREFIX, suffix=".part")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                if hasattr(content, "seek"):
                    content.seek(0)
                for chunk in content.chunks():
                    handle.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                handle.flush()
                os.fsync(handle.fileno())
            # mkstemp creates the file readable by its owner only; uploads are public files.
            os.chmod(temporary, 0o644 if self.file_permissions_mode is None else self.file_permissions_mode)
            full_path = self._publish(temporary, name, full_path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        self._ensure_location_group_id(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")

    def _publish(self, temporary, name, full_path):
        if self._allow_overwrite:
            os.replace(temporary, full_path)
            return full_path
        while True:
            try:
                os.link(temporary, full_path)
                return full_path
            except FileExistsError:
                name = self.get_available_name(name)
                full_path = self.path(name)
