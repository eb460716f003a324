"""Real files, built in the tests: valid PDF, DOCX and ODT, and every kind of bad file
the upload check must refuse."""

from __future__ import annotations

import io
import itertools
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter

from events.tests.fuzz_corpus import slow_pdf
from events.uploads import DOCX, ODT, PDF

_serial = itertools.count(1)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def _escape_pdf(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


def build_pdf(objects: list[bytes], *, head: bytes = b"") -> bytes:
    """A PDF from its numbered objects (1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n" + head)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def text_pdf(*lines: str, pages: int = 1, head: bytes = b"") -> bytes:
    """A real PDF whose pages show ``lines`` (Latin script: Helvetica, WinAnsi).

    Each call gives different bytes (a serial number is on the page)."""
    lines = (*lines, f"Test file {next(_serial)}")
    stream = b"BT /F1 12 Tf 56 780 Td 16 TL\n"
    stream += b"".join(b"(" + _escape_pdf(line) + b") Tj T*\n" for line in lines) + b"ET"
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages)).encode()
    first_page = 3
    font = 3 + pages
    content = font + 1
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
    ]
    for _page in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, content)
        )
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    assert first_page == 3
    return build_pdf(objects, head=head)


def encrypted_pdf() -> bytes:
    reader = PdfReader(io.BytesIO(text_pdf("Secret")))
    writer = PdfWriter()
    writer.append_pages_from_reader(reader)
    writer.encrypt("user-password", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def looping_pdf() -> bytes:
    """A small PDF that keeps pypdf busy for minutes (the upload fuzz corpus's)."""
    return slow_pdf()


def polyglot_pdf() -> bytes:
    """A valid PDF that is also a web page: HTML hidden in a comment after the header."""
    return text_pdf(
        "Looks like a statement",
        head=b"%<html><body><script>alert(document.cookie)</script></body></html>\n",
    )


def big_pdf(size: int) -> bytes:
    """A valid one-page PDF of about ``size`` bytes (an incompressible unused stream)."""
    import random

    base = text_pdf("A large statement")
    filler = random.Random(size).randbytes(max(size - len(base) - 200, 0))  # noqa: S311
    # Keep the filler free of anything that looks like markup.
    filler = filler.replace(b"<", b"=").replace(b">", b"=")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
        b"<< /Length %d >>\nstream\n" % len(filler) + filler + b"\nendstream",
    ]
    return build_pdf(objects)


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body).encode()


