"""Demo data of the events app: the 2016 and 2015 special meetings, sample delegations
and accounts. Idempotent: running it again updates the same rows.

Nothing here is attributed to a real State, company, person or the Chair: invented
content says SAMPLE. The concept note's text is the real one, copied into the project.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from events import rendering
from events.generators import CONCEPT_NOTE as CONCEPT_NOTE_GENERATOR
from events.models import (
    Delegation,
    Document,
    Event,
    EventPage,
    Membership,
    NewsItem,
    Organisation,
)
from events.permissions import CTED_STAFF_GROUP

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
CONCEPT_NOTE = Path(__file__).with_name("concept-note-2016.txt")

EVENT_2016_SLUG = "ict-2016"
EVENT_2015_SLUG = "internet-2015"

# Demo-only credentials, printed by load_demo and listed in README.
STAFF_EMAIL = "cted.staff@example.org"
STAFF_PASSWORD = "demo-staff-2016"  # noqa: S105
DELEGATE_PASSWORD = "demo-delegate-2016"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    description: str


SAMPLE_ORGANISATIONS = [
    ("SAMPLE Regional Organisation for Cyber Cooperation", "SRO", "intergovernmental"),
    ("SAMPLE United Nations Office", "SUNO", "un_entity"),
    ("SAMPLE Civil Society Network on Online Rights", "SCSN", "civil_society"),
    ("SAMPLE Internet Platform Inc.", "", "private_sector"),
    ("SAMPLE University Centre for Technology and Security", "", "academia"),
]
# Member and observer States taking part in the demo (ISO codes); their delegations
# are sample data: no statement is ever attributed to them.
SAMPLE_STATE_DELEGATIONS = ["KE", "NO", "BR", "ID", "VA"]

DELEGATES = [
    # (email, full name, ISO code or sample organisation name, role)
    ("delegate.kenya@example.org", "SAMPLE Delegate (Kenya)", "KE", "focal_point"),
    (
        "delegate.ngo@example.org",
        "SAMPLE Delegate (civil society)",
        "SAMPLE Civil Society Network on Online Rights",
        "focal_point",
    ),
]


def concept_note_sections(text: str) -> list[tuple[str, str]]:
    """Split the concept note into (heading, markdown body) by its Roman-numeral headings."""
    heading = re.compile(r"^(?P<num>[IVX]+)\.\s+(?P<title>.+)$")
    sections: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        match = heading.match(line.strip())
        if match:
            sections.append((f"{match['num']}. {match['title']}", []))
        elif sections:
            # Keep the note's own paragraph numbers: "1." must not become a list.
            sections[-1][1].append(re.sub(r"^(\d+)\. ", r"\1\\. ", line))
    return [(title, "\n".join(lines).strip() + "\n") for title, lines in sections]


def _slug_for(title: str) -> str:
    words = re.sub(r"^[IVX]+\.\s+", "", title).lower()
    return re.sub(r"[^a-z0-9]+", "-", words).strip("-")


def _aware(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


def _event_2016() -> Event:
    event, _created = Event.objects.update_or_create(
        slug=EVENT_2016_SLUG,
        defaults={
            "title_en": (
                "Preventing the Exploitation of Information and Communications Technologies "
                "for Terrorist Purposes, while Respecting Human Rights and Fundamental Freedoms"
            ),
            "short_title_en": "Special Meeting on ICTs, 2016",
            "theme_en": (
                "Special Meeting of the Counter-Terrorism Committee with Member States and "
                "relevant international and regional organisations, civil society and the "
                "private sector"
            ),
            "kind": Event.Kind.SPECIAL_MEETING,
            "start_date": datetime.date(2016, 11, 30),
            "end_date": datetime.date(2016, 12, 1),
            "venue_en": "United Nations Headquarters",
            "city_en": "New York",
            "time_zone": "America/New_York",
            # SAMPLE deadline: the concept note gives none.
            "statement_deadline": _aware(2016, 11, 28, 18, 0),
            "is_published": True,
        },
    )
    Event.objects.filter(is_current=True).exclude(pk=event.pk).update(is_current=False)
    Event.objects.filter(pk=event.pk).update(is_current=True)
    event.refresh_from_db()

    sections = concept_note_sections(CONCEPT_NOTE.read_text(encoding="utf-8"))
    for order, (title, body) in enumerate(sections, start=1):
        EventPage.objects.update_or_create(
            event=event,
            slug=_slug_for(title),
            defaults={
                "kind": EventPage.Kind.CONCEPT_NOTE,
                "title_en": title,
                "body_en": body,
                "order": order,
                "is_published": True,
            },
        )
    EventPage.objects.update_or_create(
        event=event,
        slug="practical-information",
        defaults={
            "kind": EventPage.Kind.PRACTICAL,
            "title_en": "Practical information",
            "body_en": PRACTICAL_2016,
            "order": 1,
            "is_published": True,
        },
    )
    NewsItem.objects.update_or_create(
        event=event,
        slug="sample-written-statements-open",
        defaults={
            "kind": NewsItem.Kind.ANNOUNCEMENT,
            "title_en": "SAMPLE announcement: written statements can be submitted on this site",
            "body_en": (
                "SAMPLE text for the demonstration site.\n\n"
                "As the concept note explains, there will not be sufficient time to hear "
                "written statements at the meeting. Participating delegations submit them "
                "to CTED through this website for inclusion on the event website."
            ),
            "published_at": _aware(2016, 11, 1, 9, 0),
        },
    )
    concept_note, _created = Document.objects.update_or_create(
        event=event,
        kind=Document.Kind.CONCEPT_NOTE,
        generator=CONCEPT_NOTE_GENERATOR,
        defaults={
            "title_en": "Concept note",
            "distribution": Document.Distribution.GENERAL,
            "published_at": _aware(2016, 11, 1, 9, 0),
            "order": 1,
        },
    )
    # The worker renders it (again only if the pages changed: same input, same version).
    rendering.document_render_enqueue(document=concept_note)
    return event


PRACTICAL_2016 = """\
**Venue.** United Nations Headquarters, New York. The CTED-organised preparatory technical
sessions are held on 30 November 2016 and the Special Meeting on 1 December 2016.

