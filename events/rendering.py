"""Rendered documents: the pipeline from content to a published PDF DocumentVersion.

Apps register a *generator* for the documents rendered from their content (``events``:
the concept note; ``agenda``: the annotated agenda and the Chair's summary) with
``register``; ``events`` never imports them. A generator answers two questions for a
Document: in which languages its content is complete (never a mixed-language PDF), and
what one language version is rendered from (a ``RenderInput``), as published or as a
staff-only draft of the working copy.

``document_render_enqueue`` records the render jobs through the outbox (a draft render
is debounced: many quick saves share one pending job). The worker's ``document_render``
takes the job's lease (``OutboxTask``), renders to a temporary file, checks the PDF, and
only then stores the file and creates the version, in one transaction: nothing is ever
half-written, a failed render leaves the previous version public, and the same input
(compared by the hash of the rendered HTML) never makes a second version.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files import File
from django.db import transaction
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.utils import timezone

from . import outbox
from .models import Document, DocumentVersion
from .pdf import RenderInput, input_hash, render_pdf
from .uploads import DeleteStoredOnError

logger = logging.getLogger(__name__)

RENDER_TASK = "events.render_document"
DRAFT_DEBOUNCE = datetime.timedelta(seconds=5)


@dataclass(frozen=True)
class Generator:
    """How one kind of rendered document is made from the site's content."""

    key: str
    label: str
    complete_languages: Callable[[Document, bool], list[str]]
    build: Callable[[Document, str, bool], RenderInput]


_generators: dict[str, Generator] = {}


def register(generator: Generator) -> None:
    if generator.key in _generators and _generators[generator.key] != generator:
        raise ValueError(f"A generator {generator.key!r} is registered already.")
    _generators[generator.key] = generator


def generator_for(document: Document) -> Generator:
    try:
        return _generators[document.generator]
    except KeyError as exc:
        raise outbox.PermanentJobError(
            f"No generator {document.generator!r} for document {document.pk}."
        ) from exc


def generator_choices() -> list[tuple[str, str]]:
    return [(g.key, g.label) for g in _generators.values()]


def document_render_enqueue(*, document: Document, draft: bool = False) -> list[int]:
    """Queue a render of every complete language of ``document``; returns the job ids.

    Call it inside the transaction of the change that makes a new render necessary.
    """
    generator = generator_for(document)
    job_ids = []
    for language in generator.complete_languages(document, draft):
        job = outbox.enqueue(
            RENDER_TASK,
            dedupe_key=f"render:{document.pk}:{language}:{'draft' if draft else 'public'}",
            delay=DRAFT_DEBOUNCE if draft else None,
            document_id=document.pk,
            language=language,
            draft=draft,
        )
        job_ids.append(job.pk)
    if job_ids and not draft:
        Document.objects.filter(pk=document.pk).update(
            render_status=Document.RenderStatus.QUEUED, render_error=""
        )
    return job_ids


def _sha256_and_size(path: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _page_count(path: str) -> int:
    """Open the rendered file again (a check that it is a sound PDF) and count pages."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        pages = len(pdf)
    finally:
        pdf.close()
    if pages < 1:
        raise ValueError("The rendered PDF has no pages.")
    return pages


def _newest(document: Document, language: str, draft: bool) -> DocumentVersion | None:
    return (
        DocumentVersion.objects.filter(document=document, language=language, is_draft=draft)
        .order_by("-created_at", "-pk")
        .first()
    )


def document_render(*, document_id: int, language: str, draft: bool = False):
    """Render one language version of a document and publish it as a new version.

    Returns the new DocumentVersion, or the existing one when the input is unchanged.
    Template errors are permanent (no retry); anything else is retried by the outbox.
    """
    from weasyprint.urls import FatalURLFetchingError

    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return None
    generator = generator_for(document)
    if not draft:
        Document.objects.filter(pk=document.pk).update(
            render_status=Document.RenderStatus.RENDERING
        )
    try:
        render_input = generator.build(document, language, draft)
        html = render_input.html()
        digest = input_hash(html)
        newest = _newest(document, language, draft)
        if newest is not None and newest.input_hash == digest:
            _mark(document, draft, Document.RenderStatus.READY)
            return newest
        with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
            render_pdf(html, render_input.metadata, tmp.name)
            sha256, size = _sha256_and_size(tmp.name)
            pages = _page_count(tmp.name)
            with transaction.atomic():
                # Two renders of the same input at once (a re-sent job beside a retried
                # one): the document's row is locked and the newest version checked
                # again, so the second makes no duplicate version.
                Document.objects.select_for_update().filter(pk=document.pk).first()
                newest = _newest(document, language, draft)
                if newest is not None and newest.input_hash == digest:
                    _mark(document, draft, Document.RenderStatus.READY)
                    return newest
                version = DocumentVersion(
                    document=document,
                    language=language,
                    original_name=f"{generator.key}-{language}.pdf",
                    content_type="application/pdf",
                    size=size,
                    sha256=sha256,
                    page_count=pages,
                    source=DocumentVersion.Source.RENDERED,
                    input_hash=digest,
                    is_draft=draft,
                )
                with open(tmp.name, "rb") as handle:
                    version.file.save("render.pdf", File(handle), save=False)
                with DeleteStoredOnError(version):
                    version.full_clean()
                    version.save()
                outbox.enqueue("events.make_document_thumbnail", version_id=version.pk)
        _mark(document, draft, Document.RenderStatus.READY)
        return version
    except (TemplateSyntaxError, TemplateDoesNotExist, FatalURLFetchingError) as exc:
        _mark(document, draft, Document.RenderStatus.FAILED, f"{type(exc).__name__}: {exc}")
        raise outbox.PermanentJobError(str(exc)) from exc
    except Exception as exc:
        _mark(document, draft, Document.RenderStatus.FAILED, f"{type(exc).__name__}: {exc}")
        raise


def _mark(document: Document, draft: bool, status: str, error: str = "") -> None:
    """Record the outcome of a public render for staff (drafts leave it alone)."""
    if draft:
        return
    fields = {"render_status": status, "render_error": error[-5000:]}
    if status == Document.RenderStatus.READY:
        fields["rendered_at"] = timezone.now()
    Document.objects.filter(pk=document.pk).update(**fields)
