"""Demo programme of the 2016 Special Meeting: sessions, SAMPLE people, two revisions.

Run by ``manage.py load_demo`` after the events demo. Idempotent: once the demo event
has a published revision its programme is left alone (revisions are immutable, and staff
may have edited the working copy since); the SAMPLE Chair's summary is made once.

Everything invented is marked SAMPLE: people ("SAMPLE Panellist A"), rooms, segment
titles and annotations. Topics follow what the concept note names; no words are
attributed to any real person, State, company or to the Chair. Returns no accounts.
"""

from __future__ import annotations

import colorsys
import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from events.models import Event, Organisation

from . import services
from .models import (
    AgendaItem,
    AgendaRevision,
    ChairsSummary,
    ChairsSummarySection,
    Person,
    RoleAssignment,
    Session,
)

EVENT_SLUG = "ict-2016"
DAY_1 = datetime.date(2016, 11, 30)
DAY_2 = datetime.date(2016, 12, 1)
ROOM_A = "Conference Room 1 (SAMPLE)"
ROOM_B = "Conference Room 4 (SAMPLE)"

SAMPLE_BIO = (
    "SAMPLE biography for the demonstration site: this person is invented. "
    "{what}\n\nThe text shows how a biography appears on the panellists page."
)

Role = RoleAssignment.Role
CONFIRMED = RoleAssignment.Status.CONFIRMED

# key: (given name, family name, position, organisation (ISO code or name), CTED expert,
#       photo hue or None, biography sentence)
PEOPLE = {
    "chair": ("SAMPLE", "Committee Chair", "Chair of the Counter-Terrorism Committee", None,
              False, 0.58, "As Chair of the Committee, this person chairs the Special Meeting."),
    "vice_a": ("SAMPLE", "Vice-Chair A", "Vice-Chair of the Counter-Terrorism Committee", None,
               False, 0.55, "A Vice-Chair of the Committee, moderating a segment."),
    "vice_b": ("SAMPLE", "Vice-Chair B", "Vice-Chair of the Counter-Terrorism Committee", None,
               False, 0.52, "A Vice-Chair of the Committee, moderating a segment."),
    "cted_a": ("SAMPLE", "CTED Expert A", "Legal Officer, CTED", None, True, 0.60,
               "A CTED expert serving as rapporteur."),
    "cted_b": ("SAMPLE", "CTED Expert B", "ICT Expert, CTED", None, True, 0.62,
               "A CTED expert serving as rapporteur."),
    "cted_c": ("SAMPLE", "CTED Expert C", "Human Rights Officer, CTED", None, True, None,
               "A CTED expert serving as rapporteur."),
    "state": ("SAMPLE", "Panellist A", "SAMPLE law enforcement official", "KE", False, 0.08,
              "An invented law enforcement practitioner from a Member State delegation."),
    "observer": ("SAMPLE", "Panellist B", "SAMPLE diplomat", "VA", False, 0.12,
                 "An invented member of an observer State delegation."),
    "regional": ("SAMPLE", "Panellist C", "SAMPLE cybercrime programme officer",
                 "SAMPLE Regional Organisation for Cyber Cooperation", False, 0.30,
                 "An invented officer of a regional organisation."),
    "un": ("SAMPLE", "Panellist D", "SAMPLE programme officer", "SAMPLE United Nations Office",
           False, 0.45, "An invented officer of a United Nations entity."),
    "civil": ("SAMPLE", "Panellist E", "SAMPLE director",
              "SAMPLE Civil Society Network on Online Rights", False, 0.85,
              "An invented civil society advocate for online rights."),
    "private": ("SAMPLE", "Panellist F", "SAMPLE head of trust and safety",
                "SAMPLE Internet Platform Inc.", False, 0.95,
                "An invented trust and safety manager of an internet company."),
    "academia": ("SAMPLE", "Panellist G", "SAMPLE professor of technology law",
                 "SAMPLE University Centre for Technology and Security", False, None,
                 "An invented researcher on technology and security."),
    "private_2": ("SAMPLE", "Panellist H", "SAMPLE public policy manager",
                  "SAMPLE Internet Platform Inc.", False, 0.02,
                  "An invented public policy manager of an internet company."),
    "keynote": ("SAMPLE", "Keynote Speaker", "SAMPLE independent expert", None, False, 0.70,
                "An invented independent expert giving the keynote of the meeting."),
}  # fmt: skip


