"""Which files a reporter may send, decided from their bytes (never from the name or the browser's claim)."""

from __future__ import annotations

import enum
import zipfile
from pathlib import Path

import magic
from django.utils.translation import gettext_lazy as _


class FileKind(enum.Enum):
    JPEG = ("image/jpeg", ".jpg")
    PNG = ("image/png", ".png")
    WEBP = ("image/webp", ".webp")
    PDF = ("application/pdf", ".pdf")
    DOCX = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
    XLSX = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
    PPTX = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx")
    TEXT = ("text/plain", ".txt")

    @property
    def media_type(self) -> str:
        return self.value[0]

    @property
    def extension(self) -> str:
        return self.value[1]


_BY_MAGIC = {
    "image/jpeg": FileKind.JPEG,
    "image/png": FileKind.PNG,
    "image/webp": FileKind.WEBP,
    "application/pdf": FileKind.PDF,
    "text/plain": FileKind.TEXT,
}
# Office files are zip archives; what is inside decides which one (libmagic's answer depends on member order).
_OFFICE_MAIN_PART = {
    "word/document.xml": FileKind.DOCX,
    "xl/workbook.xml": FileKind.XLSX,
    "ppt/presentation.xml": FileKind.PPTX,
}
_ZIP_TYPES = {"application/zip", "application/octet-stream"} | {
    kind.media_type for kind in _OFFICE_MAIN_PART.values()
}

ACCEPTED_DESCRIPTION = _("photos (JPEG, PNG, WebP), PDF, Word, Excel and PowerPoint files, plain text")


def file_kind_detect(path: Path) -> FileKind | None:
    """The kind of file at `path`, or None when it is not one Tipline accepts (scripts, HTML, SVG, executables,
    archives, legacy Office files, and anything libmagic cannot name)."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    detected = magic.from_buffer(head, mime=True)
    if detected in _ZIP_TYPES:
        return _office_kind(path)
    return _BY_MAGIC.get(detected)


def _office_kind(path: Path) -> FileKind | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for part, kind in _OFFICE_MAIN_PART.items():
        if part in names:
            return kind
    return None
