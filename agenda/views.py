"""Public pages and exports of the programme. Thin: selectors decide what is public.

Every page renders from the newest published revision's snapshot (or an earlier one
when asked), never from the working copy staff are editing.
"""

from __future__ import annotations

import hashlib

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from events import selectors as event_selectors
from events.models import Document
from events.pagecache import cached_page
from events.views import _event_context

from . import selectors
from .exports import EXPORTERS


def programme_context(event, public: selectors.PublicProgramme | None, **extra) -> dict:
    """What the agenda templates need: the event's shell and the programme shown."""
    context = {
        "programme": public.programme if public else None,
        "revision": public.revision if public else None,
        "revisions": public.revisions if public else [],
        "previous": public.previous if public else None,
        "changes": public.changes if public else [],
        "is_newest": public.is_newest if public else False,
        "link_people": True,
        "link_sessions": True,
    }
    context.update(extra)
    return _event_context(event, **context)


# The rendered documents the programme page links, in this order.
PROGRAMME_DOCUMENTS = [Document.Kind.ANNOTATED_AGENDA, Document.Kind.CHAIRS_SUMMARY]


def _programme_page(request, slug: str, number: int | None):
    event = event_selectors.public_event(slug=slug)
    public = selectors.public_programme(
        event=event, language=get_language(), number=number, with_changes=True
    )
    pdfs = []
    if public is not None and public.is_newest:
        newest = event_selectors.newest_public_versions(event=event, kinds=PROGRAMME_DOCUMENTS)
        labels = dict(Document.Kind.choices)
        pdfs = [(labels[kind], newest[kind]) for kind in PROGRAMME_DOCUMENTS if newest[kind]]
    context = programme_context(event, public, nav="programme", pdfs=pdfs)
    return render(request, "agenda/programme.html", context)


@require_safe
@cached_page
def programme(request, slug):
    return _programme_page(request, slug, None)


@require_safe
@cached_page
def programme_revision(request, slug, number):
    return _programme_page(request, slug, number)


def _newest(slug: str):
    event = event_selectors.public_event(slug=slug)
    public = selectors.public_programme(event=event, language=get_language())
    if public is None:
        raise Http404("The programme is not published yet.")
    return event, public


@require_safe
@cached_page
def session(request, slug, session_id):
    event, public = _newest(slug)
    found = public.programme.session(session_id)
    if found is None:
        raise Http404("No such session in the published programme.")
    context = programme_context(event, public, nav="programme", session=found)
    return render(request, "agenda/session.html", context)


@require_safe
@cached_page
def panellists(request, slug):
    event = event_selectors.public_event(slug=slug)
    public = selectors.public_programme(event=event, language=get_language())
    context = programme_context(event, public, nav="panellists")
    return render(request, "agenda/panellists.html", context)


@require_safe
@cached_page
def person(request, slug, person_id):
    event, public = _newest(slug)
    found = public.programme.person(person_id)
    if found is None:
        raise Http404("No such person in the published programme.")
    context = programme_context(event, public, nav="panellists", person=found)
    return render(request, "agenda/person.html", context)


def _export(request, slug: str, identifier: str, *, session_id: int | None = None):
    event, public = _newest(slug)
    if session_id is not None and public.programme.session(session_id) is None:
        raise Http404("No such session in the published programme.")
    exporter = EXPORTERS[identifier]
    body = exporter.render(
        event=event,
        revision=public.revision,
        request=request,
        language=get_language(),
        session_id=session_id,
    )
    etag = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=exporter.content_type)
        stem = f"{event.slug}-session-{session_id}" if session_id else f"{event.slug}-programme"
        disposition = "attachment" if identifier == "ics" else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{stem}.{exporter.extension}"'
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@cached_page
def programme_ics(request, slug):
    return _export(request, slug, "ics")


@require_safe
@cached_page
def session_ics(request, slug, session_id):
    return _export(request, slug, "ics", session_id=session_id)


@require_safe
@cached_page
def programme_json(request, slug):
    return _export(request, slug, "json")