def _photo(hue: float) -> SimpleUploadedFile:
    """A plain head-and-shoulders silhouette: a stand-in photo, clearly not a person."""
    size = 480
    background = tuple(int(c * 255) for c in colorsys.hls_to_rgb(hue, 0.86, 0.45))
    figure = tuple(int(c * 255) for c in colorsys.hls_to_rgb(hue, 0.42, 0.35))
    image = Image.new("RGB", (size, size), background)
    draw = ImageDraw.Draw(image)
    draw.ellipse((160, 90, 320, 250), fill=figure)
    draw.ellipse((70, 280, 410, 620), fill=figure)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    return SimpleUploadedFile("sample.jpg", buffer.getvalue(), content_type="image/jpeg")


def _organisation(key: str | None) -> Organisation | None:
    if key is None:
        return None
    if len(key) == 2:
        return Organisation.objects.filter(iso_code=key).first()
    return Organisation.objects.filter(name_en=key).first()


def _people() -> dict[str, Person]:
    people = {}
    for key, (given, family, position, org, expert, hue, bio) in PEOPLE.items():
        person, _created = Person.objects.update_or_create(
            given_name=given,
            family_name=family,
            defaults={
                "position_en": position,
                "biography_en": SAMPLE_BIO.format(what=bio),
                "organisation": _organisation(org),
                "is_cted_expert": expert,
                "email": f"{family.lower().replace(' ', '.')}@example.org",
            },
        )
        if hue is not None and person.photo_id is None:
            services.person_photo_set(person=person, uploaded_file=_photo(hue))
        people[key] = person
    return people


def _session(event, kind, title, date, start, end, room, order=0) -> Session:
    session = Session(
        event=event,
        kind=kind,
        title_en=title,
        date=date,
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        room_en=room,
        order=order,
    )
    session.full_clean()
    session.save()
    return session


def _item(session, order, title, annotation="") -> AgendaItem:
    item = AgendaItem(session=session, order=order, title_en=title, annotation_en=annotation)
    item.full_clean()
    item.save()
    return item


def _role(person, role, *, session=None, item=None, status=CONFIRMED, order=0):
    assignment = RoleAssignment(
        person=person, session=session, item=item, role=role, status=status, order=order
    )
    assignment.full_clean()
    assignment.save()
    return assignment


