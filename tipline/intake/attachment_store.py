"""Encrypted attachment files on local disk (the embedded default). Each file is encrypted as it is written
(streaming AEAD bound to its report and attachment id) and named by a random id, so the directory reveals
neither content nor names."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

from tipline.vault import envelope
from tipline.vault.models import DataKey


def attachment_binding(report_public_id: str, attachment_id: object) -> str:
    return f"report:{report_public_id}:attachment:{attachment_id}"


def _path_for(attachment_id: object) -> Path:
    name = str(attachment_id)
    return Path(settings.TIPLINE_FILES_DIR) / name[:2] / f"{name}.bin"


def attachment_blob_write(
    data_key: DataKey, source: BinaryIO, *, report_public_id: str, attachment_id: object
) -> int:
    """Encrypts `source` into the store and flushes it to disk before returning (the report that refers to it
    commits afterwards). Returns the stored size."""
    path = _path_for(attachment_id)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as destination:
        envelope.encrypt_stream(
            data_key,
            source,
            _NonClosing(destination),
            binding=attachment_binding(report_public_id, attachment_id),
        )
        destination.flush()
        os.fsync(destination.fileno())
    return path.stat().st_size


def attachment_blob_read(
    data_key: DataKey, destination: BinaryIO, *, report_public_id: str, attachment_id: object
) -> None:
    with _path_for(attachment_id).open("rb") as source:
        envelope.decrypt_stream(
            data_key, source, destination, binding=attachment_binding(report_public_id, attachment_id)
        )


def attachment_blob_delete(attachment_id: object) -> None:
    _path_for(attachment_id).unlink(missing_ok=True)


class _NonClosing:
    """Tink's encrypting stream closes what it writes to; we still need to fsync the file afterwards."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw

    def write(self, data: bytes) -> int:
        return self._raw.write(data)

    def flush(self) -> None:
        self._raw.flush()

    def close(self) -> None:
        self._raw.flush()

    @property
    def closed(self) -> bool:
        return False

    def writable(self) -> bool:
        return True
