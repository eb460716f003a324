"""The one upload validator: files are recognised by their content, never their name.

``inspect_upload`` reads an uploaded file in chunks (it is never read into memory
whole), hashes and measures it, recognises its type by signature, and then has it
parsed *in a subprocess* with time and memory limits: a PDF must be one pypdf reads
without repairing anything; a DOCX or ODT must be a sound zip package (nothing hidden
in or around it) with the parts its format requires, well-formed XML without DTDs, no
macros and no zip bomb. A crafted file can hang or exhaust only that subprocess, never
a web worker. Anything refused raises ``ValidationError`` with a message that says what is
wrong and what to do; a DOCX or ODT with tracked changes, comments or external
references is accepted with ``flags`` for staff.

``extract_text`` reads a stored file's text (for search) through the same subprocess.

Requests are bounded before they reach a view: ``UploadSizeLimitMiddleware`` answers
413 to a request whose Content-Length is over the limit without reading it, and
``LimitedTemporaryFileUploadHandler`` (the only upload handler) streams file fields to
a temporary file and stops, deleting it, as soon as the limit is crossed.

The subprocess is ``events.upload_probe`` (standard library and pypdf only, so that
it starts quickly and imports nothing of the site), one per file. ``ProbeServer`` runs
its serving mode instead, one long-lived process under the same limits for a batch of
files (the upload fuzz test's corpus), restarted whenever a file kills it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import selectors
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"

EXTENSIONS = {PDF: "pdf", DOCX: "docx", ODT: "odt"}
FORMAT_NAMES = {PDF: "PDF", DOCX: "Word (.docx)", ODT: "OpenDocument (.odt)"}

# What the probe may report about an accepted file; staff see these labels.
FLAG_LABELS = {
    "tracked_changes": gettext_lazy("tracked changes"),
    "comments": gettext_lazy("comments"),
    "external_references": gettext_lazy("external references"),
    "javascript": gettext_lazy("JavaScript in the PDF"),
    "embedded_files": gettext_lazy("files embedded in the PDF"),
}

# Room for the form's other fields and the multipart framing around the file.
REQUEST_OVERHEAD_BYTES = 64 * 1024

# Markers of a web page hidden in a document (a PDF/HTML polyglot).
_HTML_MARKERS = (b"<html", b"<script", b"<!doctype html", b"<iframe", b"<body")
_HTML_OVERLAP = max(len(m) for m in _HTML_MARKERS)

# Signatures of things that are certainly not documents, for a clearer message.
_PROGRAM_SIGNATURES = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, and password-protected .docx


@dataclass(frozen=True)
class InspectedFile:
    content_type: str
    extension: str
    size: int
    sha256: str
    page_count: int | None  # None: unknown (a DOCX or ODT without page statistics)
    flags: tuple[str, ...] = field(default=())


def _max_size() -> int:
    return settings.UPLOAD_MAX_BYTES


def _scan(fileobj) -> tuple[str, int, bool]:
    """Hash and measure the file in chunks, and look for web-page markup in it."""
    digest = hashlib.sha256()
    size = 0
    html = False
    tail = b""
    fileobj.seek(0)
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if not html:
            window = (tail + chunk).lower()
            html = any(marker in window for marker in _HTML_MARKERS)
            tail = window[-_HTML_OVERLAP:]
    fileobj.seek(0)
    return digest.hexdigest(), size, html


def _format_list(allowed: tuple[str, ...]) -> str:
    """ "PDF", "PDF or Word (.docx)", "PDF, Word (.docx) or OpenDocument (.odt)"."""
    names = [FORMAT_NAMES[t] for t in allowed]
    if len(names) == 1:
        return names[0]
    return _("%(first)s or %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _wrong_type(allowed: tuple[str, ...]) -> ValidationError:
    if allowed == (PDF,):
        return ValidationError(
            _("This file is not a PDF document. Export it as PDF and upload it again."),
            code="wrong_type",
        )
    return ValidationError(
        _(
            "This file is not a %(formats)s document. Save or export it in one of "
            "these formats and upload it again."
        ),
        params={"formats": _format_list(allowed)},
        code="wrong_type",
    )


def _refusal(code: str, detail: str, allowed: tuple[str, ...]) -> ValidationError:
    """The user's message for a refusal the probe reported."""
    messages = {
        "encrypted": _(
            "This PDF is password-protected. Save it without a password and upload it again."
        ),
        "encrypted_package": _(
            "This document is password-protected. Save it without a password and upload it again."
        ),
        "no_pages": _("This PDF has no pages."),
        "macro": _(
            "This document contains macros (it is a macro-enabled file). Save it as a "
            "plain .docx or .odt document, or export it as PDF, and upload it again."
        ),
        "zip_bomb": _(
            "This file unpacks to far more data than a document would (it looks like a "
            "“zip bomb”). Save the document again from your word processor, or export it "
            "as PDF, and upload it again."
        ),
        "too_complex": _(
            "This file could not be checked: reading it took too long or needed too much "
            "memory (it may be damaged or unusually complex). Save or export it again, "
            "or send it as PDF, and retry."
        ),
    }
    if code in messages:
        return ValidationError(messages[code], code=code)
    if code == "unreadable_pdf":
        return ValidationError(
            _(
                "This file could not be read as a PDF (%(error)s). "
                "Export it again as PDF and retry."
            ),
            params={"error": detail[:200]},
            code="unreadable",
        )
    if code == "unreadable":
        return ValidationError(
            _(
                "This file could not be read as a document (%(error)s). Save it again "
                "from your word processor, or export it as PDF, and retry."
            ),
            params={"error": detail[:200]},
            code="unreadable",
        )
    if code in ("unreadable_docx", "unreadable_odt"):
        return ValidationError(
            _(
                "This file could not be read as a %(format)s document (%(error)s). "
                "Save it again from your word processor, or export it as PDF, and retry."
            ),
            params={
                "format": FORMAT_NAMES[DOCX if code == "unreadable_docx" else ODT],
                "error": detail[:200],
            },
            code="unreadable",
        )
    return _wrong_type(allowed)


