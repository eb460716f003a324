"""The parsing half of the upload check (``events.uploads``), run in a subprocess.

One file per process (what the site does with every upload)::

    python -m events.upload_probe <inspect|text> <pdf|zip> <path> <memory bytes> <cpu seconds>

or a long-lived process that checks many files, one after the other::

    python -m events.upload_probe --serve <memory bytes> <cpu seconds> <max requests>

It first limits its own address space and CPU time (and may write no file), then
opens the file: pypdf for a PDF; for a DOCX or ODT, a zip package checked for bombs,
encryption and macros, with the parts its format requires. The verdict is one JSON
object: ``{"ok": true, "type": ..., "pages": ..., "flags": [...]}`` (or ``"text"`` in
text mode) or ``{"ok": false, "code": ..., "detail": ...}``. A crafted file can hang or
exhaust only this process. Standard library and pypdf only: nothing of Django.

In inspect mode a file must be sound, not merely readable: a PDF that pypdf had to
repair (a truncated file, a damaged cross-reference table or object stream, an object
that is not where the file says), a zip package whose parts do not add up exactly (a
lying central directory, gaps, overlaps, data after the end, a damaged compressed
part), or XML with a document type declaration or absurd nesting is refused. Text mode
reads a file that was accepted earlier and is as forgiving as it can be.

Serving mode reads one request per line on stdin,
``{"id": ..., "mode": ..., "kind": ..., "path": ...}``, and writes one answer per line
on stdout, the verdict with the request's ``id``. Each request gets ``cpu seconds`` of
CPU time of its own (the soft CPU limit is moved on before each one: going over it
kills the process); the memory limit is the process's. After a file that exhausted
memory or recursion, and after ``max requests`` files, the answer carries
``"closing": true`` and the process exits, so that the next file meets a fresh one.
Whoever runs it (``events.uploads.ProbeServer``) restarts it when it dies.
"""

from __future__ import annotations

import gc
import itertools
import json
import logging
import os
import posixpath
import re
import struct
import sys
import zipfile
import zlib

ZIP_MAX_ENTRIES = 5000
ZIP_MAX_TOTAL_BYTES = 300 * 1024 * 1024
ZIP_MAX_PART_BYTES = 64 * 1024 * 1024
ZIP_MAX_RATIO = 200  # a part that inflates more than this (and is big) is a bomb
XML_MAX_DEPTH = 256  # Word and LibreOffice documents nest a few dozen elements deep
PDF_MAX_OBJECTS = 500_000  # objects reachable from the catalog
PDF_MAX_INFLATED_BYTES = 400 * 1024 * 1024  # all its compressed streams, inflated
PDF_BOMB_BYTES = 16 * 1024 * 1024  # a stream past this, at ZIP_MAX_RATIO to one, is a bomb
TEXT_MAX_CHARS = 2_000_000
READ_CHUNK = 1024 * 1024
INFLATE_INPUT = 64 * 1024  # compressed bytes inflated at a time
ODT = "application/vnd.oasis.opendocument.text"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # Strict Open XML
)
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_XLINK = "{http://www.w3.org/1999/xlink}"
_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
_SCRIPT = "{urn:oasis:names:tc:opendocument:xmlns:script:1.0}"

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    "application/vnd.ms-office.vbaProject",
    "application/vnd.ms-word.vbaData+xml",
}
WORD_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

# What pypdf reports while it reads a file that deviates from the standard, and that
# does not make the file unsound: anything else it reports is a repair of damage.
PDF_TOLERATED_WARNINGS = (
    "Multiple definitions in dictionary",
    "Illegal character in NameObject",
    "Superfluous whitespace found in object header",
    # The first subsection of an update's table may start past 0; objects that are
    # then not where the table says are still found out (and refused).
    "Xref table not zero-indexed",
)


