"""Public pages of the event site. Thin: selectors decide what is public.

These pages are the same HTML for every visitor (no CSRF token, nothing about the
user), so that they can be cached whole; the account menu comes from ``account_menu``.
"""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import navigation, selectors
from .models import EventPage
from .pagecache import cached_page


@require_safe
@cached_page(site_wide=True)
def index(request):
    events = list(selectors.public_events())
    current = next((e for e in events if e.is_current), None)
    others = [e for e in events if e is not current]
    pages = list(selectors.public_pages(event=current)) if current else []
    return render(
        request,
        "events/index.html",
        {"current": current, "other_events": others, "pages": pages},
    )


def _event_context(event, **extra):
    pages = list(selectors.public_pages(event=event))
    return {
        "event": event,
        "concept_note_pages": [p for p in pages if p.kind == EventPage.Kind.CONCEPT_NOTE],
        "practical_pages": [p for p in pages if p.kind == EventPage.Kind.PRACTICAL],
        "event_sections": navigation.sections_for(event),
        **extra,
    }


@require_safe
@cached_page
def event_home(request, slug):
    event = selectors.public_event(slug=slug)
    context = _event_context(
        event,
        documents=selectors.public_documents(event=event),
        news=list(selectors.public_news(event=event)[:3]),
    )
    return render(request, "events/event_home.html", context)


@require_safe
@cached_page
def event_page(request, slug, page_slug):
    event = selectors.public_event(slug=slug)
    context = _event_context(event)
    siblings = context["concept_note_pages"] + context["practical_pages"]
    page = next((p for p in siblings if p.slug == page_slug), None)
    if page is None:
        page = selectors.public_page(event=event, slug=page_slug)  # raises 404
    same_kind = [p for p in siblings if p.kind == page.kind]
    index = same_kind.index(page)
    context.update(
        page=page,
        previous_page=same_kind[index - 1] if index > 0 else None,
        next_page=same_kind[index + 1] if index + 1 < len(same_kind) else None,
    )
    return render(request, "events/page.html", context)


@require_safe
@cached_page
def documents(request, slug):
    event = selectors.public_event(slug=slug)
    context = _event_context(event, documents=selectors.public_documents(event=event))
    return render(request, "events/documents.html", context)


@require_safe
@cached_page
def news_list(request, slug):
    event = selectors.public_event(slug=slug)
    context = _event_context(event, news=list(selectors.public_news(event=event)))
    return render(request, "events/news_list.html", context)


@require_safe
@cached_page
def news_detail(request, slug, news_slug):
    event = selectors.public_event(slug=slug)
    item = selectors.public_news_item(event=event, slug=news_slug)
    return render(request, "events/news_detail.html", _event_context(event, item=item))


@never_cache
@require_safe
def account_menu(request):
    """The per-user part of the header, fetched by static/js/site.js."""
    return render(request, "includes/account_menu.html")