class UploadCheckError(Exception):
    """The probe subprocess failed (timed out, ran out of memory, was killed)."""


def _probe_limits() -> tuple[int, int]:
    memory = settings.UPLOAD_CHECK_MEMORY_MB * 1024 * 1024
    return memory, settings.UPLOAD_CHECK_SECONDS


def _probe_command(*args: str) -> list[str]:
    return [sys.executable, "-s", "-m", "events.upload_probe", *args]


def _probe_env() -> dict[str, str]:
    # No secrets in the probe's environment: it needs only Python and pypdf.
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(settings.BASE_DIR),
        "PYTHONIOENCODING": "utf-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": "C.UTF-8",
    }


def _run_probe(mode: str, kind: str, path: str) -> dict:
    """Run the probe on ``path`` in a subprocess of its own with time and memory limits."""
    memory, seconds = _probe_limits()
    command = _probe_command(mode, kind, path, str(memory), str(seconds))
    try:
        completed = subprocess.run(  # noqa: S603 - fixed command, our own module
            command,
            cwd=settings.BASE_DIR,
            env=_probe_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=seconds + 2,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise UploadCheckError(f"the check took more than {seconds} s") from exc
    if completed.returncode != 0:
        raise UploadCheckError(
            f"the check ended with status {completed.returncode}: "
            f"{completed.stderr.decode(errors='replace')[-500:]}"
        )
    try:
        return json.loads(completed.stdout)
    except ValueError as exc:
        raise UploadCheckError("the check gave no answer") from exc


class ProbeServer:
    """A long-lived probe (``python -m events.upload_probe --serve``) that checks many
    files one after the other, under the same limits as the one-file subprocess: for
    checking a batch of files (the upload fuzz corpus) without starting a Python per file.

    ``check(mode, kind, path)`` answers like ``_run_probe``, and raises
    ``UploadCheckError`` when the file killed the process or made it overrun its CPU or
    wall-clock time (the process is then gone, and the next ``check`` starts a new one).
    The probe also ends itself, after saying so in its answer, once it has served
    ``max_requests`` files or after a file exhausted its memory; it is restarted before
    the next file, so every file meets a probe that is running.

    The site does not use it for real uploads: each of those is parsed by a process of
    its own (``_run_probe``), so that no state, damage or CPU time of one delegate's file
    can reach the check of another's, and the CPU limit is a hard one the probe cannot
    move (here it must move it between files).
    """

    MAX_ANSWER_BYTES = 16 * 1024 * 1024

    def __init__(self, *, max_requests: int = 500):
        self.max_requests = max_requests
        self.starts = 0  # processes started
        self.failures = 0  # files that killed one or ran out of time
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._sequence = 0
        self._seconds = settings.UPLOAD_CHECK_SECONDS

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    @property
    def pid(self) -> int | None:
        running = self._process is not None and self._process.poll() is None
        return self._process.pid if running else None

    def _start(self) -> subprocess.Popen:
        memory, seconds = _probe_limits()
        self._seconds = seconds
        self._process = subprocess.Popen(  # noqa: S603 - fixed command, our own module
            _probe_command("--serve", str(memory), str(seconds), str(self.max_requests)),
            cwd=settings.BASE_DIR,
            env=_probe_env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.starts += 1
        return self._process

    def _discard(self, grace: float = 0) -> int | None:
        """Forget the process, after it ends by itself within ``grace`` seconds of the
        end of its input or is killed; its exit status."""
        process, self._process = self._process, None
        if process is None:
            return None
        with contextlib.suppress(OSError):
            process.stdin.close()
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
        status = process.wait()
        process.stdout.close()
        return status

    def close(self) -> None:
        """End the process (it stops at the end of its input)."""
        with self._lock:
            self._discard(grace=5)

    def _read_answer(self, process: subprocess.Popen, deadline: float) -> bytes | None:
        """The next line the process writes, or None if it ends or the time is up."""
        descriptor = process.stdout.fileno()
        received = bytearray()
        with selectors.DefaultSelector() as selector:
            selector.register(descriptor, selectors.EVENT_READ)
            while not received.endswith(b"\n"):
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not selector.select(remaining):
                    return None
                chunk = os.read(descriptor, 65536)
                if not chunk or len(received) + len(chunk) > self.MAX_ANSWER_BYTES:
                    return None
                received += chunk
        return bytes(received)

    def check(self, mode: str, kind: str, path: str) -> dict:
        with self._lock:
            process = self._process
            if process is None or process.poll() is not None:
                self._discard()
                process = self._start()
            self._sequence += 1
            request = {"id": self._sequence, "mode": mode, "kind": kind, "path": str(path)}
            deadline = time.monotonic() + self._seconds + 2
            try:
                process.stdin.write(json.dumps(request).encode() + b"\n")
                process.stdin.flush()
            except OSError:
                line = None
            else:
                line = self._read_answer(process, deadline)
            answer = None
            if line is not None:
                with contextlib.suppress(ValueError):
                    answer = json.loads(line)
            if not isinstance(answer, dict) or answer.pop("id", None) != self._sequence:
                timed_out = time.monotonic() >= deadline
                status = self._discard()
                self.failures += 1
                if timed_out:
                    raise UploadCheckError(f"the check took more than {self._seconds} s")
                raise UploadCheckError(f"the check ended with status {status}")
            if answer.pop("closing", False):
                self._discard(grace=5)
            return answer


def _local_path(fileobj):
    """A path on local disk with the file's bytes, and whether it is a copy to delete.

    A file streamed to a temporary file already has one; anything else (a small
    in-memory upload, a file in remote storage) is copied in chunks.
    """
    if hasattr(fileobj, "temporary_file_path"):
        return fileobj.temporary_file_path(), False
    handle = tempfile.NamedTemporaryFile(prefix="upload-check-", delete=False)  # noqa: SIM115
    with handle:
        fileobj.seek(0)
        shutil.copyfileobj(fileobj, handle, CHUNK)
    fileobj.seek(0)
    return handle.name, True


def _probe_file(mode: str, kind: str, fileobj, checker=None) -> dict:
    path, is_copy = _local_path(fileobj)
    try:
        return (checker or _run_probe)(mode, kind, path)
    finally:
        if is_copy:
            Path(path).unlink(missing_ok=True)


def _kind_by_signature(head: bytes) -> str:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(_OLE_SIGNATURE):
        return "ole"
    return ""


def inspect_upload(fileobj, *, allowed: tuple[str, ...] = (PDF,), checker=None) -> InspectedFile:
    """Check an uploaded file by its content and describe it, or raise ValidationError.

    ``checker(mode, kind, path)`` parses the file; by default a subprocess of its own
    (``_run_probe``), or a ``ProbeServer``'s ``check`` for a batch of files."""
    sha256, size, has_html = _scan(fileobj)
    if size == 0:
        raise ValidationError(_("The file is empty. Choose the file again."), code="empty")
    if size > _max_size():
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s. Reduce its size and retry."),
            params={"size": filesizeformat(size), "limit": filesizeformat(_max_size())},
            code="too_large",
        )
    head = fileobj.read(1024)
    fileobj.seek(0)
    kind = _kind_by_signature(head)
    zip_allowed = DOCX in allowed or ODT in allowed
    if kind == "ole" and zip_allowed:
        raise ValidationError(
            _(
                "This is a password-protected or old-format (.doc) Word file. Save it as "
                ".docx without a password, or export it as PDF, and upload it again."
            ),
            code="old_or_encrypted_office",
        )
    if (kind == "pdf" and PDF not in allowed) or (kind == "zip" and not zip_allowed):
        kind = ""
    if not kind:
        if head.startswith(_PROGRAM_SIGNATURES) and allowed != (PDF,):
            raise ValidationError(
                _("This file is a program, not a document. Choose your statement's file."),
                code="program",
            )
        raise _wrong_type(allowed)
    if has_html:
        raise ValidationError(
            _(
                "This file contains web page (HTML) code as well as a document, which is "
                "not safe to publish. Export the document again as %(formats)s and upload "
                "it again."
            ),
            params={"formats": _format_list(allowed)},
            code="html",
        )
    try:
        result = _probe_file("inspect", kind, fileobj, checker)
    except UploadCheckError as exc:
        logger.warning("upload check failed: %s", exc)
        raise _refusal("too_complex", "", allowed) from exc
    if not result.get("ok"):
        raise _refusal(result.get("code", ""), result.get("detail", ""), allowed)
    content_type = {"pdf": PDF, "docx": DOCX, "odt": ODT}[result["type"]]
    if content_type not in allowed:
        raise _wrong_type(allowed)
    return InspectedFile(
        content_type=content_type,
        extension=EXTENSIONS[content_type],
        size=size,
        sha256=sha256,
        page_count=result.get("pages"),
        flags=tuple(result.get("flags", ())),
    )


def extract_text(fileobj, *, content_type: str) -> str:
    """The text of a checked file (PDF, DOCX, ODT), read in the limited subprocess.

    Raises ``UploadCheckError`` (or ``ValueError`` for a file the probe refuses) when
    the text cannot be read.
    """
    kind = {PDF: "pdf", DOCX: "zip", ODT: "zip"}[content_type]
    result = _probe_file("text", kind, fileobj)
    if not result.get("ok"):
        raise ValueError(f"{result.get('code')}: {result.get('detail', '')}")
    return result["text"]


# --- Request size limits ---------------------------------------------------------------


# --- Storing ---------------------------------------------------------------------------

# Errors of a storage (or a temporary directory) that has no room left: the upload gets
# a message, never a 500.
STORAGE_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
STORAGE_FULL_MESSAGE = gettext_lazy(
    "The server could not store the file right now, so nothing was saved. "
    "Please try again in a few minutes; if it happens again, contact CTED."
)


def is_storage_full(error: BaseException) -> bool:
    return isinstance(error, OSError) and error.errno in STORAGE_FULL_ERRNOS


def save_upload(storage, name: str, content, *, max_length: int | None = None) -> str:
    """Store a checked upload under ``name`` (a name the server made) and return the
    name it got. If writing fails, what was written is deleted; a full storage is a
    ``ValidationError`` with a clear message (code ``storage_full``)."""
    try:
        return storage.save(name, content, max_length=max_length)
    except OSError as exc:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("a partly written upload was not deleted: %s", name)
        if not is_storage_full(exc):
            raise
        logger.error("upload not stored, the storage is full: %s", exc)
        raise ValidationError(STORAGE_FULL_MESSAGE, code="storage_full") from exc


class DeleteStoredOnError:
    """Delete the files of rows stored in the block if it fails (their rows roll back):
    no file without its row. ``with DeleteStoredOnError(row):`` for a file already
    stored; ``cleanup.add(row)`` for each one stored inside the block."""

    def __init__(self, *rows):
        self.names: list[tuple] = []
        for row in rows:
            self.add(row)

    def add(self, row) -> None:
        self.names.append((row.file.storage, row.file.name))

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None:
            for storage, name in self.names:
                storage.delete(name)
        return False


def save_upload_with_row(row, uploaded_file, *, filename: str):
    """Store a checked upload in ``row``'s ``file`` field, under a name the server makes
    from ``filename``, then validate and save the row. If the row does not make it, the
    stored file is deleted: no file without its row (a full storage is
    ``save_upload``'s ValidationError)."""
    field = row.file.field
    name = field.generate_filename(row, filename)
    row.file.name = save_upload(field.storage, name, uploaded_file, max_length=field.max_length)
    with DeleteStoredOnError(row):
        row.full_clean()
        row.save()
    return row


def _too_large_response(request) -> HttpResponse:
    limit = filesizeformat(_max_size())
    html = render_to_string("413.html", {"limit": limit}, request=request)
    response = HttpResponse(html, status=413)
    # The body was not read: the connection cannot carry another request.
    response["Connection"] = "close"
    return response


class LimitedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Streams every uploaded file to a temporary file, never into memory, and stops
    (deleting what it wrote) once the request's files pass UPLOAD_MAX_BYTES, or when the
    temporary file cannot be written."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > _max_size():
            if self.request is not None:
                self.request.upload_too_large = True
            self.upload_interrupted()
            raise StopUpload(connection_reset=True)
        try:
            return super().receive_data_chunk(raw_data, start)
        except OSError:
            # The temporary directory is full (or failing): delete what was written; the
            # error reaches ServiceUnavailableMiddleware's page for a full disk.
            self.upload_interrupted()
            raise


class UploadSizeLimitMiddleware:
    """413 for a request over the upload limit: before reading it when its
    Content-Length says so, and as soon as the streamed body crosses it otherwise."""

    BODY_METHODS = ("POST", "PUT", "PATCH")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.BODY_METHODS:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > _max_size() + REQUEST_OVERHEAD_BYTES:
                return _too_large_response(request)
            if request.content_type == "multipart/form-data":
                try:
                    request.FILES  # noqa: B018 - parse now, through the limited handler
                except MultiPartParserError:
                    return HttpResponse(_("The upload was malformed."), status=400)
                if getattr(request, "upload_too_large", False):
                    return _too_large_response(request)
        return self.get_response(request)