class Refused(Exception):
    def __init__(self, code: str, detail: str = ""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


# --- PDF -------------------------------------------------------------------------------


class _PdfWarnings(logging.Handler):
    """Collects what pypdf reports while it repairs a damaged file."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is still a repair
            message = str(record.msg)
        if not message.startswith(PDF_TOLERATED_WARNINGS):
            self.messages.append(message)


class _Tolerated(Exception):
    """Strict reading stopped at a deviation that does not make the file unsound."""


def _pdf_logger(*, enabled: bool) -> logging.Logger:
    logger = logging.getLogger("pypdf")
    logger.propagate = False  # never to stderr: the answer is on stdout
    logger.setLevel(logging.WARNING)
    logger.disabled = not enabled
    return logger


def _check_pdf_ending(path: str) -> None:
    """The file must end with its end-of-file marker (whitespace aside), just after a
    ``startxref`` that points exactly at the cross-reference table or stream: a
    truncated file, or one with something appended (a zip, a script), is not a sound
    PDF, and a pointer that a reader must correct means the file was damaged."""
    size = os.path.getsize(path)
    with open(path, "rb") as handle:
        handle.seek(max(size - 1024, 0))
        tail = handle.read()
        if not tail.rstrip(b" \t\r\n\f\0").endswith(b"%%EOF"):
            raise Refused(
                "unreadable_pdf",
                "the file is incomplete or has data after its end (no %%EOF marker at the end)",
            )
        found = re.search(rb"startxref\s+(\d+)\s+%%EOF[\s\0]*$", tail)
        if found is None:
            raise Refused("unreadable_pdf", "the end of the file is damaged (startxref)")
        handle.seek(int(found[1]))
        target = handle.read(40)
    if not (target.startswith(b"xref") or _OBJECT_HEADER.match(target)):
        raise Refused("unreadable_pdf", "the file's cross-reference pointer (startxref) is wrong")


_OBJECT_HEADER = re.compile(rb"(\d+)[\0\t\n\f\r ]+(\d+)[\0\t\n\f\r ]+obj\b")


def _flate_filters(stream) -> bool:
    from pypdf.generic import ArrayObject

    filters = stream.get("/Filter")
    if filters is None:
        return False
    filters = filters.get_object()
    if isinstance(filters, ArrayObject):
        filters = filters[0].get_object() if filters else None
    return filters in ("/FlateDecode", "/Fl")


class _InflateBudget:
    def __init__(self, limit: int):
        self.left = limit


def _check_flate(data: bytes, budget: _InflateBudget, where: str) -> None:
    """A Flate-compressed stream must inflate cleanly to its end: pypdf would quietly
    salvage what it can of a damaged one. Inflated in slices and thrown away, within
    a budget for the whole file; a stream that inflates past 16 MB at more than
    ZIP_MAX_RATIO to one is a bomb, as a part of a zip package would be."""
    inflater = zlib.decompressobj()
    view = memoryview(data)
    produced = 0
    try:
        for start in range(0, len(data), INFLATE_INPUT):
            pending = view[start : start + INFLATE_INPUT]
            while pending and not inflater.eof:
                out = inflater.decompress(pending, READ_CHUNK)
                produced += len(out)
                budget.left -= len(out)
                bomb = produced > PDF_BOMB_BYTES and produced > ZIP_MAX_RATIO * (
                    start + INFLATE_INPUT
                )
                if budget.left < 0 or bomb:
                    raise Refused("too_complex", f"{where} inflates to far too much data")
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error as exc:
        raise Refused("unreadable_pdf", f"damaged compressed data in {where}: {exc}") from exc
    if not inflater.eof:
        raise Refused("unreadable_pdf", f"compressed data cut short in {where}")
    rest = inflater.unused_data + bytes(view[start + INFLATE_INPUT :])
    if rest.strip(b" \t\r\n\f\0"):
        raise Refused("unreadable_pdf", f"data after the compressed data in {where}")


def _walk_pdf(reader, budget: _InflateBudget) -> None:
    """Resolve every object reachable from the trailer (an explicit stack: no
    recursion), and check every Flate stream among them."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer.get(key) for key in ("/Root", "/Info") if key in reader.trailer]
    resolved = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            resolved += 1
            if resolved > PDF_MAX_OBJECTS:
                raise Refused("too_complex")
            target = item.get_object()
            if target is None:
                raise Refused("unreadable_pdf", f"object {item.idnum} {item.generation} is missing")
            item = target
        if isinstance(item, StreamObject):
            if _flate_filters(item):
                _check_flate(item._data, budget, "a stream")
            stack.extend(item.values())
        elif isinstance(item, DictionaryObject):
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def _check_object_streams(reader, budget: _InflateBudget) -> None:
    """Each object stream's header lists exactly its /N objects, each where it says."""
    streams: dict[int, dict[int, int]] = {}
    for number, (stream_number, index) in reader.xref_objStm.items():
        streams.setdefault(stream_number, {})[index] = number
    for stream_number, members in streams.items():
        stream = reader.get_object(stream_number)
        if stream is None or not hasattr(stream, "_data"):
            raise Refused("unreadable_pdf", f"object stream {stream_number} is missing")
        if _flate_filters(stream):
            _check_flate(stream._data, budget, "an object stream")
        data = stream.get_data()
        count, first = stream.get("/N"), stream.get("/First")
        header = data[: first if isinstance(first, int) and first >= 0 else 0]
        header = re.sub(rb"%[^\r\n]*", b" ", header).split()  # comments are whitespace
        if (
            not isinstance(count, int)
            or len(header) != 2 * count
            or not all(token.isdigit() for token in header)
        ):
            raise Refused("unreadable_pdf", f"the header of object stream {stream_number} is wrong")
        numbers = [int(token) for token in header[0::2]]
        offsets = [int(token) for token in header[1::2]]
        starts_ok = all(
            first + offset < len(data) and data[first + offset] not in b"\0\t\n\f\r "
            for offset in offsets
        )
        increasing = all(a < b for a, b in itertools.pairwise(offsets))
        listed = all(index < count and numbers[index] == n for index, n in members.items())
        if not (starts_ok and increasing and listed):
            raise Refused("unreadable_pdf", f"the header of object stream {stream_number} is wrong")


def _check_objects(reader) -> None:
    """Every object of the cross-reference table is exactly where it says, under its
    number, and ends with ``endobj`` (pypdf quietly reads past some broken ones)."""
    from pypdf._utils import read_non_whitespace
    from pypdf.generic import read_object

    stream = reader.stream
    for generation, entries in reader.xref.items():
        if generation == 65535:  # free entries
            continue
        for number, offset in entries.items():
            stream.seek(offset)
            header = _OBJECT_HEADER.match(stream.read(48))
            if header is None or (int(header[1]), int(header[2])) != (number, generation):
                raise Refused("unreadable_pdf", f"object {number} is not where the file says it is")
            stream.seek(offset + header.end())
            read_non_whitespace(stream)
            stream.seek(-1, 1)
            read_object(stream, reader)
            rest = stream.read(64).lstrip(b"\0\t\n\f\r ")
            while rest.startswith(b"%"):  # a comment
                rest = rest.partition(b"\n")[2].lstrip(b"\0\t\n\f\r ")
            if not rest.startswith(b"endobj"):
                raise Refused("unreadable_pdf", f"object {number} does not end where it should")


def _inspect_pdf(path: str) -> dict:
    """Read strictly; a file that only has deviations pypdf's strict mode refuses but
    that do not make it unsound (PDF_TOLERATED_WARNINGS) is read again leniently,
    still refused if pypdf has to repair anything else."""
    _check_pdf_ending(path)
    try:
        return _inspect_pdf_as(path, strict=True)
    except _Tolerated:
        return _inspect_pdf_as(path, strict=False)


def _inspect_pdf_as(path: str, *, strict: bool) -> dict:
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError
    from pypdf.generic import DictionaryObject

    warnings = _PdfWarnings()
    logger = _pdf_logger(enabled=True)
    logger.addHandler(warnings)
    try:
        reader = PdfReader(path, strict=strict)
        if reader.is_encrypted:
            raise Refused("encrypted")
        pages = list(reader.pages)
        root = reader.trailer["/Root"].get_object()
        tree = root["/Pages"]
        declared = tree["/Count"] if "/Count" in tree else None  # noqa: SIM401 - resolves it
        budget = _InflateBudget(PDF_MAX_INFLATED_BYTES)
        _walk_pdf(reader, budget)  # before anything inflates a bomb
        _check_object_streams(reader, budget)
        _check_objects(reader)
        for page in pages:
            page.mediabox  # noqa: B018 - required of every page (inherited or its own)
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()  # every filter known and its data sound
    except (Refused, MemoryError, RecursionError):
        raise
    except LimitReachedError as exc:
        loop = "loop" in str(exc) or "cycle" in str(exc)
        raise Refused("unreadable_pdf" if loop else "too_complex", str(exc)) from exc
    except Exception as exc:  # pypdf raises many kinds of error on a broken file
        if strict and str(exc).startswith(PDF_TOLERATED_WARNINGS):
            raise _Tolerated from exc
        raise Refused("unreadable_pdf", str(exc) or type(exc).__name__) from exc
    finally:
        logger.removeHandler(warnings)
    if warnings.messages:
        raise Refused("unreadable_pdf", f"the file is damaged ({warnings.messages[0][:150]})")
    if not pages:
        raise Refused("no_pages")
    if declared != len(pages):
        raise Refused(
            "unreadable_pdf", f"the file says it has {declared} pages but has {len(pages)}"
        )
    flags = []
    names = root.get("/Names")
    names = names.get_object() if names is not None else {}
    open_action = root.get("/OpenAction")
    open_action = open_action.get_object() if open_action is not None else None
    if (
        "/JavaScript" in names
        or "/AA" in root
        or (isinstance(open_action, DictionaryObject) and open_action.get("/S") == "/JavaScript")
    ):
        flags.append("javascript")
    if "/EmbeddedFiles" in names:
        flags.append("embedded_files")
    return {"ok": True, "type": "pdf", "pages": len(pages), "flags": flags}


def _pdf_text(path: str) -> dict:
    from pypdf import PdfReader

    _pdf_logger(enabled=False)  # pypdf's warnings about a damaged file
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            raise Refused("encrypted")
        pages = list(reader.pages)
    except (Refused, MemoryError, RecursionError):
        raise
    except Exception as exc:
        raise Refused("unreadable_pdf", str(exc) or type(exc).__name__) from exc
    parts, length = [], 0
    for page in pages:
        try:
            text = page.extract_text() or ""
        except (MemoryError, RecursionError):
            raise
        except Exception:  # noqa: S112 - one unreadable page does not lose the others
            continue
        parts.append(text)
        length += len(text)
        if length > TEXT_MAX_CHARS:
            break
    return {"ok": True, "text": "\n".join(parts)[:TEXT_MAX_CHARS]}


def _probe_pdf(path: str, mode: str) -> dict:
    return _pdf_text(path) if mode == "text" else _inspect_pdf(path)


# --- Zip packages (DOCX, ODT) --------------------------------------------------------------


def _check_xml(data: bytes, name: str) -> None:
    """Well-formed XML without a document type declaration (so no entity expansion:
    no "billion laughs", no external entities, in any encoding), nested sanely."""
    from xml.parsers import expat

    if not data:
        return  # an empty part (LibreOffice writes some); a required one is refused later
    parser = expat.ParserCreate()
    depth = 0

    def declaration(*_args):
        raise Refused("unreadable", f"{name} declares a document type")

    def start(_tag, _attributes):
        nonlocal depth
        depth += 1
        if depth > XML_MAX_DEPTH:
            raise Refused("unreadable", f"{name} is nested more than {XML_MAX_DEPTH} deep")

    def end(_tag):
        nonlocal depth
        depth -= 1

    parser.StartDoctypeDeclHandler = declaration
    parser.EntityDeclHandler = declaration
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise Refused("unreadable", f"{name}: {exc}") from exc


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part of the package, bounded; XML parts are checked by ``_check_xml``."""
    with archive.open(name) as handle:
        data = handle.read(ZIP_MAX_PART_BYTES + 1)
    if len(data) > ZIP_MAX_PART_BYTES:
        raise Refused("zip_bomb")
    if _is_xml_part(name):
        _check_xml(data, name)
    return data


def _is_xml_part(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".rdf"))


def _parse_xml(data: bytes, name: str):
    import xml.etree.ElementTree as ET  # no DTDs reach here: _check_xml refuses them

    try:
        return ET.fromstring(data)  # noqa: S314
    except ET.ParseError as exc:
        raise Refused("unreadable", f"{name}: {exc}") from exc


def _iterparse(data: bytes, name: str):
    import io
    import xml.etree.ElementTree as ET

    try:
        yield from ET.iterparse(io.BytesIO(data), events=("start", "end"))  # noqa: S314
    except ET.ParseError as exc:
        raise Refused("unreadable", f"{name}: {exc}") from exc


def _end_of_central_directory(handle, size: int) -> tuple[int, int, int, int]:
    """(entries, central directory offset, its size, where it must end), read from
    the end record (and the Zip64 one), which must end the file exactly."""
    handle.seek(max(size - 65557, 0))
    tail = handle.read()
    base = size - len(tail)
    position = tail.rfind(b"PK\x05\x06")
    while position >= 0:
        if position + 22 <= len(tail):
            (comment_length,) = struct.unpack("<H", tail[position + 20 : position + 22])
            if position + 22 + comment_length == len(tail):
                break
        position = tail.rfind(b"PK\x05\x06", 0, position)
    if position < 0:
        raise Refused("unreadable", "the end of the zip package is missing or followed by data")
    (_sig, disk, cd_disk, _disk_entries, entries, cd_size, cd_offset, _comment) = struct.unpack(
        "<4sHHHHIIH", tail[position : position + 22]
    )
    end = base + position
    if disk or cd_disk:
        raise Refused("unreadable", "a zip package split over several disks")
    locator = position - 20
    if locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
        (_sig, _disk, record_offset, _disks) = struct.unpack("<4sIQI", tail[locator : locator + 20])
        handle.seek(record_offset)
        record = handle.read(56)
        if len(record) < 56 or record[:4] != b"PK\x06\x06":
            raise Refused("unreadable", "a damaged Zip64 end record")
        (entries, cd_size, cd_offset) = struct.unpack("<QQQ", record[32:56])
        if record_offset + 56 + 20 != end:
            raise Refused("unreadable", "data between the Zip64 end records")
        end = record_offset
    return entries, cd_offset, cd_size, end


def _zip64_sizes(extra: bytes) -> tuple[int | None, int | None]:
    """The (uncompressed, compressed) sizes of a local header's Zip64 extra field."""
    position = 0
    while position + 4 <= len(extra):
        tag, length = struct.unpack("<HH", extra[position : position + 4])
        body = extra[position + 4 : position + 4 + length]
        if tag == 1:
            values = [struct.unpack("<Q", body[i : i + 8])[0] for i in range(0, len(body) - 7, 8)]
            padded = [*values, None, None]
            return padded[0], padded[1]
        position += 4 + length
    return None, None


def _check_local_header(handle, entry: zipfile.ZipInfo) -> int:
    """The local header must say what the central directory says; returns where the
    entry (with its data descriptor) ends."""
    handle.seek(entry.header_offset)
    header = handle.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise Refused("unreadable", f"the central directory points {entry.filename} at nothing")
    fields = struct.unpack("<4sHHHHHIIIHH", header)
    (flags, method), (crc, compressed, size, name_length, extra_length) = fields[2:4], fields[6:]
    name = handle.read(name_length)
    extra = handle.read(extra_length)
    encoding = "utf-8" if entry.flag_bits & 0x800 else "cp437"
    try:
        expected_name = entry.orig_filename.encode(encoding)
    except UnicodeEncodeError:
        expected_name = None
    if name != expected_name or flags != entry.flag_bits or method != entry.compress_type:
        raise Refused("unreadable", f"the headers of {entry.filename} disagree")
    if 0xFFFFFFFF in (size, compressed):
        size64, compressed64 = _zip64_sizes(extra)
        size = size64 if size == 0xFFFFFFFF else size
        compressed = compressed64 if compressed == 0xFFFFFFFF else compressed
    described = (crc, compressed, size) == (entry.CRC, entry.compress_size, entry.file_size)
    if not flags & 0x08 and not described:
        raise Refused("unreadable", f"the headers of {entry.filename} disagree")
    end = entry.header_offset + 30 + name_length + extra_length + entry.compress_size
    if flags & 0x08:  # a data descriptor follows the data: it must say the same
        handle.seek(end)
        descriptor = handle.read(24)
        if descriptor[:4] == b"PK\x07\x08":
            descriptor, signature = descriptor[4:], 4
        else:
            signature = 0
        short = struct.unpack("<III", descriptor[:12]) if len(descriptor) >= 12 else None
        long = struct.unpack("<IQQ", descriptor[:20]) if len(descriptor) >= 20 else None
        wanted = (entry.CRC, entry.compress_size, entry.file_size)
        if short == wanted:
            end += signature + 12
        elif long == wanted:
            end += signature + 20
        else:
            raise Refused("unreadable", f"the data descriptor of {entry.filename} disagrees")
    return end


def _check_zip_layout(path: str, archive: zipfile.ZipFile) -> None:
    """The package is its entries, one after the other from the first byte, then the
    central directory, then the end record: no gap, overlap, prefix or suffix where
    something else could hide, and no two names for one part."""
    size = os.path.getsize(path)
    entries = archive.infolist()
    names: set[str] = set()
    for entry in entries:
        name = entry.orig_filename
        folded = name.casefold()
        if folded in names:
            raise Refused("unreadable", f"two parts are named {name}")
        names.add(folded)
        parts = name.split("/")
        if name.startswith("/") or "\\" in name or "\0" in name or ".." in parts:
            raise Refused("unreadable", f"a part has an unsafe name ({name[:60]})")
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refused("unreadable", f"{name} is compressed by an unsupported method")
    with open(path, "rb") as handle:
        count, cd_offset, cd_size, end = _end_of_central_directory(handle, size)
        if count != len(entries) or cd_offset + cd_size != end:
            raise Refused("unreadable", "the zip central directory is inconsistent")
        position = 0
        for entry in sorted(entries, key=lambda e: e.header_offset):
            if entry.header_offset != position:
                raise Refused("unreadable", "the zip package has gaps or overlapping parts")
            position = _check_local_header(handle, entry)
        if position != cd_offset:
            raise Refused("unreadable", "the zip package has data before its central directory")


def _check_zip_data(path: str, archive: zipfile.ZipFile) -> None:
    """Inflate every part (in slices, thrown away): it must end exactly where the
    package says, with the size and checksum the package gives."""
    with open(path, "rb") as handle:
        for entry in archive.infolist():
            handle.seek(entry.header_offset + 26)
            name_length, extra_length = struct.unpack("<HH", handle.read(4))
            handle.seek(entry.header_offset + 30 + name_length + extra_length)
            left = entry.compress_size
            inflater = zlib.decompressobj(-15) if entry.compress_type else None
            produced, crc = 0, 0
            while left > 0:
                chunk = handle.read(min(left, INFLATE_INPUT))
                if not chunk:
                    raise Refused("unreadable", f"{entry.filename} is cut short")
                left -= len(chunk)
                while chunk:
                    if inflater is None:
                        out, chunk = chunk, b""
                    else:
                        try:
                            out = inflater.decompress(chunk, READ_CHUNK)
                        except zlib.error as exc:
                            raise Refused("unreadable", f"{entry.filename} is damaged") from exc
                        chunk = inflater.unconsumed_tail
                    produced += len(out)
                    if produced > entry.file_size:
                        raise Refused(
                            "unreadable", f"{entry.filename} is larger than the package says"
                        )
                    crc = zlib.crc32(out, crc)
                    if inflater is not None and inflater.eof:
                        break
                if inflater is not None and inflater.eof and (left or inflater.unused_data):
                    raise Refused("unreadable", f"{entry.filename} has data after its end")
            complete = (
                inflater is None
                or inflater.eof
                or (entry.compress_size == 0 and entry.file_size == 0)
            )
            if not complete or produced != entry.file_size or crc != entry.CRC:
                raise Refused("unreadable", f"{entry.filename} is damaged")


def _open_package(path: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error) as exc:
        raise Refused("unreadable", f"not a valid zip package: {exc}") from exc
    try:
        entries = archive.infolist()
        if len(entries) > ZIP_MAX_ENTRIES:
            raise Refused("zip_bomb")
        total = 0
        for entry in entries:
            if entry.flag_bits & 0x1:
                raise Refused("encrypted_package")
            total += entry.file_size
            if entry.file_size > 1024 * 1024 and entry.file_size > ZIP_MAX_RATIO * max(
                entry.compress_size, 1
            ):
                raise Refused("zip_bomb")
        if total > ZIP_MAX_TOTAL_BYTES:
            raise Refused("zip_bomb")
        _check_zip_layout(path, archive)
        _check_zip_data(path, archive)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_xml_parts(archive: zipfile.ZipFile, names: set[str], skipped=frozenset()) -> None:
    """Every XML part is well-formed, without a DTD and sanely nested (not only the
    parts read here: a word processor reads them all)."""
    for name in sorted(names - skipped):
        if _is_xml_part(name):
            _read_part(archive, name)


def _docx_text(data: bytes) -> str:
    parts, length = [], 0
    for event, element in _iterparse(data, "word/document.xml"):
        if event != "end":
            continue
        tag = element.tag
        if tag == f"{_W}t":
            parts.append(element.text or "")
            length += len(element.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}p":
            parts.append("\n")
            element.clear()
        if length > TEXT_MAX_CHARS:
            break
    return "".join(parts)[:TEXT_MAX_CHARS]


def _part_target(target: str) -> str:
    """A relationship's target, as the name of a part of the package."""
    return posixpath.normpath("/" + target.lstrip("/")).lstrip("/")


def _check_docx_structure(archive: zipfile.ZipFile, names: set[str], main: str) -> None:
    """What Word needs to open the package: the package relationship to the main
    document part, which is a w:document with a body."""
    if "_rels/.rels" not in names:
        raise Refused("unreadable", "the package relationships (_rels/.rels) are missing")
    rels = _parse_xml(_read_part(archive, "_rels/.rels"), "_rels/.rels")
    targets = {
        _part_target(rel.get("Target", ""))
        for rel in rels.iter(f"{_REL}Relationship")
        if rel.get("Type", "").endswith("/officeDocument") and rel.get("TargetMode") != "External"
    }
    if targets != {main}:
        raise Refused("unreadable", "the package does not lead to its main document")
    root = _parse_xml(_read_part(archive, main), main)
    namespace, _, local = root.tag[1:].partition("}")
    if (
        namespace not in _W_NAMESPACES
        or local != "document"
        or root.find(f"{{{namespace}}}body") is None
    ):
        raise Refused("unreadable", f"{main} is not a Word document body")


def _probe_docx(archive: zipfile.ZipFile, names: set[str], mode: str) -> dict:
    types = _parse_xml(_read_part(archive, "[Content_Types].xml"), "[Content_Types].xml")
    overrides = {
        el.get("PartName", "").lstrip("/"): el.get("ContentType", "")
        for el in types.iter(f"{_CT}Override")
    }
    defaults = {el.get("ContentType", "") for el in types.iter(f"{_CT}Default")}
    all_types = set(overrides.values()) | defaults
    if all_types & MACRO_TYPES or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise Refused("macro")
    mains = [name for name, ct in overrides.items() if ct == WORD_MAIN]
    if len(mains) > 1:
        raise Refused("unreadable", "the package has more than one main document")
    main = mains[0] if mains else None
    if main is None or main not in names:
        raise Refused("wrong_type")
    document = _read_part(archive, main)
    if mode == "text":
        return {"ok": True, "text": _docx_text(document)}
    if types.tag != f"{_CT}Types":
        raise Refused("unreadable", "[Content_Types].xml is not a list of content types")
    _check_xml_parts(archive, names)
    _check_docx_structure(archive, names, main)
    flags = set()
    change_tags = {f"{_W}{t}" for t in ("ins", "del", "moveFrom", "moveTo")}
    change_tags |= {f"{_W}{t}" for t in ("rPrChange", "pPrChange", "sectPrChange")}
    for event, element in _iterparse(document, main):
        if event != "start":
            continue
        if element.tag in change_tags:
            flags.add("tracked_changes")
        elif element.tag == f"{_W}commentReference":
            flags.add("comments")
    if WORD_COMMENTS in overrides.values():
        flags.add("comments")
    for name in names:
        if not name.endswith(".rels"):
            continue
        rels = _parse_xml(_read_part(archive, name), name)
        for rel in rels.iter(f"{_REL}Relationship"):
            if rel.get("TargetMode") == "External" and rel.get("Type") != HYPERLINK_REL:
                flags.add("external_references")
    pages = None
    if "docProps/app.xml" in names:
        app = _parse_xml(_read_part(archive, "docProps/app.xml"), "docProps/app.xml")
        element = app.find(f"{_EP}Pages")
        if element is not None and (element.text or "").strip().isdigit():
            pages = int(element.text.strip()) or None
    return {"ok": True, "type": "docx", "pages": pages, "flags": sorted(flags)}


def _odt_text(data: bytes) -> str:
    """The text of content.xml in reading order, without deleted text or comments."""
    root = _parse_xml(data, "content.xml")
    body = root.find(f"{_OFFICE}body")
    skipped = {f"{_TEXT}tracked-changes", f"{_OFFICE}annotation", f"{_TEXT}note-citation"}
    breaks = {f"{_TEXT}p", f"{_TEXT}h"}
    parts: list[str] = []
    length = 0
    # An explicit stack: deeply nested XML must not exhaust the recursion limit.
    stack = [(body if body is not None else root, False)]
    while stack and length <= TEXT_MAX_CHARS:
        element, closing = stack.pop()
        if closing:
            if element.tag in breaks:
                parts.append("\n")
            if element.tail:
                parts.append(element.tail)
                length += len(element.tail)
            continue
        if element.tag in skipped:
            if element.tail:
                parts.append(element.tail)
            continue
        if element.tag == f"{_TEXT}s":
            count = element.get(f"{_TEXT}c", "1")
            parts.append(" " * (int(count) if count.isdigit() else 1))
        elif element.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif element.tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif element.text:
            parts.append(element.text)
            length += len(element.text)
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    return "".join(parts)[:TEXT_MAX_CHARS]


def _check_odt_structure(archive: zipfile.ZipFile, names: set[str], manifest, content) -> None:
    """What the OpenDocument package format requires: the mimetype first and stored,
    a manifest that describes this package, a text document in content.xml."""
    first = min(archive.infolist(), key=lambda entry: entry.header_offset)
    if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
        raise Refused("unreadable", "the mimetype entry is not first and uncompressed")
    if manifest.tag != f"{_MANIFEST}manifest":
        raise Refused("unreadable", "META-INF/manifest.xml is not a manifest")
    listed = {
        entry.get(f"{_MANIFEST}full-path", ""): entry.get(f"{_MANIFEST}media-type", "")
        for entry in manifest.iter(f"{_MANIFEST}file-entry")
    }
    if listed.get("/") != ODT:
        raise Refused("wrong_type")
    missing = [p for p in listed if p != "/" and not p.endswith("/") and p not in names]
    if missing:
        raise Refused("unreadable", f"the manifest lists {missing[0][:60]}, which is missing")
    root = _parse_xml(content, "content.xml")
    body = root.find(f"{_OFFICE}body")
    text = body.find(f"{_OFFICE}text") if body is not None else None
    if root.tag != f"{_OFFICE}document-content" or text is None:
        raise Refused("unreadable", "content.xml is not the content of a text document")


def _probe_odt(archive: zipfile.ZipFile, names: set[str], mode: str) -> dict:
    mimetype = _read_part(archive, "mimetype").strip()
    if mimetype != ODT.encode():
        raise Refused("wrong_type")
    if any(n.startswith(("Basic/", "Scripts/")) for n in names):
        raise Refused("macro")
    if "META-INF/manifest.xml" not in names or "content.xml" not in names:
        raise Refused("unreadable", "the package lacks its manifest or content")
    manifest = _parse_xml(_read_part(archive, "META-INF/manifest.xml"), "manifest")
    if manifest.find(f".//{_MANIFEST}encryption-data") is not None:
        raise Refused("encrypted_package")
    content = _read_part(archive, "content.xml")
    if mode == "text":
        return {"ok": True, "text": _odt_text(content)}
    _check_xml_parts(archive, names)
    _check_odt_structure(archive, names, manifest, content)
    flags = set()
    internal = ("Pictures/", "./", "#", "ObjectReplacements/", "Object ")
    for event, element in _iterparse(content, "content.xml"):
        if event != "start":
            continue
        tag = element.tag
        if tag == f"{_SCRIPT}event-listener" or tag == f"{_OFFICE}event-listeners":
            raise Refused("macro")
        if tag == f"{_TEXT}changed-region":
            flags.add("tracked_changes")
        elif tag == f"{_OFFICE}annotation":
            flags.add("comments")
        href = element.get(f"{_XLINK}href")
        if href and tag != f"{_TEXT}a" and not href.startswith(internal):
            flags.add("external_references")
    pages = None
    if "meta.xml" in names:
        meta = _parse_xml(_read_part(archive, "meta.xml"), "meta.xml")
        stats = meta.find(f".//{_META}document-statistic")
        count = stats.get(f"{_META}page-count", "") if stats is not None else ""
        pages = int(count) if count.isdigit() and int(count) > 0 else None
    return {"ok": True, "type": "odt", "pages": pages, "flags": sorted(flags)}


def _open_for_text(path: str) -> zipfile.ZipFile:
    """Text mode reads a package accepted earlier: bounded, without the layout checks."""
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error) as exc:
        raise Refused("unreadable", f"not a valid zip package: {exc}") from exc


