"""Sections that other apps add to an event's navigation (programme, statements …).

``events`` never imports the other apps: each registers its sections in its
``AppConfig.ready``, with a check that the section has something public to show, so
that a page that does not exist yet is never linked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .models import Event


@dataclass(frozen=True)
class EventSection:
    key: str  # matches the ``nav`` a page sets, to mark the current section
    label: str
    url_name: str  # reversed with the event's slug
    order: int
    is_available: Callable[[Event], bool]


_sections: dict[str, EventSection] = {}


def register(section: EventSection) -> None:
    _sections[section.key] = section


def sections_for(event: Event) -> list[dict]:
    """The registered sections with public content for ``event``, in order.

    Sections that share a check (programme and panellists) cost one query together.
    """
    checked: dict[Callable[[Event], bool], bool] = {}
    sections = []
    for section in sorted(_sections.values(), key=lambda s: s.order):
        if section.is_available not in checked:
            checked[section.is_available] = section.is_available(event)
        if checked[section.is_available]:
            url = reverse(section.url_name, args=[event.slug])
            sections.append({"key": section.key, "label": section.label, "url": url})
    return sections
