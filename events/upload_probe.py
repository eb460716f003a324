"""The parsing half of the upload check (``events.uploads``), run in a subprocess:

    python -m events.upload_probe <inspect|text> <pdf|zip> <path> <memory bytes> <cpu seconds>

It first limits its own address space and CPU time (and may write no file), then
opens the file: pypdf for a PDF; for a DOCX or ODT, a zip package checked for bombs,
encryption and macros, with the parts its format requires. It prints one JSON object:
``{"ok": true, "type": ..., "pages": ..., "flags": [...]}`` (or ``"text"`` in text
mode) or ``{"ok": false, "code": ..., "detail": ...}``. A crafted file can hang or
exhaust only this process. Standard library and pypdf only: nothing of Django.
"""

from __future__ import annotations

import json
import logging
import sys
import zipfile

ZIP_MAX_ENTRIES = 5000
ZIP_MAX_TOTAL_BYTES = 300 * 1024 * 1024
ZIP_MAX_PART_BYTES = 64 * 1024 * 1024
ZIP_MAX_RATIO = 200  # a part that inflates more than this (and is big) is a bomb
TEXT_MAX_CHARS = 2_000_000
ODT = "application/vnd.oasis.opendocument.text"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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


class Refused(Exception):
    def __init__(self, code: str, detail: str = ""):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


def _probe_pdf(path: str, mode: str) -> dict:
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            raise Refused("encrypted")
        pages = list(reader.pages)
        for page in pages:
            page.mediabox  # noqa: B018 - walks the whole page tree
    except Refused:
        raise
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # pypdf raises many kinds of error on a broken file
        raise Refused("unreadable_pdf", str(exc) or type(exc).__name__) from exc
    if not pages:
        raise Refused("no_pages")
    if mode == "text":
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
    flags = []
    root = reader.trailer.get("/Root")
    root = root.get_object() if root is not None else {}
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


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part of the package, bounded, refusing XML with a document type declaration."""
    with archive.open(name) as handle:
        data = handle.read(ZIP_MAX_PART_BYTES + 1)
    if len(data) > ZIP_MAX_PART_BYTES:
        raise Refused("zip_bomb")
    if name.endswith((".xml", ".rels")) and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):
        raise Refused("unreadable", f"{name} declares a document type")
    return data


def _parse_xml(data: bytes, name: str):
    import xml.etree.ElementTree as ET  # no DTDs reach here: _read_part refuses them

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


def _open_package(path: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Refused("unreadable", f"not a valid zip package: {exc}") from exc
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
    try:
        broken = archive.testzip()  # inflates every part (bounded above) and checks CRCs
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise Refused("unreadable", f"damaged zip package: {exc}") from exc
    if broken is not None:
        raise Refused("unreadable", f"damaged part {broken}")
    return archive


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
    main = next((name for name, ct in overrides.items() if ct == WORD_MAIN), None)
    if main is None or main not in names:
        raise Refused("wrong_type")
    document = _read_part(archive, main)
    if mode == "text":
        return {"ok": True, "text": _docx_text(document)}
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


def _probe_zip(path: str, mode: str) -> dict:
    archive = _open_package(path)
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
    raise Refused("wrong_type")


def _limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # it writes no files
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def probe_main(argv: list[str]) -> int:
    """Entry point of the subprocess: print one JSON object, the verdict."""
    mode, kind, path, memory, seconds = argv
    _limit_resources(int(memory), int(seconds))
    logging.disable(logging.CRITICAL)  # pypdf's warnings about a damaged file
    sys.setrecursionlimit(2000)
    try:
        if kind == "pdf":
            result = _probe_pdf(path, mode)
        elif kind == "zip":
            result = _probe_zip(path, mode)
        else:
            result = {"ok": False, "code": "wrong_type"}
    except Refused as exc:
        result = {"ok": False, "code": exc.code, "detail": exc.detail}
    except (MemoryError, RecursionError):
        result = {"ok": False, "code": "too_complex"}
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(probe_main(sys.argv[1:]))