def _probe_zip(path: str, mode: str) -> dict:
    archive = _open_for_text(path) if mode == "text" else _open_package(path)
    with archive:
        names = set(archive.namelist())
        try:
            if "[Content_Types].xml" in names:
                return _probe_docx(archive, names, mode)
            if "mimetype" in names:
                return _probe_odt(archive, names, mode)
        except Refused as exc:
            if exc.code == "unreadable":
                flavour = "docx" if "[Content_Types].xml" in names else "odt"
                raise Refused(f"unreadable_{flavour}", exc.detail) from exc
            raise
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
            raise Refused("unreadable", f"damaged zip package: {exc}") from exc
    raise Refused("wrong_type")


# --- Running ------------------------------------------------------------------------------


def probe_one(mode: str, kind: str, path: str) -> dict:
    """The verdict on one file (never raises for anything the file can cause, except
    running out of memory or recursion, which the callers answer)."""
    try:
        if kind == "pdf":
            return _probe_pdf(path, mode)
        if kind == "zip":
            return _probe_zip(path, mode)
        return {"ok": False, "code": "wrong_type"}
    except Refused as exc:
        return {"ok": False, "code": exc.code, "detail": exc.detail}
    except (MemoryError, RecursionError, ImportError):
        raise  # out of memory or recursion (an import fails too when memory is short)
    except Exception as exc:  # a file the checks above did not foresee: refused all the same
        return {"ok": False, "code": "unreadable", "detail": f"unexpected {type(exc).__name__}"}