def docx_bytes(
    *paragraphs: str,
    pages: int | None = 2,
    tracked_changes: bool = False,
    comments: bool = False,
    external_reference: bool = False,
    hyperlink: bool = False,
    main_type: str = WORD_MAIN,
    macro: bool = False,
    extra_parts: dict[str, bytes] | None = None,
    doctype: bool = False,
) -> bytes:
    """A real, minimal Word document (what Word needs to open it)."""
    paragraphs = paragraphs or (f"Test paragraph {next(_serial)}",)
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    if tracked_changes:
        body += (
            '<w:p><w:ins w:id="1" w:author="A" w:date="2016-11-01T00:00:00Z"><w:r>'
            "<w:t>inserted</w:t></w:r></w:ins>"
            '<w:del w:id="2" w:author="A" w:date="2016-11-01T00:00:00Z"><w:r>'
            "<w:delText>deleted words</w:delText></w:r></w:del></w:p>"
        )
    if comments:
        body += (
            '<w:p><w:r><w:t>commented</w:t></w:r><w:r><w:commentReference w:id="0"/></w:r></w:p>'
        )
    document = _xml(
        ("<!DOCTYPE w:document>" if doctype else "") + f'<w:document xmlns:w="{W_NS}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<w:body>{body}</w:body></w:document>"
    )
    overrides = f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>'
    overrides += (
        '<Override PartName="/docProps/app.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    )
    parts = {}
    if comments:
        overrides += (
            '<Override PartName="/word/comments.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
        )
        parts["word/comments.xml"] = _xml(
            f'<w:comments xmlns:w="{W_NS}"><w:comment w:id="0" w:author="A">'
            "<w:p><w:r><w:t>A comment</w:t></w:r></w:p></w:comment></w:comments>"
        )
    if macro:
        overrides += (
            '<Override PartName="/word/vbaProject.bin" '
            'ContentType="application/vnd.ms-office.vbaProject"/>'
        )
        parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not really a VBA project"
    content_types = _xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{overrides}</Types>"
    )
    rels = _xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    doc_rels = ""
    if external_reference:
        doc_rels += (
            '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/image" Target="http://tracker.example.com/pixel.png" '
            'TargetMode="External"/>'
        )
    if hyperlink:
        doc_rels += (
            '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/hyperlink" Target="https://www.un.org/" TargetMode="External"/>'
        )
    app = _xml(
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        + (f"<Pages>{pages}</Pages>" if pages else "")
        + "<Application>Test</Application></Properties>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
        archive.writestr(
            "word/_rels/document.xml.rels",
            _xml(
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f"{doc_rels}</Relationships>"
            ),
        )
        archive.writestr("docProps/app.xml", app)
        for name, data in {**parts, **(extra_parts or {})}.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb_docx() -> bytes:
    """A valid DOCX carrying a part that inflates from a few dozen KB to 64 MB."""
    buffer = io.BytesIO(docx_bytes("A statement with a bomb inside"))
    with (
        zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/image1.bin", "w", force_zip64=True) as handle,
    ):
        chunk = b"\0" * (16 * 1024 * 1024)
        for _ in range(4):
            handle.write(chunk)
    return buffer.getvalue()


TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


def odt_bytes(
    *paragraphs: str,
    pages: int | None = 1,
    tracked_changes: bool = False,
    comments: bool = False,
    external_reference: bool = False,
    macro: bool = False,
    mimetype: str = ODT,
) -> bytes:
    """A real, minimal OpenDocument text (what LibreOffice needs to open it)."""
    paragraphs = paragraphs or (f"Test paragraph {next(_serial)}",)
    body = ""
    if tracked_changes:
        body += (
            '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
            "<office:change-info><dc:creator>A</dc:creator><dc:date>2016-11-01T00:00:00</dc:date>"
            "</office:change-info><text:p>removed words</text:p></text:deletion>"
            "</text:changed-region></text:tracked-changes>"
        )
    body += "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    if comments:
        body += (
            "<text:p>commented<office:annotation><dc:creator>A</dc:creator>"
            "<text:p>A comment</text:p></office:annotation></text:p>"
        )
    if external_reference:
        body += (
            '<text:p><draw:frame><draw:image xlink:href="http://tracker.example.com/pixel.png" '
            'xlink:type="simple"/></draw:frame></text:p>'
        )
    content = _xml(
        f'<office:document-content xmlns:office="{OFFICE_NS}" xmlns:text="{TEXT_NS}" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" office:version="1.3">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    meta = _xml(
        f'<office:document-meta xmlns:office="{OFFICE_NS}" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3">'
        "<office:meta>"
        + (f'<meta:document-statistic meta:page-count="{pages}"/>' if pages else "")
        + "</office:meta></office:document-meta>"
    )
    manifest = _xml(
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype.encode(), zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("meta.xml", meta)
        archive.writestr("META-INF/manifest.xml", manifest)
        if macro:
            archive.writestr("Basic/Standard/Module1.xml", b"<script>Sub Main\nEnd Sub</script>")
    return buffer.getvalue()


EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"PE\0\0"
)
HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>x</title></head>"
    b"<body><script>alert(1)</script></body></html>"
)


def upload(data: bytes, name: str = "statement.pdf", content_type: str = PDF):
    """A file as a view receives it; the name and the browser's type are never trusted."""
    return SimpleUploadedFile(name, data, content_type)


def pdf_upload(*lines: str, name: str = "statement.pdf"):
    return upload(text_pdf(*lines), name, PDF)


def docx_upload(*paragraphs: str, name: str = "statement.docx", **options):
    return upload(docx_bytes(*paragraphs, **options), name, DOCX)


def odt_upload(*paragraphs: str, name: str = "statement.odt", **options):
    return upload(odt_bytes(*paragraphs, **options), name, ODT)