def _provisional_programme(event: Event, p: dict[str, Person]) -> dict[str, object]:
    """The programme as first published: sessions, items and confirmed people."""
    Kind = Session.Kind
    prep_1 = _session(
        event,
        Kind.PREPARATORY,
        "Preparatory technical session 1 (SAMPLE): technological and law enforcement challenges",
        DAY_1,
        (10, 0),
        (13, 0),
        ROOM_B,
    )
    prep_2 = _session(
        event,
        Kind.PREPARATORY,
        "Preparatory technical session 2 (SAMPLE): cooperation with the private sector and "
        "civil society, and industry self-regulation",
        DAY_1,
        (15, 0),
        (18, 0),
        ROOM_B,
    )
    opening = _session(
        event, Kind.OPENING, "Opening of the Special Meeting", DAY_2, (10, 0), (10, 30), ROOM_A
    )
    segment_1 = _session(
        event,
        Kind.THEMATIC,
        "SAMPLE segment: technological and law enforcement challenges, and effective measures",
        DAY_2,
        (10, 30),
        (12, 0),
        ROOM_A,
    )
    segment_2 = _session(
        event,
        Kind.THEMATIC,
        "SAMPLE segment: public-private cooperation and industry self-regulation",
        DAY_2,
        (12, 0),
        (13, 0),
        ROOM_A,
    )
    segment_3 = _session(
        event,
        Kind.THEMATIC,
        "SAMPLE segment: counter-narratives, while respecting human rights and fundamental "
        "freedoms",
        DAY_2,
        (15, 0),
        (16, 30),
        ROOM_A,
    )
    discussion = _session(
        event, Kind.OTHER, "Interactive discussion", DAY_2, (16, 30), (17, 40), ROOM_A
    )
    closing = _session(event, Kind.CLOSING, "Closing of the Special Meeting", DAY_2,
                       (17, 40), (18, 0), ROOM_A)  # fmt: skip

    # Preparatory technical sessions, organised by CTED.
    i1 = _item(prep_1, 1, "SAMPLE item: trends in the exploitation of ICTs for terrorist "
               "purposes", "SAMPLE annotation. A CTED-organised technical session covering "
               "in more depth a topic of the Special Meeting, in a *presentation and "
               "discussion* format.")  # fmt: skip
    i2 = _item(
        prep_1,
        2,
        "SAMPLE item: gathering digital evidence and mutual legal assistance",
        "SAMPLE annotation. Practitioners present; participants discuss.",
    )
    i3 = _item(
        prep_2,
        1,
        "SAMPLE item: cooperation between Governments and the private sector",
        "SAMPLE annotation. Presentation and discussion.",
    )
    i4 = _item(
        prep_2,
        2,
        "SAMPLE item: civil society initiatives",
        "SAMPLE annotation. Presentation and discussion.",
    )
    i5 = _item(
        prep_2,
        3,
        "SAMPLE item: terms of service and content policies",
        "SAMPLE annotation. Presentation and discussion.",
    )
    _role(p["cted_b"], Role.MODERATOR, session=prep_1)
    _role(p["state"], Role.PANELLIST, item=i1, order=1)
    _role(p["un"], Role.PANELLIST, item=i1, order=2)
    _role(p["regional"], Role.PANELLIST, item=i2)
    _role(p["cted_a"], Role.RAPPORTEUR, session=prep_1, order=2)
    _role(p["cted_c"], Role.MODERATOR, session=prep_2)
    _role(p["private"], Role.PANELLIST, item=i3, order=1)
    _role(p["civil"], Role.PANELLIST, item=i4)
    _role(p["private_2"], Role.PANELLIST, item=i5)
    _role(p["cted_b"], Role.RAPPORTEUR, session=prep_2, order=2)

    # The Special Meeting.
    _item(
        opening,
        1,
        "Opening remarks by the Chair of the Counter-Terrorism Committee",
        "The Chair of the Committee opens the Special Meeting.",
    )
    _role(p["chair"], Role.CHAIR, session=opening)
    _role(p["vice_a"], Role.VICE_CHAIR, session=opening, order=2)
    _role(p["vice_b"], Role.VICE_CHAIR, session=opening, order=3)
    s1 = _item(
        segment_1,
        1,
        "SAMPLE item: presentations by the panellists",
        "SAMPLE annotation. Panellists present, followed by questions from "
        "participants on the topics of the segment only.",
    )
    _role(p["vice_a"], Role.MODERATOR, session=segment_1)
    _role(p["state"], Role.PANELLIST, item=s1, order=1)
    _role(p["regional"], Role.PANELLIST, item=s1, order=2)
    _role(p["academia"], Role.PANELLIST, item=s1, order=3, status=RoleAssignment.Status.INVITED)
    _role(p["cted_a"], Role.RAPPORTEUR, item=s1, order=4)
    s2 = _item(
        segment_2,
        1,
        "SAMPLE item: presentations by the panellists",
        "SAMPLE annotation. Presentation and discussion.",
    )
    _role(p["vice_b"], Role.MODERATOR, session=segment_2)
    _role(p["private"], Role.PANELLIST, item=s2, order=1)
    _role(p["civil"], Role.PANELLIST, item=s2, order=2)
    _role(p["cted_b"], Role.RAPPORTEUR, item=s2, order=3)
    s3 = _item(
        segment_3,
        1,
        "SAMPLE item: counter-narratives",
        "SAMPLE annotation. Presentation and discussion.",
    )
    s4 = _item(
        segment_3,
        2,
        "SAMPLE item: human rights and fundamental freedoms online",
        "SAMPLE annotation. Presentation and discussion.",
    )
    _role(p["vice_a"], Role.MODERATOR, session=segment_3)
    _role(p["un"], Role.PANELLIST, item=s3, order=1)
    _role(p["observer"], Role.PANELLIST, item=s3, order=2)
    _role(p["civil"], Role.PANELLIST, item=s4)
    _role(p["private_2"], Role.PANELLIST, item=s4, order=2, status=RoleAssignment.Status.DECLINED)
    _role(p["cted_c"], Role.RAPPORTEUR, session=segment_3)
    _item(
        discussion,
        1,
        "Interactive discussion among participants",
        "Participants raise issues and questions on the topics of the meeting. Written "
        "statements are published on this website instead of being read out.",
    )
    _role(p["chair"], Role.CHAIR, session=discussion)
    _item(closing, 1, "Summary by the rapporteurs")
    _item(closing, 2, "Closing remarks by the Chair")
    _role(p["chair"], Role.CHAIR, session=closing)
    _role(p["cted_a"], Role.RAPPORTEUR, session=closing, order=2)
    return {"i2": i2, "i5": i5, "s1": s1, "s3": s3, "s4": s4, "prep_2": prep_2,
            "segment_1": segment_1, "segment_2": segment_2}  # fmt: skip


