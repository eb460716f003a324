"""The programme as the public pages show it, read from a snapshot in one language.

Pages render from these objects, never from the working-copy models, so a page costs
the same number of queries whatever the size of the agenda.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from events.files import file_url
from events.models import Organisation

from . import snapshot as snapshots
from .models import RoleAssignment, Session

ROLE_ORDER = [r.value for r in RoleAssignment.Role]
ROLE_LABELS = dict(RoleAssignment.Role.choices)
ROLE_PLURALS = {
    "chair": ngettext_lazy("Chair", "Chairs", "n"),
    "vice_chair": ngettext_lazy("Vice-Chair", "Vice-Chairs", "n"),
    "moderator": ngettext_lazy("Moderator", "Moderators", "n"),
    "keynote": ngettext_lazy("Keynote speaker", "Keynote speakers", "n"),
    "panellist": ngettext_lazy("Panellist", "Panellists", "n"),
    "rapporteur": ngettext_lazy("Rapporteur", "Rapporteurs", "n"),
}
# The panellists page groups people by the first of their roles in this order.
PEOPLE_GROUPS = [
    ("presiding", _("Chair and Vice-Chairs"), ("chair", "vice_chair")),
    ("moderators", _("Moderators"), ("moderator",)),
    ("keynote", _("Keynote speakers"), ("keynote",)),
    ("panellists", _("Panellists"), ("panellist",)),
    ("rapporteurs", _("Rapporteurs (CTED experts)"), ("rapporteur",)),
]
SESSION_KINDS = dict(Session.Kind.choices)
ORGANISATION_KINDS = dict(Organisation.Kind.choices)


def pick(values: dict[str, str] | None, language: str, fallback: bool = True) -> str:
    """The text in ``language``, else English, else any language that has it.

    Without ``fallback``, only the text in ``language`` (or ""): what a document in one
    language shows, never a mixed-language one.
    """
    if not values:
        return ""
    if not fallback:
        return values.get(language, "")
    return values.get(language) or values.get("en") or next(iter(values.values()), "")


def _parse(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


@dataclass
class PersonView:
    id: int
    honorific: str
    given_name: str
    family_name: str
    position: str
    biography: str
    organisation: str
    organisation_acronym: str
    organisation_kind: str
    is_cted_expert: bool
    photo_url: str
    photo_width: int | None
    photo_height: int | None
    roles: list[PersonRole] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.honorific, self.given_name, self.family_name) if p)

    @property
    def plain_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)

    @property
    def initials(self) -> str:
        words = [w for w in (self.given_name, self.family_name) if w]
        return "".join(w[0] for w in words[-2:]).upper()

    @property
    def affiliation(self) -> str:
        return ", ".join(p for p in (self.position, self.organisation) if p)

    @property
    def first_role(self) -> str:
        return min((r.role for r in self.roles), key=ROLE_ORDER.index, default="")


@dataclass
class RoleView:
    role: str
    person: PersonView

    @property
    def label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


@dataclass
class RoleGroup:
    role: str
    people: list[PersonView]

    @property
    def label(self) -> str:
        return (
            ROLE_PLURALS[self.role] % {"n": len(self.people)} if self.role in ROLE_PLURALS else ""
        )


def _group_roles(roles: list[RoleView]) -> list[RoleGroup]:
    groups: dict[str, list[PersonView]] = {}
    for role in sorted(roles, key=lambda r: ROLE_ORDER.index(r.role)):
        groups.setdefault(role.role, []).append(role.person)
    return [RoleGroup(role, people) for role, people in groups.items()]


@dataclass
class ItemView:
    id: int
    number: int
    title: str
    annotation: str
    start: datetime.datetime | None
    end: datetime.datetime | None
    roles: list[RoleView]
    session: SessionView | None = None

    @property
    def role_groups(self) -> list[RoleGroup]:
        return _group_roles(self.roles)


@dataclass
class SessionView:
    id: int
    kind: str
    title: str
    room: str
    date: datetime.date
    start: datetime.datetime
    end: datetime.datetime
    roles: list[RoleView]
    items: list[ItemView]

    @property
    def kind_label(self) -> str:
        return SESSION_KINDS.get(self.kind, "")

    @property
    def role_groups(self) -> list[RoleGroup]:
        return _group_roles(self.roles)

    @property
    def utc_offset(self) -> str:
        return utc_offset(self.start)


@dataclass
class PersonRole:
    """One of a person's roles, with where it is held."""

    role: str
    session: SessionView
    item: ItemView | None

    @property
    def label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


@dataclass
class DayView:
    date: datetime.date
    sessions: list[SessionView]


