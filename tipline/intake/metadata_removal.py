"""Removing what a file says about its author and device before it is stored: EXIF/XMP/GPS and comments in
images, document information and XMP in PDFs, document properties and comment authors in Office files.

Each cleaner reads a scratch file and writes a new one; the original is deleted by the caller. Images are
re-encoded from their pixels (after applying the EXIF rotation, so photos keep their orientation), which drops
every metadata block whatever its format."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pikepdf
from PIL import Image, ImageOps, UnidentifiedImageError

from tipline.intake.attachment_types import FileKind

MAX_IMAGE_PIXELS = 60_000_000  # a 60-megapixel photo; larger is refused rather than decoded
MAX_ARCHIVE_EXPANSION = 300 * 1024 * 1024  # uncompressed size of an Office file's parts (zip bombs)
MAX_ARCHIVE_MEMBERS = 5000


class AttachmentRefused(Exception):
    """The file cannot be made safe. `reason` is a stable code the form and API turn into a message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def metadata_remove(kind: FileKind, source: Path, destination: Path) -> None:
    cleaner = _CLEANERS[kind]
    try:
        cleaner(source, destination)
    except AttachmentRefused:
        raise
    except (
        OSError,
        ValueError,
        SyntaxError,
        EOFError,
        UnidentifiedImageError,
        Image.DecompressionBombError,
        pikepdf.PdfError,
        zipfile.BadZipFile,
        UnicodeDecodeError,
    ) as error:
        raise AttachmentRefused("damaged") from error


def _clean_image(source: Path, destination: Path, *, save_format: str) -> None:
    with Image.open(source) as original:
        if original.width * original.height > MAX_IMAGE_PIXELS:
            raise AttachmentRefused("image_too_large")
        upright = ImageOps.exif_transpose(original)
        mode = "RGB" if save_format == "JPEG" and upright.mode not in ("RGB", "L") else upright.mode
        if mode == "P":
            mode = "RGBA"
        pixels = upright.convert(mode)
        fresh = Image.new(mode, pixels.size)
        fresh.paste(pixels)
    options = {"quality": 92} if save_format in ("JPEG", "WEBP") else {}
    fresh.save(destination, format=save_format, **options)


def _clean_pdf(source: Path, destination: Path) -> None:
    try:
        document = pikepdf.open(source)
    except pikepdf.PasswordError as error:
        raise AttachmentRefused("encrypted") from error
    with document:
        if "/Info" in document.trailer:
            del document.trailer["/Info"]
        for name in ("/Metadata", "/PieceInfo"):
            if name in document.Root:
                del document.Root[name]
        # XMP and application data can sit on any object (pages, images, fonts); drop them wherever they are.
        for obj in document.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                for name in ("/Metadata", "/PieceInfo"):
                    if name in obj:
                        del obj[name]
        document.save(destination, deterministic_id=True)


_CORE_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
)
_APP_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
)
_CUSTOM_PROPERTIES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>'
)
_REPLACED_PARTS = {
    "docProps/core.xml": _CORE_PROPERTIES,
    "docProps/app.xml": _APP_PROPERTIES,
    "docProps/custom.xml": _CUSTOM_PROPERTIES,
}
# Names of people in comments, tracked changes and co-authoring records (Word, Excel, PowerPoint).
_PERSON_ATTRIBUTES = re.compile(
    rb'\b((?:w|w15|p|p188|x)?:?(?:author|initials|userId|providerId|name))="[^"]*"'
)
_PERSON_PARTS = re.compile(
    r"^(word/(comments|people|document|footnotes|endnotes|header\d*|footer\d*)|"
    r"word/commentsExtended|ppt/commentAuthors|ppt/comments/|xl/comments|xl/persons/|"
    r"xl/threadedComments/).*\.xml$"
)
_EXCEL_COMMENT_AUTHOR = re.compile(rb"<author>[^<]*</author>")


def _clean_office(source: Path, destination: Path) -> None:
    with zipfile.ZipFile(source) as archive:
        members = archive.infolist()
        if len(members) > MAX_ARCHIVE_MEMBERS or sum(m.file_size for m in members) > MAX_ARCHIVE_EXPANSION:
            raise AttachmentRefused("damaged")
        with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as cleaned:
            for member in members:
                fresh = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
                fresh.compress_type = zipfile.ZIP_DEFLATED
                if member.filename in _REPLACED_PARTS:
                    cleaned.writestr(fresh, _REPLACED_PARTS[member.filename])
                elif member.filename.startswith("docProps/thumbnail"):
                    cleaned.writestr(fresh, _clean_thumbnail(archive.read(member)))
                elif _PERSON_PARTS.match(member.filename):
                    data = _PERSON_ATTRIBUTES.sub(rb'\1=""', archive.read(member))
                    cleaned.writestr(fresh, _EXCEL_COMMENT_AUTHOR.sub(b"<author></author>", data))
                else:
                    with archive.open(member) as part, cleaned.open(fresh, "w") as out:
                        shutil.copyfileobj(part, out, 64 * 1024)


def _clean_thumbnail(data: bytes) -> bytes:
    """A thumbnail is a small picture of the first page; JPEG and PNG ones may carry EXIF, so they are redrawn.
    Other formats (WMF/EMF) carry no EXIF and are kept."""
    import io

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("JPEG", "PNG"):
                return data
            fresh = Image.new(image.mode if image.mode in ("RGB", "L", "RGBA") else "RGB", image.size)
            fresh.paste(image.convert(fresh.mode))
            out = io.BytesIO()
            fresh.save(out, format=image.format)
            return out.getvalue()
    except (OSError, UnidentifiedImageError):
        return data


def _clean_text(source: Path, destination: Path) -> None:
    """Plain text has no metadata. It must decode (UTF-8 or GB18030, the two encodings reporters' devices use)."""
    data_ok = False
    for encoding in ("utf-8", "gb18030"):
        try:
            with source.open(encoding=encoding) as handle:
                while handle.read(64 * 1024):
                    pass
            data_ok = True
            break
        except UnicodeDecodeError:
            continue
    if not data_ok:
        raise AttachmentRefused("damaged")
    shutil.copyfile(source, destination)


_CLEANERS: dict[FileKind, Callable[[Path, Path], None]] = {
    FileKind.JPEG: lambda s, d: _clean_image(s, d, save_format="JPEG"),
    FileKind.PNG: lambda s, d: _clean_image(s, d, save_format="PNG"),
    FileKind.WEBP: lambda s, d: _clean_image(s, d, save_format="WEBP"),
    FileKind.PDF: _clean_pdf,
    FileKind.DOCX: _clean_office,
    FileKind.XLSX: _clean_office,
    FileKind.PPTX: _clean_office,
    FileKind.TEXT: _clean_text,
}
