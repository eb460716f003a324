"""The events app's rendered documents: the concept note, from the event's pages."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext

from .models import Document, EventPage
from .pdf import PdfMetadata, RenderInput
from .rendering import Generator

CONCEPT_NOTE = "concept_note"


def _language_field(code: str) -> str:
    return code.replace("-", "_")


def _concept_note_pages(document: Document):
    return list(
        document.event.pages.filter(kind=EventPage.Kind.CONCEPT_NOTE, is_published=True).order_by(
            "order", "pk"
        )
    )


def concept_note_languages(document: Document, draft: bool) -> list[str]:
    """Languages in which the event's title and every concept-note section are written."""
    pages = _concept_note_pages(document)
    if not pages:
        return []
    complete = []
    for code, _name in settings.LANGUAGES:
        suffix = _language_field(code)
        texts = [getattr(document.event, f"title_{suffix}")]
        for page in pages:
            texts += [getattr(page, f"title_{suffix}"), getattr(page, f"body_{suffix}")]
        if all(text and text.strip() for text in texts):
            complete.append(code)
    return complete


def concept_note_input(document: Document, language: str, draft: bool) -> RenderInput:
    event = document.event
    title_field = f"title_{_language_field(language)}"
    return RenderInput(
        template="pdf/concept_note.html",
        context={
            "document": document,
            "event": event,
            "pages": _concept_note_pages(document),
            "draft": draft,
        },
        metadata=PdfMetadata(
            title=f"{gettext('Concept note')}: {getattr(event, title_field)}",
            language=language,
            subject=getattr(event, title_field),
        ),
    )


concept_note = Generator(
    key=CONCEPT_NOTE,
    label="Concept note (from the event's pages)",
    complete_languages=concept_note_languages,
    build=concept_note_input,
)
