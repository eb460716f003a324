"""The one upload validator: files are recognised by their content, never their name.

``inspect_upload`` reads an uploaded file in chunks (it is never read into memory
whole), hashes and measures it, recognises its type by signature and structure, and
raises ``ValidationError`` with a message that says what is wrong and what to do.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

CHUNK = 64 * 1024

PDF = "application/pdf"


@dataclass(frozen=True)
class InspectedFile:
    content_type: str
    extension: str
    size: int
    sha256: str
    page_count: int | None
    flags: tuple[str, ...] = field(default=())


def _max_size() -> int:
    return settings.UPLOAD_MAX_BYTES


def _hash_and_size(fileobj) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    fileobj.seek(0)
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    fileobj.seek(0)
    return digest.hexdigest(), size


def _inspect_pdf(fileobj) -> int:
    """Open the PDF with pypdf; return its page count."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    fileobj.seek(0)
    try:
        reader = PdfReader(fileobj, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _(
                    "This PDF is password-protected. "
                    "Save it without a password and upload it again."
                ),
                code="encrypted",
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ValidationError(
            _(
                "This file could not be read as a PDF (%(error)s). "
                "Export it again as PDF and retry."
            ),
            params={"error": str(exc)[:200]},
            code="unreadable",
        ) from exc
    finally:
        fileobj.seek(0)
    if pages < 1:
        raise ValidationError(_("This PDF has no pages."), code="no_pages")
    return pages


def inspect_upload(fileobj, *, allowed: tuple[str, ...] = (PDF,)) -> InspectedFile:
    """Check an uploaded file and describe it, or raise ValidationError."""
    sha256, size = _hash_and_size(fileobj)
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
    if PDF in allowed and head.startswith(b"%PDF-"):
        return InspectedFile(PDF, "pdf", size, sha256, _inspect_pdf(fileobj))
    raise ValidationError(
        _("This file is not a PDF document. Export it as PDF and upload it again."),
        code="wrong_type",
    )
