"""The agenda app's rendered documents: the annotated agenda and the Chair's summary.

Registered with ``events.rendering`` in ``AgendaConfig.ready``; the worker renders them
with the one renderer (``events.pdf``). Each language version shows only texts written
in that language (never a mixed-language PDF), so a language is rendered only when the
texts that make the document are complete in it.

- The annotated agenda is rendered from the newest published revision's snapshot for
  the public, and from the working copy (the same snapshot builder) for a staff-only
  draft. Complete: the event's title and every session and item title.
- The Chair's summary is rendered from its rows once published (a draft at any time).
  Complete: the event's title, the introduction, every section's text and heading,
  and the conclusions if there are any.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from modeltranslation.utils import build_localized_fieldname

from events import outbox
from events.dates import COMMAS
from events.models import Document
from events.pdf import PdfMetadata, RenderInput
from events.rendering import Generator

from . import programme, selectors
from . import snapshot as snapshots
from .models import AgendaRevision, ChairsSummary

ANNOTATED_AGENDA = "annotated_agenda"
CHAIRS_SUMMARY = "chairs_summary"

# Chinese is punctuated with full-width marks, and takes no space around them.
CJK_LANGUAGES = {"zh-hans"}
FULL_WIDTH_PARENTHESES = ("（", "）")


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# --- The annotated agenda ---------------------------------------------------------------


def _agenda_source(document: Document, draft: bool) -> tuple[dict[str, Any] | None, str]:
    """The snapshot to render and the label to show (draft: the working copy)."""
    newest = selectors.newest_revision(event=document.event)
    if draft:
        label = AgendaRevision.Label.PROVISIONAL if newest is None else newest.label
        return snapshots.build(document.event), label
    if newest is None:
        return None, ""
    return snapshots.read(newest.snapshot), newest.label


def agenda_complete_languages_of(data: dict[str, Any] | None) -> list[str]:
    """Languages of a snapshot whose event title, session titles and item titles are all
    written (an annotation may be empty)."""
    if not data or snapshots.is_empty(data):
        return []
    texts = [data["event"]["title"]]
    for session in data["sessions"]:
        texts.append(session["title"])
        texts.extend(item["title"] for item in session["items"])
    return [code for code in _languages() if all((t or {}).get(code) for t in texts)]


def agenda_complete_languages(document: Document, draft: bool) -> list[str]:
    data, _label = _agenda_source(document, draft)
    return agenda_complete_languages_of(data)


def agenda_heading(label: str) -> str:
    """The document's title for a revision label, in the active language."""
    return {
        AgendaRevision.Label.PROVISIONAL: gettext("Provisional annotated agenda"),
        AgendaRevision.Label.REVISED: gettext("Revised annotated agenda"),
        AgendaRevision.Label.FINAL: gettext("Final annotated agenda"),
    }.get(label, gettext("Annotated agenda"))


def agenda_input(document: Document, language: str, draft: bool) -> RenderInput:
    data, label = _agenda_source(document, draft)
    if data is None:
        raise outbox.PermanentJobError("The agenda has no published revision to render.")
    title = programme.pick(data["event"]["title"], language, fallback=False)
    with translation.override(language):
        heading = agenda_heading(label)
    shown = programme.from_snapshot(data, language, fallback=False)
    return RenderInput(
        template="pdf/annotated_agenda.html",
        context={
            "document": document,
            "event": document.event,
            "event_title": title,
            "city": programme.pick(data["event"].get("city"), language, fallback=False),
            "label": label,
            "heading": heading,
            "programme": shown,
            "offsets": COMMAS.get(language, ", ").join(shown.utc_offsets),
            "several_offsets": len(shown.utc_offsets) > 1,
            "cjk": language in CJK_LANGUAGES,
            "paren": FULL_WIDTH_PARENTHESES if language in CJK_LANGUAGES else ("(", ")"),
            "draft": draft,
        },
        metadata=PdfMetadata(title=f"{heading}: {title}", language=language, subject=title),
    )


annotated_agenda = Generator(
    key=ANNOTATED_AGENDA,
    label="Annotated agenda (from the published programme)",
    complete_languages=agenda_complete_languages,
    build=agenda_input,
)


# --- The Chair's summary -----------------------------------------------------------------


def _text(obj, field: str, language: str) -> str:
    return (getattr(obj, build_localized_fieldname(field, language), "") or "").strip()


def _summary_of(document: Document) -> ChairsSummary | None:
    return ChairsSummary.objects.filter(event=document.event_id).select_related("event").first()


