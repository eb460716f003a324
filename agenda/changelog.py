"""What changed between two agenda snapshots, like pretalx's schedule changelog.

Items and sessions are matched by id across revisions. An item counts as *moved* when
it changed session, or when its place among the other items of its session that are in
both revisions changed (inserting or removing an item moves nothing else). People are reported per
role: added to or removed from a session or item present in both revisions, and added
with a new session or item.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import snapshot as snapshots
from .programme import ROLE_LABELS, pick


@dataclass(frozen=True)
class Change:
    kind: str  # item_added, item_removed, item_moved, item_retitled, session_..., person_...
    message: SafeString

    @property
    def tone(self) -> str:
        """added, removed, moved or edited: how the page marks the change."""
        if self.kind.endswith("_added"):
            return "added"
        if self.kind.endswith("_removed"):
            return "removed"
        if self.kind.endswith(("_moved", "_rescheduled", "_room_changed")):
            return "moved"
        return "edited"


def _items(data: dict[str, Any]) -> dict[int, tuple[dict, dict]]:
    return {
        item["id"]: (item, session) for session in data["sessions"] for item in session["items"]
    }


def _stable(sequence: list[int]) -> set[int]:
    """Indexes of a longest increasing subsequence of ``sequence``."""
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(sequence)
    for i, value in enumerate(sequence):
        pos = bisect_left(tails, value)
        if pos == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[pos] = value
            tail_index[pos] = i
        parent[i] = tail_index[pos - 1] if pos else -1
    keep = set()
    i = tail_index[-1] if tail_index else -1
    while i != -1:
        keep.add(i)
        i = parent[i]
    return keep


def _person_name(people: dict[int, dict], pk: int, language: str) -> str:
    person = people.get(pk, {})
    honorific = pick(person.get("honorific"), language)
    return " ".join(
        p for p in (honorific, person.get("given_name"), person.get("family_name")) if p
    )


def _item_label(item: dict, language: str) -> str:
    return f"{item['number']}. {pick(item['title'], language)}"


def _session_when(session: dict) -> str:
    from datetime import date

    from events import dates
    from events.templatetags.site import comma

    day = dates.document_date(date.fromisoformat(session["date"]), get_language() or "en")
    return f"{day}{comma()}{session['start_time']}–{session['end_time']}"


_between_revisions: OrderedDict[tuple[str, str, str], tuple[Change, ...]] = OrderedDict()
_between_revisions_lock = threading.Lock()
KEPT_DIFFS = 64


def diff_revisions(old, new, language: str) -> list[Change]:
    """``diff`` of two published revisions, kept per process by their snapshots' hashes.

    A revision never changes (its ``sha256`` is its snapshot's), so the changes between
    two of them in one language are computed once, not at each view of the programme
    page.
    """
    key = (old.sha256, new.sha256, language)
    with _between_revisions_lock:
        known = _between_revisions.get(key)
        if known is not None:
            _between_revisions.move_to_end(key)
            return list(known)
    changes = tuple(diff(old.snapshot, new.snapshot, language))
    with _between_revisions_lock:
        _between_revisions[key] = changes
        while len(_between_revisions) > KEPT_DIFFS:
            _between_revisions.popitem(last=False)
    return list(changes)


def diff(old: dict[str, Any], new: dict[str, Any], language: str) -> list[Change]:
    """The changes from snapshot ``old`` to snapshot ``new``, texts in ``language``."""
    old, new = snapshots.read(old), snapshots.read(new)
    changes: list[Change] = []

    # Sessions.
    old_sessions = {s["id"]: s for s in old["sessions"]}
    new_sessions = {s["id"]: s for s in new["sessions"]}
    for session in new["sessions"]:
        before = old_sessions.get(session["id"])
        title = pick(session["title"], language)
        if before is None:
            changes.append(
                Change(
                    "session_added",
                    format_html(
                        _("Session added: {title} ({when})"),
                        title=title,
                        when=_session_when(session),
                    ),
                )
            )
            continue
        old_title = pick(before["title"], language)
        if old_title != title:
            changes.append(
                Change(
                    "session_retitled",
                    format_html(
                        _("Session renamed: “{old}” is now “{new}”"), old=old_title, new=title
                    ),
                )
            )
        when = ("date", "start_time", "end_time")
        if any(before[k] != session[k] for k in when):
            changes.append(
                Change(
                    "session_rescheduled",
                    format_html(
                        _("Session rescheduled: {title}, now {when} (was {before})"),
                        title=title,
                        when=_session_when(session),
                        before=_session_when(before),
                    ),
                )
            )
        if pick(before.get("room"), language) != pick(session.get("room"), language):
            changes.append(
                Change(
                    "session_room_changed",
                    format_html(
                        _("Session moved to another room: {title}, now in {room}"),
                        title=title,
                        room=pick(session.get("room"), language) or "–",
                    ),
                )
            )
    for session in old["sessions"]:
        if session["id"] not in new_sessions:
            changes.append(
                Change(
                    "session_removed",
                    format_html(
                        _("Session removed: {title}"), title=pick(session["title"], language)
                    ),
                )
            )

    # Items.
    old_items, new_items = _items(old), _items(new)
    common = [pk for pk in new_items if pk in old_items]
    old_position = {pk: i for i, pk in enumerate(old_items)}
    # Within each session, the items that stayed there keep their relative order, but
    # for the fewest: those outside a longest increasing run of old positions.
    reordered: set[int] = set()
    stayed: dict[int, list[int]] = {}
    for pk in common:
        if new_items[pk][1]["id"] == old_items[pk][1]["id"]:
            stayed.setdefault(new_items[pk][1]["id"], []).append(pk)
    for pks in stayed.values():
        keep = _stable([old_position[pk] for pk in pks])
        reordered.update(pk for i, pk in enumerate(pks) if i not in keep)
    for pk in common:
        item, session = new_items[pk]
        before, before_session = old_items[pk]
        moved_session = session["id"] != before_session["id"]
        if moved_session or pk in reordered:
            message = (
                format_html(
                    _("Item moved: {item} (now in {session})"),
                    item=_item_label(item, language),
                    session=pick(session["title"], language),
                )
                if moved_session
                else format_html(
                    _("Item moved: {item} (was item {number})"),
                    item=_item_label(item, language),
                    number=before["number"],
                )
            )
            changes.append(Change("item_moved", message))
        old_title, title = pick(before["title"], language), pick(item["title"], language)
        if old_title != title:
            changes.append(
                Change(
                    "item_retitled",
                    format_html(
                        _("Item renamed: {number}. “{old}” is now “{new}”"),
                        number=item["number"],
                        old=old_title,
                        new=title,
                    ),
                )
            )
    for pk, (item, session) in new_items.items():
        if pk not in old_items:
            changes.append(
                Change(
                    "item_added",
                    format_html(
                        _("Item added: {item} ({session})"),
                        item=_item_label(item, language),
                        session=pick(session["title"], language),
                    ),
                )
            )
    for pk, (item, old_session) in old_items.items():
        if pk not in new_items:
            changes.append(
                Change(
                    "item_removed",
                    format_html(
                        _("Item removed: {item} (was in {session})"),
                        item=_item_label(item, language),
                        session=pick(old_session["title"], language),
                    ),
                )
            )

    # People, per role.
    def roles(data: dict, items: dict) -> dict[tuple, str]:
        held = {}
        for session in data["sessions"]:
            label = pick(session["title"], language)
            for role in session["roles"]:
                held[(role["person_id"], role["role"], "session", session["id"])] = label
        for pk, (item, _session) in items.items():
            for role in item["roles"]:
                held[(role["person_id"], role["role"], "item", pk)] = _item_label(item, language)
        return held

    old_roles, new_roles = roles(old, old_items), roles(new, new_items)
    old_people = {p["id"]: p for p in old["people"]}
    new_people = {p["id"]: p for p in new["people"]}
    existed = {("session", pk) for pk in old_sessions} | {("item", pk) for pk in old_items}
    survives = {("session", pk) for pk in new_sessions} | {("item", pk) for pk in new_items}
    for key, where in new_roles.items():
        if key not in old_roles:
            person, role, *_target = key
            changes.append(
                Change(
                    "person_added",
                    format_html(
                        _("{person} added as {role}: {where}"),
                        person=_person_name(new_people, person, language),
                        role=ROLE_LABELS.get(role, role).lower(),
                        where=where,
                    ),
                )
            )
    for key, where in old_roles.items():
        person, role, kind, pk = key
        if key not in new_roles and (kind, pk) in survives and (kind, pk) in existed:
            changes.append(
                Change(
                    "person_removed",
                    format_html(
                        _("{person} removed as {role}: {where}"),
                        person=_person_name(old_people, person, language),
                        role=ROLE_LABELS.get(role, role).lower(),
                        where=where,
                    ),
                )
            )
    return changes