def _limit_resources(memory_bytes: int, cpu_seconds: int | None) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    if cpu_seconds is not None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # it writes no files
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _cpu_budget(seconds: int) -> bool:
    """Give the next request ``seconds`` of CPU time from now (the soft limit: going
    over it kills the process with SIGXCPU). False if the hard limit (unlimited unless
    the caller's environment set one) leaves no room for that."""
    import math
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    limit = math.ceil(usage.ru_utime + usage.ru_stime) + seconds
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY and limit > hard:
        return False
    resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))
    return True


def _prepare() -> None:
    sys.setrecursionlimit(2000)
    logging.basicConfig(handlers=[logging.NullHandler()])  # nothing ever to stderr


def probe_main(argv: list[str]) -> int:
    """Entry point of the one-file subprocess: print one JSON object, the verdict."""
    mode, kind, path, memory, seconds = argv
    _limit_resources(int(memory), int(seconds))
    _prepare()
    try:
        result = probe_one(mode, kind, path)
    except (MemoryError, RecursionError):
        result = {"ok": False, "code": "too_complex"}
    sys.stdout.write(json.dumps(result))
    return 0


def serve_main(argv: list[str]) -> int:
    """Entry point of the serving mode: one request per line in, one answer per line out."""
    memory, seconds, max_requests = (int(value) for value in argv)
    _limit_resources(memory, None)
    _prepare()
    served = 0
    stdin = sys.stdin.buffer
    while True:
        line = stdin.readline(64 * 1024)
        if not line:
            return 0
        try:
            request = json.loads(line)
            ident, mode, kind, path = (request[k] for k in ("id", "mode", "kind", "path"))
            if mode not in ("inspect", "text") or not isinstance(path, str):
                raise ValueError(mode)
        except (ValueError, KeyError, TypeError):
            sys.stdout.write(json.dumps({"ok": False, "code": "bad_request"}) + "\n")
            sys.stdout.flush()
            return 2
        closing = False
        if not _cpu_budget(seconds):  # the hard limit leaves no CPU time for a file
            result, closing = {"ok": False, "code": "too_complex"}, True
        else:
            try:
                result = probe_one(mode, kind, path)
            except (MemoryError, RecursionError):
                result = {"ok": False, "code": "too_complex"}
                closing = True  # start afresh: the heap may be in pieces
        served += 1
        gc.collect()
        closing = closing or served >= max_requests or not _cpu_budget(seconds)
        answer = {**result, "id": ident}
        if closing:
            answer["closing"] = True
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
        if closing:
            return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        sys.exit(serve_main(sys.argv[2:]))
    sys.exit(probe_main(sys.argv[1:]))
