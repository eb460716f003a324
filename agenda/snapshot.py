"""The agenda snapshot: the whole programme frozen as JSON, in a versioned schema.

``build`` reads the working copy (a fixed number of queries whatever its size) and
returns the snapshot that ``services.agenda_publish`` stores in an AgendaRevision.
``read`` is how every reader gets at a stored snapshot: it checks the schema version
and upgrades older versions, so a revision published today stays readable later.

Schema version 1 (documented in ``agenda/schema/``):

- translatable texts are objects ``{"en": "...", "fr": "..."}`` holding only the
  languages that have content;
- times are given three ways: the local date and wall-clock times in the event's time
  zone, the same instants as ISO 8601 with their UTC offset, and in UTC;
- only confirmed roles are included, and only the people holding them, with their
  public fields (never the private email).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from typing import Any

from django.conf import settings
from django.db.models import Q
from modeltranslation.utils import build_localized_fieldname

from events.models import Event

from .models import AgendaItem, Person, RoleAssignment, Session

SCHEMA_VERSION = 1


class UnknownSchemaVersion(ValueError):
    pass


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def translations(obj, field: str) -> dict[str, str]:
    """The field's value in each language that has content, in UN language order."""
    values = {}
    for code in _languages():
        value = getattr(obj, build_localized_fieldname(field, code), "") or ""
        if value.strip():
            values[code] = value
    return values


def _iso(value: datetime.datetime) -> str:
    return value.isoformat(timespec="seconds")


def _utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _times(date: datetime.date, start, end, tzinfo) -> dict[str, Any]:
    if start is None or end is None:
        return {
            "start_time": None,
            "end_time": None,
            "start": None,
            "end": None,
            "start_utc": None,
            "end_utc": None,
        }
    starts = datetime.datetime.combine(date, start, tzinfo=tzinfo)
    ends = datetime.datetime.combine(date, end, tzinfo=tzinfo)
    return {
        "start_time": start.strftime("%H:%M"),
        "end_time": end.strftime("%H:%M"),
        "start": _iso(starts),
        "end": _iso(ends),
        "start_utc": _utc(starts),
        "end_utc": _utc(ends),
    }


def _role(assignment: RoleAssignment) -> dict[str, Any]:
    return {"person_id": assignment.person_id, "role": assignment.role}


def _person(person: Person) -> dict[str, Any]:
    organisation = person.organisation
    photo = person.photo
    return {
        "id": person.pk,
        "honorific": translations(person, "honorific"),
        "given_name": person.given_name,
        "family_name": person.family_name,
        "position": translations(person, "position"),
        "biography": translations(person, "biography"),
        "is_cted_expert": person.is_cted_expert,
        "organisation": (
            {
                "id": organisation.pk,
                "kind": organisation.kind,
                "name": translations(organisation, "name"),
                "acronym": translations(organisation, "acronym"),
            }
            if organisation
            else None
        ),
        "photo": (
            {
                "id": photo.pk,
                "content_type": photo.content_type,
                "width": photo.width,
                "height": photo.height,
                "sha256": photo.sha256,
            }
            if photo
            else None
        ),
    }


def build(event: Event) -> dict[str, Any]:
    """The working copy of ``event``'s agenda as a snapshot (three queries)."""
    tzinfo = event.tzinfo
    sessions = list(Session.objects.filter(event=event).order_by("date", "start_time", "order"))
    items = list(AgendaItem.objects.filter(session__event=event).order_by("session", "order", "pk"))
    roles = list(
        RoleAssignment.objects.filter(
            Q(session__event=event) | Q(item__session__event=event),
            status=RoleAssignment.Status.CONFIRMED,
        )
        .select_related("person__organisation", "person__photo")
        .order_by("order", "pk")
    )
    roles_by_session: dict[int, list[RoleAssignment]] = {}
    roles_by_item: dict[int, list[RoleAssignment]] = {}
    people: dict[int, Person] = {}
    for assignment in roles:
        if assignment.item_id:
            roles_by_item.setdefault(assignment.item_id, []).append(assignment)
        else:
            roles_by_session.setdefault(assignment.session_id, []).append(assignment)
        people[assignment.person_id] = assignment.person
    items_by_session: dict[int, list[AgendaItem]] = {}
    for item in items:
        items_by_session.setdefault(item.session_id, []).append(item)

    number = 0
    session_data = []
    for session in sessions:
        item_data = []
        for item in items_by_session.get(session.pk, []):
            number += 1
            item_data.append(
                {
                    "id": item.pk,
                    "number": number,
                    "title": translations(item, "title"),
                    "annotation": translations(item, "annotation"),
                    **_times(session.date, item.start_time, item.end_time, tzinfo),
                    "roles": [_role(a) for a in roles_by_item.get(item.pk, [])],
                }
            )
        session_data.append(
            {
                "id": session.pk,
                "kind": session.kind,
                "title": translations(session, "title"),
                "room": translations(session, "room"),
                "date": session.date.isoformat(),
                **_times(session.date, session.start_time, session.end_time, tzinfo),
                "roles": [_role(a) for a in roles_by_session.get(session.pk, [])],
                "items": item_data,
            }
        )
    ordered_people = sorted(
        people.values(), key=lambda p: (p.family_name.casefold(), p.given_name.casefold(), p.pk)
    )
    return {
        "schema_version": SCHEMA_VERSION,
        "event": {
            "slug": event.slug,
            "time_zone": event.time_zone,
            "title": translations(event, "title"),
            "venue": translations(event, "venue"),
            "city": translations(event, "city"),
        },
        "sessions": session_data,
        "people": [_person(p) for p in ordered_people],
    }


def canonical_json(snapshot: dict[str, Any]) -> bytes:
    return json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(snapshot: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_json(snapshot)).hexdigest()


def read(snapshot: dict[str, Any]) -> dict[str, Any]:
    """A stored snapshot in the current schema (older versions are upgraded here)."""
    version = snapshot.get("schema_version")
    if version == SCHEMA_VERSION:
        return snapshot
    raise UnknownSchemaVersion(f"Agenda snapshot schema version {version!r} is not known.")


def is_empty(snapshot: dict[str, Any]) -> bool:
    return not snapshot["sessions"]
