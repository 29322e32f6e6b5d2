"""Receiving files. Bytes go straight to a scratch file as they arrive (never the whole file in memory), counted
against the limits and digested for idempotency. A file over the limit is skipped while it streams and the
problem is noted on the request for the form or API to report."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from tipline.vault.digests import StreamDigest


class ScratchUploadedFile(TemporaryUploadedFile):
    """An upload in the scratch directory, deleted when the request ends. `digest` is its SHA-256."""

    digest: bytes = b""


def upload_problems(request: Any) -> list[tuple[str, str]]:
    """(file name, reason code) for every file the handler refused while it arrived."""
    return list(getattr(request, "_tipline_upload_problems", []))


class ScratchUploadHandler(FileUploadHandler):
    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self._file: ScratchUploadedFile | None = None
        self._digest: StreamDigest | None = None
        self._files_seen = 0
        if request is not None and not hasattr(request, "_tipline_upload_problems"):
            request._tipline_upload_problems = []

    def _refuse(self, reason: str) -> None:
        if self.request is not None:
            self.request._tipline_upload_problems.append((self.file_name or "", reason))
        if self._file is not None:
            self._file.close()
            self._file = None
        raise SkipFile(reason)

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self._files_seen += 1
        if self._files_seen > settings.TIPLINE_MAX_FILES_PER_SUBMISSION:
            self._refuse("too_many_files")
        self._file = ScratchUploadedFile(
            self.file_name, self.content_type, 0, self.charset, self.content_type_extra
        )
        self._digest = StreamDigest()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if self._file is None or self._digest is None:
            return None
        if start + len(raw_data) > settings.TIPLINE_MAX_FILE_BYTES:
            self._refuse("too_large")
        self._file.write(raw_data)
        self._digest.update(raw_data)
        return None

    def file_complete(self, file_size: int) -> ScratchUploadedFile | None:
        if self._file is None or self._digest is None:
            return None
        if file_size == 0:  # SkipFile is not allowed here: note the problem and hand back no file
            if self.request is not None:
                self.request._tipline_upload_problems.append((self.file_name or "", "empty"))
            self._file.close()
            self._file = None
            return None
        self._file.seek(0)
        self._file.size = file_size
        self._file.digest = self._digest.digest()
        return self._file

    def upload_interrupted(self) -> None:
        if self._file is not None:
            self._file.close()
