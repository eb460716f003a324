"""What the public may see: events, pages, documents and news (events.selectors)."""

import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from events import selectors
from events.models import Document, EventPage

from .factories import (
    DocumentFactory,
    DocumentVersionFactory,
    EventFactory,
    EventPageFactory,
    NewsItemFactory,
)

pytestmark = pytest.mark.django_db


def _public_titles(event) -> list[str]:
    return [item.document.title for item in selectors.public_documents(event=event)]


def test_public_events_unpublished_excluded():
    published = EventFactory()
    EventFactory(is_published=False)

    assert list(selectors.public_events()) == [published]


def test_current_event_is_the_published_current_one():
    current = EventFactory(is_current=True)
    EventFactory()

    assert selectors.current_event() == current


def test_current_event_unpublished_is_none():
    EventFactory(is_current=True, is_published=False)

    assert selectors.current_event() is None


def test_public_event_unpublished_is_404():
    event = EventFactory(is_published=False)

    with pytest.raises(Http404):
        selectors.public_event(slug=event.slug)


def test_public_pages_unpublished_excluded_and_kind_filtered():
    event = EventFactory()
    note = EventPageFactory(event=event, order=1)
    EventPageFactory(event=event, order=2, is_published=False)
    practical = EventPageFactory(event=event, kind=EventPage.Kind.PRACTICAL)

    assert list(selectors.public_pages(event=event)) == [note, practical]
    assert list(selectors.public_pages(event=event, kind=EventPage.Kind.PRACTICAL)) == [practical]


def test_public_page_unpublished_is_404():
    page = EventPageFactory(is_published=False)

    with pytest.raises(Http404):
        selectors.public_page(event=page.event, slug=page.slug)


def test_public_documents_published_general_shown():
    version = DocumentVersionFactory(document__title_en="Concept note")

    result = selectors.public_documents(event=version.document.event)

    assert [(item.document, item.versions) for item in result] == [(version.document, [version])]


@pytest.mark.parametrize(
    "overrides",
    [
        {"published_at": None},
        {"published_at": timezone.now() + datetime.timedelta(hours=1)},
        {"distribution": Document.Distribution.LIMITED},
        {"event__is_published": False},
    ],
    ids=["unpublished", "future", "limited", "event-unpublished"],
)
def test_public_documents_not_public_excluded(overrides):
    hidden = DocumentVersionFactory(**{f"document__{k}": v for k, v in overrides.items()})

    assert selectors.public_documents(event=hidden.document.event) == []
    with pytest.raises(Http404):
        selectors.public_document_version(pk=hidden.pk)


def test_public_documents_without_versions_excluded():
    document = DocumentFactory()

    assert selectors.public_documents(event=document.event) == []


def test_public_documents_newest_version_per_language_in_un_order():
    document = DocumentFactory()
    old_en = DocumentVersionFactory(document=document, language="en")
    fr = DocumentVersionFactory(document=document, language="fr")
    new_en = DocumentVersionFactory(document=document, language="en")
    ar = DocumentVersionFactory(document=document, language="ar")

    [item] = selectors.public_documents(event=document.event)

    assert old_en.created_at <= new_en.created_at
    assert item.versions == [ar, new_en, fr]


def test_public_documents_ordered_by_order_and_filtered_by_kind():
    event = EventFactory()
    second = DocumentVersionFactory(document__event=event, document__order=2).document
    first = DocumentVersionFactory(
        document__event=event, document__order=1, document__kind=Document.Kind.PRESS_RELEASE
    ).document

    assert [i.document for i in selectors.public_documents(event=event)] == [first, second]
    assert [
        i.document
        for i in selectors.public_documents(event=event, kind=Document.Kind.PRESS_RELEASE)
    ] == [first]


def test_public_documents_other_event_excluded():
    version = DocumentVersionFactory()

    assert selectors.public_documents(event=EventFactory()) == []
    assert _public_titles(version.document.event) == [version.document.title]


def test_public_document_version_newest_downloadable():
    newest = DocumentVersionFactory()

    assert selectors.public_document_version(pk=newest.pk) == newest


def test_public_document_version_superseded_is_404():
    old = DocumentVersionFactory(language="en")
    DocumentVersionFactory(document=old.document, language="en")

    with pytest.raises(Http404):
        selectors.public_document_version(pk=old.pk)


def test_public_document_version_other_language_not_superseded():
    english = DocumentVersionFactory(language="en")
    DocumentVersionFactory(document=english.document, language="fr")

    assert selectors.public_document_version(pk=english.pk) == english


def test_public_news_future_and_unpublished_excluded():
    event = EventFactory()
    older = NewsItemFactory(event=event, published_at=timezone.now() - datetime.timedelta(days=2))
    newer = NewsItemFactory(event=event)
    NewsItemFactory(event=event, published_at=timezone.now() + datetime.timedelta(hours=1))
    NewsItemFactory(event=event, published_at=None)
    NewsItemFactory()  # another event's

    assert list(selectors.public_news(event=event)) == [newer, older]


def test_public_news_item_future_is_404():
    item = NewsItemFactory(published_at=timezone.now() + datetime.timedelta(hours=1))

    with pytest.raises(Http404):
        selectors.public_news_item(event=item.event, slug=item.slug)
