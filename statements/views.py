"""Public pages of written statements. Thin: ``selectors`` decide what is published.

These pages are the same HTML for every visitor (no CSRF token, nothing about the
user): the filter form is a GET form, and the account menu comes from events.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from events import selectors as event_selectors
from events.pagecache import cached_page
from events.views import _event_context

from . import selectors

PAGE_SIZE = 25


@require_safe
@cached_page
def statement_list(request, slug):
    event = event_selectors.public_event(slug=slug)
    filters = selectors.StatementFilters.from_query(request.GET)
    statements = selectors.public_statements(event=event, filters=filters)
    page = Paginator(statements, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = _event_context(
        event,
        nav="statements",
        filters=filters,
        options=selectors.public_filter_options(event=event),
        page_obj=page,
        statements=page.object_list,
        query_without_page=query.urlencode(),
    )
    return render(request, "statements/list.html", context)


@require_safe
@cached_page
def statement_detail(request, slug, pk):
    event = event_selectors.public_event(slug=slug)
    statement = selectors.public_statement(event=event, pk=pk)
    context = _event_context(event, nav="statements", statement=statement)
    return render(request, "statements/detail.html", context)