@dataclass
class PeopleGroup:
    key: str
    label: str
    people: list[PersonView]


def utc_offset(value: datetime.datetime) -> str:
    """ "UTC−05:00" (with a real minus sign)."""
    offset = value.strftime("%z")
    sign = "−" if offset.startswith("-") else "+"
    return f"UTC{sign}{offset[1:3]}:{offset[3:]}"


@dataclass
class Programme:
    time_zone: str
    days: list[DayView]
    sessions: list[SessionView]
    people: list[PersonView]

    def session(self, pk: int) -> SessionView | None:
        return next((s for s in self.sessions if s.id == pk), None)

    def person(self, pk: int) -> PersonView | None:
        return next((p for p in self.people if p.id == pk), None)

    @property
    def items(self) -> list[ItemView]:
        return [item for session in self.sessions for item in session.items]

    @property
    def utc_offsets(self) -> list[str]:
        return list(dict.fromkeys(s.utc_offset for s in self.sessions))

    @property
    def people_groups(self) -> list[PeopleGroup]:
        """People by their first role (Chair before panellist ...), each listed once."""
        groups = []
        for key, label, roles in PEOPLE_GROUPS:
            members = [p for p in self.people if p.first_role in roles]
            if members:
                groups.append(PeopleGroup(key, label, members))
        return groups


def photo_url(person: dict[str, Any]) -> str:
    photo = person.get("photo")
    if not photo:
        return ""
    extension = "png" if photo["content_type"] == "image/png" else "jpg"
    stem = slugify(f"{person['given_name']} {person['family_name']}") or "photo"
    return file_url("person-photo", photo["id"], f"{stem}.{extension}")


def _person(data: dict[str, Any], language: str, fallback: bool = True) -> PersonView:
    organisation = data.get("organisation") or {}
    photo = data.get("photo") or {}
    return PersonView(
        id=data["id"],
        honorific=pick(data.get("honorific"), language, fallback),
        given_name=data.get("given_name", ""),
        family_name=data.get("family_name", ""),
        position=pick(data.get("position"), language, fallback),
        biography=pick(data.get("biography"), language, fallback),
        organisation=pick(organisation.get("name"), language, fallback),
        organisation_acronym=pick(organisation.get("acronym"), language, fallback),
        organisation_kind=ORGANISATION_KINDS.get(organisation.get("kind", ""), ""),
        is_cted_expert=data.get("is_cted_expert", False),
        photo_url=photo_url(data),
        photo_width=photo.get("width"),
        photo_height=photo.get("height"),
    )


def from_snapshot(data: dict[str, Any], language: str, *, fallback: bool = True) -> Programme:
    """The programme of a stored snapshot, its texts in ``language``.

    Pages fall back to English where a text is not translated; a rendered document
    (``fallback=False``) shows only texts written in ``language``.
    """
    data = snapshots.read(data)
    tzinfo = zoneinfo.ZoneInfo(data["event"]["time_zone"])
    people = {p["id"]: _person(p, language, fallback) for p in data["people"]}

    def roles(entries, session, item) -> list[RoleView]:
        result = []
        for entry in entries:
            person = people.get(entry["person_id"])
            if person is not None:
                result.append(RoleView(entry["role"], person))
                person.roles.append(PersonRole(entry["role"], session, item))
        return result

    sessions = []
    for s in data["sessions"]:
        session = SessionView(
            id=s["id"],
            kind=s["kind"],
            title=pick(s["title"], language, fallback),
            room=pick(s.get("room"), language, fallback),
            date=datetime.date.fromisoformat(s["date"]),
            start=_parse(s["start"]).astimezone(tzinfo),
            end=_parse(s["end"]).astimezone(tzinfo),
            roles=[],
            items=[],
        )
        session.roles = roles(s["roles"], session, None)
        for i in s["items"]:
            start, end = _parse(i.get("start")), _parse(i.get("end"))
            item = ItemView(
                id=i["id"],
                number=i["number"],
                title=pick(i["title"], language, fallback),
                annotation=pick(i.get("annotation"), language, fallback),
                start=start.astimezone(tzinfo) if start else None,
                end=end.astimezone(tzinfo) if end else None,
                roles=[],
                session=session,
            )
            item.roles = roles(i["roles"], session, item)
            session.items.append(item)
        sessions.append(session)

    days: dict[datetime.date, list[SessionView]] = {}
    for session in sessions:
        days.setdefault(session.date, []).append(session)
    return Programme(
        time_zone=data["event"]["time_zone"],
        days=[DayView(date, day_sessions) for date, day_sessions in days.items()],
        sessions=sessions,
        people=[p for p in people.values() if p.roles],
    )
