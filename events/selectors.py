"""Reads that carry rules: what the public may see is defined here, once."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .models import Document, DocumentVersion, Event, EventPage, Membership, NewsItem


def public_events() -> QuerySet[Event]:
    return Event.objects.filter(is_published=True)


def current_event() -> Event | None:
    return public_events().filter(is_current=True).first()


def public_event(*, slug: str) -> Event:
    event = public_events().filter(slug=slug).first()
    if event is None:
        raise Http404("No such event.")
    return event


def public_pages(*, event: Event, kind: str | None = None) -> QuerySet[EventPage]:
    pages = event.pages.filter(is_published=True)
    return pages.filter(kind=kind) if kind else pages


def public_page(*, event: Event, slug: str) -> EventPage:
    page = public_pages(event=event).filter(slug=slug).first()
    if page is None:
        raise Http404("No such page.")
    return page


def public_document_q(prefix: str = "") -> Q:
    """A document is public once published, of general distribution, in a public event."""
    return Q(
        **{
            f"{prefix}published_at__lte": timezone.now(),
            f"{prefix}distribution": Document.Distribution.GENERAL,
            f"{prefix}event__is_published": True,
        }
    )


@dataclass(frozen=True)
class PublicDocument:
    document: Document
    versions: list[DocumentVersion]  # the newest version of each language, in UN order


def _language_order() -> dict[str, int]:
    from django.conf import settings

    return {code: i for i, (code, _name) in enumerate(settings.LANGUAGES)}


def public_documents(*, event: Event, kind: str | None = None) -> list[PublicDocument]:
    """Public documents of ``event`` with the newest version of each language.

    Two queries whatever the number of documents and versions.
    """
    documents = (
        Document.objects.filter(public_document_q(), event=event)
        .order_by("order", "-document_date", "pk")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=DocumentVersion.objects.filter(is_draft=False).order_by(
                    "language", "-created_at", "-pk"
                ),
                to_attr="all_versions",
            )
        )
    )
    if kind:
        documents = documents.filter(kind=kind)
    order = _language_order()
    result = []
    for document in documents:
        newest: OrderedDict[str, DocumentVersion] = OrderedDict()
        for version in document.all_versions:
            newest.setdefault(version.language, version)
        if newest:
            versions = sorted(newest.values(), key=lambda v: order.get(v.language, 99))
            result.append(PublicDocument(document, versions))
    return result


def newest_public_versions(*, event: Event, kinds: list[str]) -> dict[str, list[DocumentVersion]]:
    """For each of ``kinds``, the newest public version of each language of the event's
    public documents of that kind, in UN language order (one query)."""
    versions = (
        DocumentVersion.objects.filter(
            public_document_q("document__"),
            document__event=event,
            document__kind__in=kinds,
            is_draft=False,
        )
        .select_related("document")
        .order_by("document__order", "document__pk", "language", "-created_at", "-pk")
    )
    newest: dict[str, OrderedDict[str, DocumentVersion]] = {kind: OrderedDict() for kind in kinds}
    for version in versions:
        newest[version.document.kind].setdefault(version.language, version)
    order = _language_order()
    return {
        kind: sorted(by_language.values(), key=lambda v: order.get(v.language, 99))
        for kind, by_language in newest.items()
    }


def public_document_version(*, pk: int) -> DocumentVersion:
    """A version the public may download: the newest of its language, of a public document."""
    version = (
        DocumentVersion.objects.filter(public_document_q("document__"), pk=pk, is_draft=False)
        .select_related("document")
        .first()
    )
    if version is None:
        raise Http404("No such document.")
    newest = (
        DocumentVersion.objects.filter(
            document=version.document_id, language=version.language, is_draft=False
        )
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if newest != version.pk:
        raise Http404("This version has been replaced.")
    return version


def public_news(*, event: Event) -> QuerySet[NewsItem]:
    return event.news.filter(published_at__lte=timezone.now()).order_by("-published_at", "-pk")


def public_news_item(*, event: Event, slug: str) -> NewsItem:
    item = public_news(event=event).filter(slug=slug).first()
    if item is None:
        raise Http404("No such news item.")
    return item


def user_memberships(*, user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related(
        "delegation__event", "delegation__organisation"
    )


def approved_membership_exists(*, user, delegation_id: int) -> bool:
    return Membership.objects.filter(
        user=user, delegation_id=delegation_id, status=Membership.Status.APPROVED
    ).exists()


def next_publication(event: Event):
    """When the next document or news item of ``event`` becomes public by itself (its
    publication time is in the future), or None. The page cache expires then."""
    from django.db.models import Min

    now = timezone.now()
    times = [
        Document.objects.filter(event=event, published_at__gt=now).aggregate(t=Min("published_at"))[
            "t"
        ],
        NewsItem.objects.filter(event=event, published_at__gt=now).aggregate(t=Min("published_at"))[
            "t"
        ],
    ]
    return min((t for t in times if t is not None), default=None)