def _revise(event: Event, p: dict[str, Person], parts: dict) -> None:
    """The changes between the provisional and the revised programme."""
    # An item retitled.
    item = parts["i2"]
    item.title_en = "SAMPLE item: digital evidence, data requests and mutual legal assistance"
    item.full_clean()
    item.save()
    # An item removed, and one added.
    parts["i5"].delete()
    added = _item(
        parts["segment_2"],
        2,
        "SAMPLE item: industry self-regulation initiatives",
        "SAMPLE annotation. Presentation and discussion.",
    )
    _role(p["private_2"], Role.PANELLIST, item=added)
    # An item moved to another session.
    moved = parts["s4"]
    moved.session = parts["segment_1"]
    moved.order = 2
    moved.full_clean()
    moved.save()
    # People: an invited panellist confirmed, a keynote added, a panellist withdrawn.
    RoleAssignment.objects.filter(person=p["academia"], item=parts["s1"]).update(status=CONFIRMED)
    _role(p["keynote"], Role.KEYNOTE, item=parts["s3"], order=0)
    RoleAssignment.objects.filter(person=p["un"], item=parts["s3"]).delete()


SUMMARY_INTRODUCTION = """\
SAMPLE: this text stands in for the introduction of the Chair's summary, which the Chair \
of the Counter-Terrorism Committee issues after the Special Meeting. It is not the \
Chair's summary: it attributes no words to the Chair, to any State or to any participant.

SAMPLE: a real introduction recalls the mandate of the meeting, its theme as announced \
in the concept note, and who took part."""

SUMMARY_SECTION = """\
SAMPLE: this text stands in for the Chair's summary of this part of the meeting. The \
Chair's summary would record, as the Chair sees them, the main points raised by the \
panellists and participants.

SAMPLE: a second paragraph shows how the paragraphs of the summary are numbered."""

SUMMARY_CONCLUSIONS = """\
SAMPLE: this text stands in for the conclusions of the Chair's summary. No conclusion \
of the Committee or of the Chair is stated here."""


def _sample_chairs_summary(event: Event) -> None:
    """A SAMPLE Chair's summary in draft: placeholder text, never the Chair's words."""
    if ChairsSummary.objects.filter(event=event).exists():
        return
    summary = ChairsSummary(
        event=event,
        introduction_en=SUMMARY_INTRODUCTION,
        conclusions_en=SUMMARY_CONCLUSIONS,
    )
    summary.full_clean()
    summary.save()
    sessions = Session.objects.filter(
        event=event, kind__in=[Session.Kind.THEMATIC, Session.Kind.OTHER]
    ).order_by("date", "start_time", "order")
    for order, session in enumerate(sessions, start=1):
        section = ChairsSummarySection(
            summary=summary, session=session, text_en=SUMMARY_SECTION, order=order
        )
        section.full_clean()
        section.save()
    # Staff can open its draft PDF in admin once the worker has rendered it.
    services.chairs_summary_draft_render_enqueue(summary=summary)


@transaction.atomic
def load() -> list:
    """Add the demo programme to the 2016 event, publish two revisions (the worker then
    renders the annotated agenda) and start a SAMPLE Chair's summary in draft."""
    event = Event.objects.filter(slug=EVENT_SLUG).first()
    if event is None:
        return []
    if not AgendaRevision.objects.filter(event=event).exists():
        _publish_demo_programme(event)
    _sample_chairs_summary(event)
    return []


def _publish_demo_programme(event: Event) -> None:
    people = _people()
    parts = _provisional_programme(event, people)
    services.agenda_publish(
        event=event,
        label=AgendaRevision.Label.PROVISIONAL,
        note="SAMPLE note: the provisional programme, for the demonstration site.",
        published_at=datetime.datetime(2016, 11, 14, 15, 0, tzinfo=datetime.UTC),
    )
    _revise(event, people, parts)
    services.agenda_publish(
        event=event,
        label=AgendaRevision.Label.REVISED,
        note="SAMPLE note: the revised programme adds a keynote and an item on industry "
        "self-regulation.",
        published_at=datetime.datetime(2016, 11, 25, 16, 30, tzinfo=datetime.UTC),
    )
