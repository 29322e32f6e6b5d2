"""Files that carry identifying metadata, made on the fly for tests: every one embeds the marker strings below
in its metadata (never in its visible content), so a test can look for them in the stored result."""

from __future__ import annotations

import io
import zipfile

import pikepdf
from PIL import Image

AUTHOR_MARKER = "MarkerAuthorZhangWei"
DEVICE_MARKER = "MarkerPhoneModelX9"
GPS_LATITUDE = (39.0, 54.0, 27.12)  # 39°54'27.12" N, Beijing


def jpeg_with_gps(*, rotate_tag: int = 1, size: tuple[int, int] = (64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "MarkerMaker"  # Make
    exif[0x0110] = DEVICE_MARKER  # Model
    exif[0x013B] = AUTHOR_MARKER  # Artist
    exif[0x0112] = rotate_tag  # Orientation
    gps = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (116.0, 23.0, 29.04)}
    exif[0x8825] = gps  # GPS IFD
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=AUTHOR_MARKER.encode())
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", AUTHOR_MARKER)
    info.add_itxt("Description", DEVICE_MARKER)
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 255, 255)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def pdf_with_metadata() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
        xmp["dc:creator"] = [AUTHOR_MARKER]
        xmp["xmp:CreatorTool"] = DEVICE_MARKER
    pdf.docinfo["/Author"] = AUTHOR_MARKER
    pdf.docinfo["/Producer"] = DEVICE_MARKER
    out = io.BytesIO()
    pdf.save(out)  # uncompressed metadata, so the markers are visible in the raw bytes before cleaning
    return out.getvalue()


def docx_with_properties() -> bytes:
    """A minimal Word document whose core properties, app properties and a comment name the author."""
    out = io.BytesIO()
    ns_w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
            'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
            'main+xml"/></Types>',
        )
        archive.writestr(
            "docProps/core.xml",
            '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>'
            f"{AUTHOR_MARKER}</dc:creator><cp:lastModifiedBy>{AUTHOR_MARKER}</cp:lastModifiedBy></cp:coreProperties>",
        )
        archive.writestr(
            "docProps/app.xml",
            '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'extended-properties"><Company>{DEVICE_MARKER}</Company></Properties>',
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document {ns_w}><w:body><w:p><w:r><w:t>Visible text</w:t></w:r></w:p>'
            f'<w:p><w:ins w:id="1" w:author="{AUTHOR_MARKER}"><w:r><w:t>inserted</w:t></w:r></w:ins></w:p>'
            "</w:body></w:document>",
        )
        archive.writestr(
            "word/comments.xml",
            f'<?xml version="1.0"?><w:comments {ns_w}><w:comment w:id="0" w:author="{AUTHOR_MARKER}" '
            'w:initials="ZW"><w:p><w:r><w:t>comment</w:t></w:r></w:p></w:comment></w:comments>',
        )
    return out.getvalue()
