"""Exports of a published agenda revision: iCalendar and JSON.

Each exporter is a small class with an ``identifier``, a ``content_type`` and a
``render``; ``EXPORTERS`` collects them, so a new format is one new class. They read
only the revision's snapshot: never the working copy, never a private field.
"""

from __future__ import annotations

import datetime
import json
from typing import Any, ClassVar

import icalendar
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from events.models import Event

from . import snapshot as snapshots
from .models import AgendaRevision
from .programme import Programme, SessionView, from_snapshot, photo_url

JSON_SCHEMA_ID = "https://specialmeeting.example/schema/agenda/programme-v1.json"


class Exporter:
    identifier: ClassVar[str]
    content_type: ClassVar[str]
    extension: ClassVar[str]

    def render(
        self,
        *,
        event: Event,
        revision: AgendaRevision,
        request: HttpRequest,
        language: str,
        session_id: int | None = None,
    ) -> bytes:
        raise NotImplementedError


def _session_description(session: SessionView) -> str:
    lines = []
    for group in session.role_groups:
        lines.append(f"{group.label}: {', '.join(p.name for p in group.people)}")
    for item in session.items:
        lines.append("")
        lines.append(f"{item.number}. {item.title}")
        for group in item.role_groups:
            lines.append(f"   {group.label}: {', '.join(p.name for p in group.people)}")
    return "\n".join(lines).strip()


class ICalendarExporter(Exporter):
    """The sessions as VEVENTs in the event's time zone (TZID, with its VTIMEZONE)."""

    identifier = "ics"
    content_type = "text/calendar; charset=utf-8"
    extension = "ics"

    def render(self, *, event, revision, request, language, session_id=None) -> bytes:
        programme: Programme = from_snapshot(revision.snapshot, language)
        sessions = programme.sessions
        if session_id is not None:
            sessions = [s for s in sessions if s.id == session_id]
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//CTED//Special Meeting programme//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", f"{event.short_title} – {_('Programme')}")
        calendar.add("x-wr-timezone", programme.time_zone)
        status = "TENTATIVE" if revision.label == AgendaRevision.Label.PROVISIONAL else "CONFIRMED"
        for session in sessions:
            vevent = icalendar.Event()
            # Stable whatever the host name the calendar was fetched from.
            vevent.add("uid", f"session-{session.id}.{event.slug}@specialmeeting.agenda")
            vevent.add("dtstamp", revision.published_at.astimezone(datetime.UTC))
            vevent.add("dtstart", session.start)
            vevent.add("dtend", session.end)
            vevent.add("sequence", revision.number)
            vevent.add("status", status)
            vevent.add("summary", session.title)
            location = ", ".join(p for p in (session.room, event.venue, event.city) if p)
            vevent.add("location", location)
            vevent.add("description", _session_description(session))
            vevent.add(
                "url",
                request.build_absolute_uri(
                    reverse("agenda:session", kwargs={"slug": event.slug, "session_id": session.id})
                ),
            )
            vevent.add("categories", [session.kind_label])
            calendar.add_component(vevent)
        if sessions:
            first = min(s.date for s in sessions)
            last = max(s.date for s in sessions)
            calendar.add_missing_timezones(
                first_date=datetime.date(first.year - 1, 1, 1),
                last_date=datetime.date(last.year + 1, 12, 31),
            )
        return calendar.to_ical()


def export_data(*, event: Event, revision: AgendaRevision, request: HttpRequest) -> dict[str, Any]:
    """The published revision as the JSON export (schema ``programme-v1.json``)."""
    data = snapshots.read(revision.snapshot)

    def absolute(path: str) -> str:
        return request.build_absolute_uri(path)

    sessions = []
    for session in data["sessions"]:
        url = reverse("agenda:session", kwargs={"slug": event.slug, "session_id": session["id"]})
        sessions.append({**session, "url": absolute(url)})
    people = []
    for person in data["people"]:
        url = reverse("agenda:person", kwargs={"slug": event.slug, "person_id": person["id"]})
        entry = {**person, "url": absolute(url)}
        if person["photo"]:
            entry["photo"] = {**person["photo"], "url": absolute(photo_url(person))}
        people.append(entry)
    return {
        "$schema": JSON_SCHEMA_ID,
        "schema_version": data["schema_version"],
        "event": {
            **data["event"],
            "url": absolute(reverse("events:home", kwargs={"slug": event.slug})),
        },
        "revision": {
            "number": revision.number,
            "label": revision.label,
            "published_at": revision.published_at.astimezone(datetime.UTC).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
            "note": revision.note,
            "url": absolute(
                reverse("agenda:revision", kwargs={"slug": event.slug, "number": revision.number})
            ),
        },
        "sessions": sessions,
        "people": people,
    }


class JSONExporter(Exporter):
    identifier = "json"
    content_type = "application/json"
    extension = "json"

    def render(self, *, event, revision, request, language, session_id=None) -> bytes:
        data = export_data(event=event, revision=revision, request=request)
        return json.dumps(data, ensure_ascii=False, indent=2).encode()


EXPORTERS: dict[str, Exporter] = {e.identifier: e for e in (ICalendarExporter(), JSONExporter())}
