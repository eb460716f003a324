"""Writes for events, documents and delegations. Views, admin and tasks call these."""

from __future__ import annotations

import io
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from . import outbox
from .models import Document, DocumentVersion, Event, Membership
from .uploads import PDF, inspect_upload, save_upload_with_row

logger = logging.getLogger(__name__)

THUMBNAIL_WIDTH = 240


@transaction.atomic
def event_make_current(*, event: Event) -> Event:
    """Make ``event`` the one the home page leads with (and no other)."""
    Event.objects.filter(is_current=True).exclude(pk=event.pk).update(is_current=False)
    event.is_current = True
    event.full_clean()
    event.save(update_fields=["is_current", "updated_at"])
    return event


@transaction.atomic
def document_version_create(
    *, document: Document, language: str, uploaded_file, user=None
) -> DocumentVersion:
    """Add an uploaded PDF as the newest version of ``document`` in ``language``.

    The file is checked by content (ValidationError otherwise: nothing is stored),
    hashed, counted and stored under a name the server makes (a full storage is a
    ValidationError too, and leaves nothing); a first-page thumbnail is made in the
    background.
    """
    inspected = inspect_upload(uploaded_file, allowed=(PDF,))
    version = DocumentVersion(
        document=document,
        language=language,
        original_name=(getattr(uploaded_file, "name", "") or "")[-255:],
        content_type=inspected.content_type,
        size=inspected.size,
        sha256=inspected.sha256,
        page_count=inspected.page_count,
        source=DocumentVersion.Source.UPLOADED,
        created_by=user,
    )
    save_upload_with_row(version, uploaded_file, filename="upload.pdf")
    outbox.enqueue("events.make_document_thumbnail", version_id=version.pk)
    return version


def document_version_make_thumbnail(*, version_id: int) -> DocumentVersion | None:
    """Render the first page of a PDF version as a PNG thumbnail (idempotent)."""
    import pypdfium2

    version = DocumentVersion.objects.filter(pk=version_id).first()
    if version is None or version.thumbnail:
        return version
    with version.file.open("rb") as fh:
        pdf = pypdfium2.PdfDocument(fh)
        try:
            page = pdf[0]
            scale = THUMBNAIL_WIDTH / page.get_width()
            image = page.render(scale=scale).to_pil()
        finally:
            pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    name = version.thumbnail.field.generate_filename(version, "thumbnail.png")
    stored = version.thumbnail.storage.save(name, ContentFile(buffer.getvalue()))
    # Only the derived thumbnail is added; the version's content is never rewritten.
    updated = DocumentVersion.objects.filter(pk=version.pk, thumbnail="").update(thumbnail=stored)
    if not updated:
        version.thumbnail.storage.delete(stored)
    version.refresh_from_db()
    return version


@transaction.atomic
def membership_decide(*, membership: Membership, approve: bool, decided_by) -> Membership:
    """Approve or decline a request to act for a delegation."""
    membership.status = Membership.Status.APPROVED if approve else Membership.Status.DECLINED
    membership.decided_by = decided_by
    membership.decided_at = timezone.now()
    membership.full_clean()
    membership.save(update_fields=["status", "decided_by", "decided_at"])
    return membership
