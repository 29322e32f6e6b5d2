"""What a stored attachment still says about its author or device: nothing."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from tipline.intake.attachment_types import FileKind, file_kind_detect
from tipline.intake.metadata_removal import AttachmentRefused, metadata_remove
from tipline.testsupport.sample_files import (
    AUTHOR_MARKER,
    DEVICE_MARKER,
    docx_with_properties,
    jpeg_with_gps,
    pdf_with_metadata,
    png_with_text,
)

MARKERS = (AUTHOR_MARKER.encode(), DEVICE_MARKER.encode(), b"MarkerMaker")


def _clean(tmp_path: Path, data: bytes, name: str = "in") -> tuple[FileKind, bytes]:
    source = tmp_path / name
    source.write_bytes(data)
    kind = file_kind_detect(source)
    assert kind is not None
    destination = tmp_path / "out"
    metadata_remove(kind, source, destination)
    return kind, destination.read_bytes()


def _assert_no_markers(data: bytes) -> None:
    for marker in MARKERS:
        assert marker not in data, marker


def test_photo_loses_gps_and_camera_but_keeps_its_orientation(tmp_path: Path) -> None:
    original = jpeg_with_gps(rotate_tag=6, size=(64, 48))  # tag 6: shown rotated 90°, so upright it is 48x64
    assert AUTHOR_MARKER.encode() in original
    kind, cleaned = _clean(tmp_path, original)
    assert kind is FileKind.JPEG
    _assert_no_markers(cleaned)
    with Image.open(io.BytesIO(cleaned)) as image:
        assert not image.getexif()
        assert image.size == (48, 64)
        assert "comment" not in image.info


def test_png_text_chunks_are_removed(tmp_path: Path) -> None:
    kind, cleaned = _clean(tmp_path, png_with_text())
    assert kind is FileKind.PNG
    _assert_no_markers(cleaned)


def test_pdf_information_and_xmp_are_removed(tmp_path: Path) -> None:
    original = pdf_with_metadata()
    assert AUTHOR_MARKER.encode() in original
    kind, cleaned = _clean(tmp_path, original)
    assert kind is FileKind.PDF
    _assert_no_markers(cleaned)
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        assert "/Info" not in pdf.trailer and "/Metadata" not in pdf.Root
        assert len(pdf.pages) == 1


def test_word_document_properties_and_comment_authors_are_removed(tmp_path: Path) -> None:
    kind, cleaned = _clean(tmp_path, docx_with_properties())
    assert kind is FileKind.DOCX
    with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
        for name in archive.namelist():
            _assert_no_markers(archive.read(name))
        assert b"Visible text" in archive.read("word/document.xml")


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool is installed by .ci/run")
def test_exiftool_finds_no_location_or_author(tmp_path: Path) -> None:
    _kind, cleaned = _clean(tmp_path, jpeg_with_gps())
    (tmp_path / "clean.jpg").write_bytes(cleaned)
    report = subprocess.run(
        ["exiftool", "-a", "-G1", str(tmp_path / "clean.jpg")], capture_output=True, text=True, check=True
    ).stdout
    assert "GPS" not in report and AUTHOR_MARKER not in report and DEVICE_MARKER not in report


@pytest.mark.parametrize(
    "data",
    [
        b"<html><script>alert(1)</script></html>",
        b"#!/bin/sh\nrm -rf /\n",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"MZ\x90\x00" + b"\x00" * 200,
        b"PK\x03\x04not really a zip",
    ],
    ids=["html", "shell", "svg", "exe", "broken-zip"],
)
def test_disguised_and_dangerous_files_are_not_accepted(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "photo.jpg"  # the name claims a photo; the bytes decide
    path.write_bytes(data)
    assert file_kind_detect(path) is None


def test_a_zip_that_is_not_an_office_file_is_not_accepted(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../etc/passwd", "x")
    path = tmp_path / "report.docx"
    path.write_bytes(buffer.getvalue())
    assert file_kind_detect(path) is None


def test_truncated_image_is_refused_as_damaged(tmp_path: Path) -> None:
    source = tmp_path / "in.jpg"
    source.write_bytes(jpeg_with_gps()[:300])
    with pytest.raises(AttachmentRefused) as refused:
        metadata_remove(FileKind.JPEG, source, tmp_path / "out")
    assert refused.value.reason == "damaged"