**Written statements.** There will not be sufficient time to hear written statements at
the meeting. Delegations submit them to CTED through this website (sign in as a delegate),
for inclusion on the event website once CTED has reviewed them.

**Documents.** CTED circulates an annotated agenda, meeting documentation and other
logistical information; they are posted on the Documents page of this site.

*SAMPLE: the statement deadline shown on this site is sample data for the demonstration.*
"""

ABOUT_2015 = """\
On 17 December 2015 the Counter-Terrorism Committee held a Special Meeting on "Preventing
Terrorists from Exploiting the Internet and Social Media to Recruit Terrorists and Incite
Terrorist Acts, While Respecting Human Rights and Fundamental Freedoms".

As recalled in the concept note of the 2016 Special Meeting, the meeting included
panellists from major ICT companies, and discussed challenges including the applicability
of domestic laws and the powers of States to enforce them; counter-narratives;
international cooperation in the context of mutual legal assistance; and freedom of
expression and the right to privacy.
"""


def _event_2015() -> Event:
    event, _created = Event.objects.update_or_create(
        slug=EVENT_2015_SLUG,
        defaults={
            "title_en": (
                "Preventing Terrorists from Exploiting the Internet and Social Media to "
                "Recruit Terrorists and Incite Terrorist Acts, While Respecting Human Rights "
                "and Fundamental Freedoms"
            ),
            "short_title_en": "Special Meeting on the Internet and social media, 2015",
            "theme_en": "Special Meeting of the Counter-Terrorism Committee",
            "kind": Event.Kind.SPECIAL_MEETING,
            "start_date": datetime.date(2015, 12, 17),
            "end_date": datetime.date(2015, 12, 17),
            "venue_en": "United Nations Headquarters",
            "city_en": "New York",
            "time_zone": "America/New_York",
            "statement_deadline": None,
            "is_published": True,
            "is_current": False,
        },
    )
    EventPage.objects.update_or_create(
        event=event,
        slug="about",
        defaults={
            "kind": EventPage.Kind.CONCEPT_NOTE,
            "title_en": "About the meeting",
            "body_en": ABOUT_2015,
            "order": 1,
        },
    )
    return event


def _delegations(event: Event) -> dict[str, Delegation]:
    extension = timezone.now() + datetime.timedelta(days=365)
    organisations = list(Organisation.objects.filter(iso_code__in=SAMPLE_STATE_DELEGATIONS))
    for name, acronym, kind in SAMPLE_ORGANISATIONS:
        organisation, _created = Organisation.objects.update_or_create(
            name_en=name, kind=kind, defaults={"name": name, "acronym_en": acronym}
        )
        organisations.append(organisation)
    delegations = {}
    for organisation in organisations:
        delegation, _created = Delegation.objects.update_or_create(
            event=event,
            organisation=organisation,
            defaults={
                "deadline_extended_until": extension,
                "extension_reason": "SAMPLE extension so that uploads can be tried in the demo.",
            },
        )
        delegations[organisation.iso_code or organisation.name_en] = delegation
    return delegations


def _user(email: str, password: str, full_name: str, *, staff: bool = False):
    from allauth.account.models import EmailAddress

    User = get_user_model()
    user, _created = User.objects.get_or_create(email=email)
    user.full_name = full_name
    user.is_staff = staff
    user.is_active = True
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def load() -> list[DemoAccount]:
    """Create or update the demo events, delegations and accounts."""
    event = _event_2016()
    _event_2015()
    delegations = _delegations(event)

    staff = _user(STAFF_EMAIL, STAFF_PASSWORD, "SAMPLE CTED Staff Member", staff=True)
    staff.groups.add(Group.objects.get_or_create(name=CTED_STAFF_GROUP)[0])
    accounts = [DemoAccount(STAFF_EMAIL, STAFF_PASSWORD, "CTED staff (admin at /admin/)")]
    for email, full_name, key, role in DELEGATES:
        user = _user(email, DELEGATE_PASSWORD, full_name)
        delegation = delegations[key]
        Membership.objects.update_or_create(
            user=user,
            delegation=delegation,
            defaults={
                "role": role,
                "status": Membership.Status.APPROVED,
                "position": "SAMPLE position",
                "decided_by": staff,
                "decided_at": timezone.now(),
            },
        )
        accounts.append(
            DemoAccount(email, DELEGATE_PASSWORD, f"delegate, {delegation.organisation.name_en}")
        )
    return accounts