def _sections(summary: ChairsSummary) -> list:
    return list(summary.sections.select_related("session", "item__session").order_by("order", "pk"))


Titles = dict[tuple[str, int], tuple[dict[str, str], dict[str, str]]]


def published_titles(event) -> Titles | None:
    """The titles of the sessions and items as the newest revision published them:
    ``(kind, id) -> (title, session title)``, each by language. None if nothing is
    published. A public summary names the parts of the programme as the public knows
    them, never as they stand in the working copy."""
    newest = selectors.newest_revision(event=event)
    if newest is None:
        return None
    titles: Titles = {}
    for session in snapshots.read(newest.snapshot)["sessions"]:
        titles[("session", session["id"])] = (session["title"], {})
        for item in session["items"]:
            titles[("item", item["id"])] = (item["title"], session["title"])
    return titles


def _heading(section, language: str, titles: Titles | None) -> tuple[str, str]:
    """A section's heading and, for an item, its session's title, in ``language``."""
    key = ("item", section.item_id) if section.item_id else ("session", section.session_id)
    if titles is not None and key in titles:
        title, session_title = titles[key]
        return title.get(language, ""), session_title.get(language, "")
    if section.item_id:
        return _text(section.item, "title", language), _text(
            section.item.session, "title", language
        )
    return _text(section.session, "title", language), ""


def summary_complete_languages_of(
    summary: ChairsSummary, sections: list, titles: Titles | None = None
) -> list[str]:
    """Languages in which the event's title, the introduction, every section's text and
    heading, and the conclusions (if written in any language) are all written."""
    complete = []
    for code in _languages():
        texts = [_text(summary.event, "title", code), _text(summary, "introduction", code)]
        for section in sections:
            texts += [_text(section, "text", code), _heading(section, code, titles)[0]]
        if any(_text(summary, "conclusions", c) for c in _languages()):
            texts.append(_text(summary, "conclusions", code))
        if all(texts):
            complete.append(code)
    return complete


def summary_complete_languages(document: Document, draft: bool) -> list[str]:
    summary = _summary_of(document)
    if summary is None or (not draft and summary.status != ChairsSummary.Status.PUBLISHED):
        return []
    titles = None if draft else published_titles(summary.event)
    return summary_complete_languages_of(summary, _sections(summary), titles)


def summary_context(summary: ChairsSummary, language: str, draft: bool, document=None) -> dict:
    """What pdf/chairs_summary.html shows, in ``language`` only (the admin's HTML preview
    uses it too). A draft names sessions and items as the working copy does; the public
    PDF as the newest published revision does."""
    titles = None if draft else published_titles(summary.event)
    sections = []
    for section in _sections(summary):
        heading, session_title = _heading(section, language, titles)
        sections.append(
            {
                "heading": heading,
                "is_item": bool(section.item_id),
                "session": session_title,
                "text": _text(section, "text", language),
            }
        )
    return {
        "document": document,
        "event": summary.event,
        "event_title": _text(summary.event, "title", language),
        "city": _text(summary.event, "city", language),
        "summary": summary,
        "introduction": _text(summary, "introduction", language),
        "sections": sections,
        "conclusions": _text(summary, "conclusions", language),
        "draft": draft,
    }


def summary_input(document: Document, language: str, draft: bool) -> RenderInput:
    summary = _summary_of(document)
    if summary is None:
        raise outbox.PermanentJobError("The event has no Chair's summary.")
    if not draft and summary.status != ChairsSummary.Status.PUBLISHED:
        raise outbox.PermanentJobError("The Chair's summary is not published.")
    context = summary_context(summary, language, draft, document)
    with translation.override(language):
        title = f"{gettext('Chair’s summary')}: {context['event_title']}"
    return RenderInput(
        template="pdf/chairs_summary.html",
        context=context,
        metadata=PdfMetadata(title=title, language=language, subject=context["event_title"]),
    )


chairs_summary = Generator(
    key=CHAIRS_SUMMARY,
    label="Chair's summary (from the summary written in admin)",
    complete_languages=summary_complete_languages,
    build=summary_input,
)


def summary_preview_html(summary: ChairsSummary, language: str, document=None) -> str:
    """The Chair's summary as the PDF shows it, as an HTML page for the admin's preview:
    the same template, with the print stylesheet linked."""
    context = {**summary_context(summary, language, True, document), "html_preview": True}
    metadata = PdfMetadata(title=context["event_title"], language=language)
    render_input = RenderInput("pdf/chairs_summary.html", context, metadata)
    return render_input.html()
