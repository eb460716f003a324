"""Demo programme of the 2016 Special Meeting: sessions, SAMPLE people, two revisions.

Run by ``manage.py load_demo`` after the events demo. Idempotent: once the demo event
has a published revision its programme is left alone (revisions are immutable, and staff
may have edited the working copy since); the SAMPLE Chair's summary is made once.

Every text is written in the six UN languages (``TRANSLATIONS``) before each revision is
published, so that the annotated agenda and the Chair's summary are rendered in all six.
A demo loaded before it had them gets the missing ones in its working copy.

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
                **_in_languages("position", position),
                **_biographies(bio),
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
        date=date,
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        order=order,
        **_in_languages("title", title),
        **_in_languages("room", room),
    )
    session.full_clean()
    session.save()
    return session


def _item(session, order, title, annotation="") -> AgendaItem:
    item = AgendaItem(
        session=session,
        order=order,
        **_in_languages("title", title),
        **_in_languages("annotation", annotation),
    )
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
    retitled = "SAMPLE item: digital evidence, data requests and mutual legal assistance"
    for field, value in _in_languages("title", retitled).items():
        setattr(item, field, value)
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


# --- The demo's texts in the six UN languages ----------------------------------------
#
# Every text of the demo programme and of the SAMPLE Chair's summary, by its English
# text, in the five other languages (modeltranslation field suffixes). They are written
# before each revision is published, so that the published agenda and the Chair's
# summary are complete, and rendered, in all six languages. "SAMPLE" stays a Latin
# word in every language, so that invented content is marked in all of them.

LANGUAGES = ("ar", "zh_hans", "en", "fr", "ru", "es")

TRANSLATIONS: dict[str, dict[str, str]] = {
    # Rooms.
    ROOM_A: {
        "fr": "Salle de conférence 1 (SAMPLE)",
        "es": "Sala de conferencias 1 (SAMPLE)",
        "ru": "Зал заседаний 1 (SAMPLE)",
        "zh_hans": "第1会议室（SAMPLE）",
        "ar": "قاعة الاجتماعات 1 (SAMPLE)",
    },
    ROOM_B: {
        "fr": "Salle de conférence 4 (SAMPLE)",
        "es": "Sala de conferencias 4 (SAMPLE)",
        "ru": "Зал заседаний 4 (SAMPLE)",
        "zh_hans": "第4会议室（SAMPLE）",
        "ar": "قاعة الاجتماعات 4 (SAMPLE)",
    },
    # Sessions.
    "Preparatory technical session 1 (SAMPLE): technological and law enforcement challenges": {
        "fr": "Séance technique préparatoire 1 (SAMPLE) : défis technologiques et défis "
        "en matière de détection et de répression",
        "es": "Sesión técnica preparatoria 1 (SAMPLE): problemas tecnológicos y de "
        "aplicación de la ley",
        "ru": "Подготовительное техническое заседание 1 (SAMPLE): проблемы в области "
        "технологий и правоохранительной деятельности",
        "zh_hans": "筹备技术会议1（SAMPLE）：技术和执法方面的挑战",
        "ar": "الجلسة التقنية التحضيرية 1 (SAMPLE): التحديات التكنولوجية وتحديات إنفاذ القانون",
    },
    "Preparatory technical session 2 (SAMPLE): cooperation with the private sector and "
    "civil society, and industry self-regulation": {
        "fr": "Séance technique préparatoire 2 (SAMPLE) : coopération avec le secteur privé "
        "et la société civile, et autorégulation du secteur",
        "es": "Sesión técnica preparatoria 2 (SAMPLE): cooperación con el sector privado y "
        "la sociedad civil, y autorregulación de la industria",
        "ru": "Подготовительное техническое заседание 2 (SAMPLE): сотрудничество с частным "
        "сектором и гражданским обществом и саморегулирование отрасли",
        "zh_hans": "筹备技术会议2（SAMPLE）：与私营部门和民间社会的合作以及行业自律",
        "ar": "الجلسة التقنية التحضيرية 2 (SAMPLE): التعاون مع القطاع الخاص والمجتمع المدني، "
        "والتنظيم الذاتي للقطاع",
    },
    "Opening of the Special Meeting": {
        "fr": "Ouverture de la réunion spéciale",
        "es": "Apertura de la reunión especial",
        "ru": "Открытие специального заседания",
        "zh_hans": "特别会议开幕",
        "ar": "افتتاح الاجتماع الخاص",
    },
    "SAMPLE segment: technological and law enforcement challenges, and effective measures": {
        "fr": "Débat SAMPLE : défis technologiques et défis en matière de détection et de "
        "répression, et mesures efficaces",
        "es": "Parte SAMPLE: problemas tecnológicos y de aplicación de la ley, y medidas eficaces",
        "ru": "Этап SAMPLE: проблемы в области технологий и правоохранительной деятельности "
        "и эффективные меры",
        "zh_hans": "SAMPLE部分：技术和执法方面的挑战以及有效措施",
        "ar": "الجزء SAMPLE: التحديات التكنولوجية وتحديات إنفاذ القانون، والتدابير الفعالة",
    },
    "SAMPLE segment: public-private cooperation and industry self-regulation": {
        "fr": "Débat SAMPLE : coopération public-privé et autorégulation du secteur",
        "es": "Parte SAMPLE: cooperación público-privada y autorregulación de la industria",
        "ru": "Этап SAMPLE: государственно-частное сотрудничество и саморегулирование отрасли",
        "zh_hans": "SAMPLE部分：公私合作与行业自律",
        "ar": "الجزء SAMPLE: التعاون بين القطاعين العام والخاص والتنظيم الذاتي للقطاع",
    },
    "SAMPLE segment: counter-narratives, while respecting human rights and fundamental freedoms": {
        "fr": "Débat SAMPLE : contre-discours, dans le respect des droits de l'homme et des "
        "libertés fondamentales",
        "es": "Parte SAMPLE: contrarrelatos, respetando los derechos humanos y las "
        "libertades fundamentales",
        "ru": "Этап SAMPLE: контрпропаганда при соблюдении прав человека и основных свобод",
        "zh_hans": "SAMPLE部分：在尊重人权和基本自由的同时开展反面叙事",
        "ar": "الجزء SAMPLE: الروايات المضادة، مع احترام حقوق الإنسان والحريات الأساسية",
    },
    "Interactive discussion": {
        "fr": "Débat interactif",
        "es": "Debate interactivo",
        "ru": "Интерактивное обсуждение",
        "zh_hans": "互动讨论",
        "ar": "مناقشة تفاعلية",
    },
    "Closing of the Special Meeting": {
        "fr": "Clôture de la réunion spéciale",
        "es": "Clausura de la reunión especial",
        "ru": "Закрытие специального заседания",
        "zh_hans": "特别会议闭幕",
        "ar": "اختتام الاجتماع الخاص",
    },
    # Items.
    "SAMPLE item: trends in the exploitation of ICTs for terrorist purposes": {
        "fr": "Point SAMPLE : tendances de l'exploitation des TIC à des fins terroristes",
        "es": "Tema SAMPLE: tendencias en la explotación de las TIC con fines terroristas",
        "ru": "Пункт SAMPLE: тенденции в использовании ИКТ в террористических целях",
        "zh_hans": "SAMPLE项目：为恐怖目的利用信通技术的趋势",
        "ar": "البند SAMPLE: الاتجاهات في استغلال تكنولوجيا المعلومات والاتصالات لأغراض إرهابية",
    },
    "SAMPLE item: gathering digital evidence and mutual legal assistance": {
        "fr": "Point SAMPLE : collecte de preuves numériques et entraide judiciaire",
        "es": "Tema SAMPLE: obtención de pruebas digitales y asistencia judicial recíproca",
        "ru": "Пункт SAMPLE: сбор цифровых доказательств и взаимная правовая помощь",
        "zh_hans": "SAMPLE项目：收集数字证据和司法协助",
        "ar": "البند SAMPLE: جمع الأدلة الرقمية والمساعدة القانونية المتبادلة",
    },
    "SAMPLE item: digital evidence, data requests and mutual legal assistance": {
        "fr": "Point SAMPLE : preuves numériques, demandes de données et entraide judiciaire",
        "es": "Tema SAMPLE: pruebas digitales, solicitudes de datos y asistencia judicial "
        "recíproca",
        "ru": "Пункт SAMPLE: цифровые доказательства, запросы данных и взаимная правовая помощь",
        "zh_hans": "SAMPLE项目：数字证据、数据请求和司法协助",
        "ar": "البند SAMPLE: الأدلة الرقمية وطلبات البيانات والمساعدة القانونية المتبادلة",
    },
    "SAMPLE item: cooperation between Governments and the private sector": {
        "fr": "Point SAMPLE : coopération entre les gouvernements et le secteur privé",
        "es": "Tema SAMPLE: cooperación entre los Gobiernos y el sector privado",
        "ru": "Пункт SAMPLE: сотрудничество между правительствами и частным сектором",
        "zh_hans": "SAMPLE项目：各国政府与私营部门之间的合作",
        "ar": "البند SAMPLE: التعاون بين الحكومات والقطاع الخاص",
    },
    "SAMPLE item: civil society initiatives": {
        "fr": "Point SAMPLE : initiatives de la société civile",
        "es": "Tema SAMPLE: iniciativas de la sociedad civil",
        "ru": "Пункт SAMPLE: инициативы гражданского общества",
        "zh_hans": "SAMPLE项目：民间社会的举措",
        "ar": "البند SAMPLE: مبادرات المجتمع المدني",
    },
    "SAMPLE item: terms of service and content policies": {
        "fr": "Point SAMPLE : conditions d'utilisation et politiques en matière de contenus",
        "es": "Tema SAMPLE: condiciones de servicio y políticas de contenido",
        "ru": "Пункт SAMPLE: условия предоставления услуг и политика в отношении контента",
        "zh_hans": "SAMPLE项目：服务条款和内容政策",
        "ar": "البند SAMPLE: شروط الخدمة وسياسات المحتوى",
    },
    "SAMPLE item: industry self-regulation initiatives": {
        "fr": "Point SAMPLE : initiatives d'autorégulation du secteur",
        "es": "Tema SAMPLE: iniciativas de autorregulación de la industria",
        "ru": "Пункт SAMPLE: инициативы отрасли в области саморегулирования",
        "zh_hans": "SAMPLE项目：行业自律举措",
        "ar": "البند SAMPLE: مبادرات التنظيم الذاتي للقطاع",
    },
    "Opening remarks by the Chair of the Counter-Terrorism Committee": {
        "fr": "Déclaration liminaire du Président du Comité contre le terrorisme",
        "es": "Palabras de apertura de la Presidencia del Comité contra el Terrorismo",
        "ru": "Вступительное слово Председателя Контртеррористического комитета",
        "zh_hans": "反恐怖主义委员会主席致开幕词",
        "ar": "الملاحظات الافتتاحية لرئيس لجنة مكافحة الإرهاب",
    },
    "SAMPLE item: presentations by the panellists": {
        "fr": "Point SAMPLE : exposés des intervenants",
        "es": "Tema SAMPLE: presentaciones de los ponentes",
        "ru": "Пункт SAMPLE: выступления участников дискуссии",
        "zh_hans": "SAMPLE项目：小组成员作介绍",
        "ar": "البند SAMPLE: عروض أعضاء حلقة النقاش",
    },
    "SAMPLE item: counter-narratives": {
        "fr": "Point SAMPLE : contre-discours",
        "es": "Tema SAMPLE: contrarrelatos",
        "ru": "Пункт SAMPLE: контрпропаганда",
        "zh_hans": "SAMPLE项目：反面叙事",
        "ar": "البند SAMPLE: الروايات المضادة",
    },
    "SAMPLE item: human rights and fundamental freedoms online": {
        "fr": "Point SAMPLE : droits de l'homme et libertés fondamentales en ligne",
        "es": "Tema SAMPLE: los derechos humanos y las libertades fundamentales en línea",
        "ru": "Пункт SAMPLE: права человека и основные свободы в Интернете",
        "zh_hans": "SAMPLE项目：网上人权和基本自由",
        "ar": "البند SAMPLE: حقوق الإنسان والحريات الأساسية على الإنترنت",
    },
    "Interactive discussion among participants": {
        "fr": "Débat interactif entre les participants",
        "es": "Debate interactivo entre los participantes",
        "ru": "Интерактивное обсуждение между участниками",
        "zh_hans": "与会者互动讨论",
        "ar": "مناقشة تفاعلية بين المشاركين",
    },
    "Summary by the rapporteurs": {
        "fr": "Synthèse des rapporteurs",
        "es": "Resumen de los relatores",
        "ru": "Резюме докладчиков",
        "zh_hans": "报告员作总结",
        "ar": "موجز يقدمه المقررون",
    },
    "Closing remarks by the Chair": {
        "fr": "Déclaration de clôture du Président",
        "es": "Palabras de clausura de la Presidencia",
        "ru": "Заключительное слово Председателя",
        "zh_hans": "主席致闭幕词",
        "ar": "الملاحظات الختامية للرئيس",
    },
    # Annotations.
    "SAMPLE annotation. A CTED-organised technical session covering in more depth a topic "
    "of the Special Meeting, in a *presentation and discussion* format.": {
        "fr": "Annotation SAMPLE. Séance technique organisée par la DECT, qui approfondit "
        "l'un des thèmes de la réunion spéciale, selon une formule *exposés et débat*.",
        "es": "Anotación SAMPLE. Sesión técnica organizada por la DECT en la que se examina "
        "con mayor profundidad uno de los temas de la reunión especial, con un formato de "
        "*presentación y debate*.",
        "ru": "Аннотация SAMPLE. Организуемое ИДКТК техническое заседание, на котором более "
        "подробно рассматривается одна из тем специального заседания, в формате "
        "*«выступления и обсуждение»*.",
        "zh_hans": "SAMPLE说明。由反恐执行局组织的技术会议，以*介绍和讨论*的形式，"
        "更深入地探讨特别会议的一个议题。",
        "ar": "شرح SAMPLE. جلسة تقنية تنظمها المديرية التنفيذية للجنة مكافحة الإرهاب وتتناول "
        "بمزيد من التعمق أحد مواضيع الاجتماع الخاص، وفق صيغة *العرض والمناقشة*.",
    },
    "SAMPLE annotation. Practitioners present; participants discuss.": {
        "fr": "Annotation SAMPLE. Exposés de praticiens, suivis d'un débat entre les participants.",
        "es": "Anotación SAMPLE. Presentaciones de profesionales, seguidas de un debate entre "
        "los participantes.",
        "ru": "Аннотация SAMPLE. Выступления специалистов-практиков и обсуждение с участниками.",
        "zh_hans": "SAMPLE说明。从业人员作介绍；与会者进行讨论。",
        "ar": "شرح SAMPLE. يقدم الممارسون عروضا، ثم يتناقش المشاركون.",
    },
    "SAMPLE annotation. Presentation and discussion.": {
        "fr": "Annotation SAMPLE. Exposés et débat.",
        "es": "Anotación SAMPLE. Presentación y debate.",
        "ru": "Аннотация SAMPLE. Выступления и обсуждение.",
        "zh_hans": "SAMPLE说明。介绍和讨论。",
        "ar": "شرح SAMPLE. عرض ومناقشة.",
    },
    "SAMPLE annotation. Panellists present, followed by questions from participants on the "
    "topics of the segment only.": {
        "fr": "Annotation SAMPLE. Exposés des intervenants, suivis de questions des "
        "participants portant uniquement sur les thèmes du débat.",
        "es": "Anotación SAMPLE. Presentaciones de los ponentes, seguidas de preguntas de los "
        "participantes únicamente sobre los temas de esta parte.",
        "ru": "Аннотация SAMPLE. Выступления участников дискуссии, за которыми следуют "
        "вопросы участников, касающиеся только тем данного этапа.",
        "zh_hans": "SAMPLE说明。小组成员作介绍，随后与会者仅就本部分的议题提问。",
        "ar": "شرح SAMPLE. يقدم أعضاء حلقة النقاش عروضهم، تليها أسئلة من المشاركين تقتصر على "
        "مواضيع هذا الجزء.",
    },
    "The Chair of the Committee opens the Special Meeting.": {
        "fr": "Le Président du Comité ouvre la réunion spéciale.",
        "es": "La Presidencia del Comité declara abierta la reunión especial.",
        "ru": "Председатель Комитета открывает специальное заседание.",
        "zh_hans": "委员会主席宣布特别会议开幕。",
        "ar": "يفتتح رئيس اللجنة الاجتماع الخاص.",
    },
    "Participants raise issues and questions on the topics of the meeting. Written "
    "statements are published on this website instead of being read out.": {
        "fr": "Les participants soulèvent des questions relatives aux thèmes de la réunion. "
        "Les déclarations écrites sont publiées sur le présent site au lieu d'être lues en "
        "séance.",
        "es": "Los participantes plantean cuestiones y preguntas sobre los temas de la "
        "reunión. Las declaraciones por escrito se publican en este sitio web en lugar de "
        "leerse en la sesión.",
        "ru": "Участники поднимают вопросы по темам заседания. Письменные заявления не "
        "зачитываются, а размещаются на этом веб-сайте.",
        "zh_hans": "与会者就会议议题提出问题和疑问。书面发言登载于本网站，不在会上宣读。",
        "ar": "يثير المشاركون قضايا ويطرحون أسئلة بشأن مواضيع الاجتماع. وتُنشر البيانات "
        "المكتوبة في هذا الموقع الشبكي بدلا من تلاوتها.",
    },
    # People's positions.
    "Chair of the Counter-Terrorism Committee": {
        "fr": "Président du Comité contre le terrorisme",
        "es": "Presidencia del Comité contra el Terrorismo",
        "ru": "Председатель Контртеррористического комитета",
        "zh_hans": "反恐怖主义委员会主席",
        "ar": "رئيس لجنة مكافحة الإرهاب",
    },
    "Vice-Chair of the Counter-Terrorism Committee": {
        "fr": "Vice-Président du Comité contre le terrorisme",
        "es": "Vicepresidencia del Comité contra el Terrorismo",
        "ru": "Заместитель Председателя Контртеррористического комитета",
        "zh_hans": "反恐怖主义委员会副主席",
        "ar": "نائب رئيس لجنة مكافحة الإرهاب",
    },
    "Legal Officer, CTED": {
        "fr": "juriste, DECT",
        "es": "oficial jurídico, DECT",
        "ru": "сотрудник по правовым вопросам, ИДКТК",
        "zh_hans": "法律干事，反恐执行局",
        "ar": "موظف الشؤون القانونية، المديرية التنفيذية للجنة مكافحة الإرهاب",
    },
    "ICT Expert, CTED": {
        "fr": "expert des TIC, DECT",
        "es": "experto en TIC, DECT",
        "ru": "эксперт по ИКТ, ИДКТК",
        "zh_hans": "信通技术专家，反恐执行局",
        "ar": "خبير تكنولوجيا المعلومات والاتصالات، المديرية التنفيذية للجنة مكافحة الإرهاب",
    },
    "Human Rights Officer, CTED": {
        "fr": "spécialiste des droits de l'homme, DECT",
        "es": "oficial de derechos humanos, DECT",
        "ru": "сотрудник по правам человека, ИДКТК",
        "zh_hans": "人权干事，反恐执行局",
        "ar": "موظف شؤون حقوق الإنسان، المديرية التنفيذية للجنة مكافحة الإرهاب",
    },
    "SAMPLE law enforcement official": {
        "fr": "SAMPLE responsable de l'application des lois",
        "es": "SAMPLE funcionario encargado de hacer cumplir la ley",
        "ru": "SAMPLE сотрудник правоохранительных органов",
        "zh_hans": "SAMPLE执法官员",
        "ar": "SAMPLE موظف مكلف بإنفاذ القانون",
    },
    "SAMPLE diplomat": {
        "fr": "SAMPLE diplomate",
        "es": "SAMPLE diplomático",
        "ru": "SAMPLE дипломат",
        "zh_hans": "SAMPLE外交官",
        "ar": "SAMPLE دبلوماسي",
    },
    "SAMPLE cybercrime programme officer": {
        "fr": "SAMPLE chargé de programme sur la cybercriminalité",
        "es": "SAMPLE oficial de programas sobre ciberdelincuencia",
        "ru": "SAMPLE сотрудник по программам борьбы с киберпреступностью",
        "zh_hans": "SAMPLE网络犯罪方案干事",
        "ar": "SAMPLE موظف برامج معني بالجرائم السيبرانية",
    },
    "SAMPLE programme officer": {
        "fr": "SAMPLE chargé de programme",
        "es": "SAMPLE oficial de programas",
        "ru": "SAMPLE сотрудник по программам",
        "zh_hans": "SAMPLE方案干事",
        "ar": "SAMPLE موظف برامج",
    },
    "SAMPLE director": {
        "fr": "SAMPLE directeur",
        "es": "SAMPLE director",
        "ru": "SAMPLE директор",
        "zh_hans": "SAMPLE主任",
        "ar": "SAMPLE مدير",
    },
    "SAMPLE head of trust and safety": {
        "fr": "SAMPLE responsable de la confiance et de la sécurité",
        "es": "SAMPLE jefe de confianza y seguridad",
        "ru": "SAMPLE руководитель службы доверия и безопасности",
        "zh_hans": "SAMPLE信任与安全主管",
        "ar": "SAMPLE رئيس قسم الثقة والسلامة",
    },
    "SAMPLE professor of technology law": {
        "fr": "SAMPLE professeur de droit des technologies",
        "es": "SAMPLE profesor de derecho de la tecnología",
        "ru": "SAMPLE профессор права в области технологий",
        "zh_hans": "SAMPLE技术法教授",
        "ar": "SAMPLE أستاذ قانون التكنولوجيا",
    },
    "SAMPLE public policy manager": {
        "fr": "SAMPLE responsable des politiques publiques",
        "es": "SAMPLE gerente de políticas públicas",
        "ru": "SAMPLE менеджер по вопросам государственной политики",
        "zh_hans": "SAMPLE公共政策经理",
        "ar": "SAMPLE مدير السياسات العامة",
    },
    "SAMPLE independent expert": {
        "fr": "SAMPLE expert indépendant",
        "es": "SAMPLE experto independiente",
        "ru": "SAMPLE независимый эксперт",
        "zh_hans": "SAMPLE独立专家",
        "ar": "SAMPLE خبير مستقل",
    },
    # What each biography says of its person.
    "As Chair of the Committee, this person chairs the Special Meeting.": {
        "fr": "En sa qualité de Président du Comité, cette personne préside la réunion spéciale.",
        "es": "En su calidad de Presidencia del Comité, esta persona preside la reunión especial.",
        "ru": "В качестве Председателя Комитета это лицо председательствует на специальном "
        "заседании.",
        "zh_hans": "此人以委员会主席身份主持特别会议。",
        "ar": "يرأس هذا الشخص الاجتماع الخاص بصفته رئيسا للجنة.",
    },
    "A Vice-Chair of the Committee, moderating a segment.": {
        "fr": "Vice-Président du Comité, cette personne anime un débat.",
        "es": "Vicepresidencia del Comité; esta persona modera una parte de la reunión.",
        "ru": "Заместитель Председателя Комитета, модератор одного из этапов.",
        "zh_hans": "委员会副主席，主持一个部分的讨论。",
        "ar": "نائب لرئيس اللجنة يدير أحد أجزاء الاجتماع.",
    },
    "A CTED expert serving as rapporteur.": {
        "fr": "Expert de la DECT, cette personne fait office de rapporteur.",
        "es": "Experto de la DECT que actúa como relator.",
        "ru": "Эксперт ИДКТК, выступающий в качестве докладчика.",
        "zh_hans": "担任报告员的反恐执行局专家。",
        "ar": "خبير من المديرية التنفيذية للجنة مكافحة الإرهاب يعمل مقررا.",
    },
    "An invented law enforcement practitioner from a Member State delegation.": {
        "fr": "Praticien fictif des services de détection et de répression, membre de la "
        "délégation d'un État Membre.",
        "es": "Profesional ficticio de los servicios encargados de hacer cumplir la ley, "
        "miembro de la delegación de un Estado Miembro.",
        "ru": "Вымышленный специалист-практик правоохранительных органов из делегации "
        "государства-члена.",
        "zh_hans": "会员国代表团中的一名虚构执法从业人员。",
        "ar": "ممارس افتراضي في مجال إنفاذ القانون من وفد إحدى الدول الأعضاء.",
    },
    "An invented member of an observer State delegation.": {
        "fr": "Membre fictif de la délégation d'un État observateur.",
        "es": "Miembro ficticio de la delegación de un Estado observador.",
        "ru": "Вымышленный член делегации государства-наблюдателя.",
        "zh_hans": "观察员国代表团的一名虚构成员。",
        "ar": "عضو افتراضي في وفد دولة مراقبة.",
    },
    "An invented officer of a regional organisation.": {
        "fr": "Fonctionnaire fictif d'une organisation régionale.",
        "es": "Funcionario ficticio de una organización regional.",
        "ru": "Вымышленный сотрудник региональной организации.",
        "zh_hans": "一个区域组织的虚构官员。",
        "ar": "موظف افتراضي في منظمة إقليمية.",
    },
    "An invented officer of a United Nations entity.": {
        "fr": "Fonctionnaire fictif d'une entité des Nations Unies.",
        "es": "Funcionario ficticio de una entidad de las Naciones Unidas.",
        "ru": "Вымышленный сотрудник одного из подразделений Организации Объединенных Наций.",
        "zh_hans": "一个联合国实体的虚构官员。",
        "ar": "موظف افتراضي في أحد كيانات الأمم المتحدة.",
    },
    "An invented civil society advocate for online rights.": {
        "fr": "Militant fictif de la société civile pour les droits en ligne.",
        "es": "Defensor ficticio de la sociedad civil de los derechos en línea.",
        "ru": "Вымышленный представитель гражданского общества, отстаивающий права в Интернете.",
        "zh_hans": "一名倡导网上权利的虚构民间社会人士。",
        "ar": "ناشط افتراضي من المجتمع المدني في مجال الحقوق على الإنترنت.",
    },
    "An invented trust and safety manager of an internet company.": {
        "fr": "Responsable fictif de la confiance et de la sécurité d'une entreprise de "
        "l'Internet.",
        "es": "Responsable ficticio de confianza y seguridad de una empresa de Internet.",
        "ru": "Вымышленный руководитель службы доверия и безопасности интернет-компании.",
        "zh_hans": "一家互联网公司的虚构信任与安全经理。",
        "ar": "مدير افتراضي للثقة والسلامة في شركة إنترنت.",
    },
    "An invented researcher on technology and security.": {
        "fr": "Chercheur fictif spécialiste des technologies et de la sécurité.",
        "es": "Investigador ficticio sobre tecnología y seguridad.",
        "ru": "Вымышленный исследователь в области технологий и безопасности.",
        "zh_hans": "一名研究技术与安全问题的虚构研究人员。",
        "ar": "باحث افتراضي في مجال التكنولوجيا والأمن.",
    },
    "An invented public policy manager of an internet company.": {
        "fr": "Responsable fictif des politiques publiques d'une entreprise de l'Internet.",
        "es": "Gerente ficticio de políticas públicas de una empresa de Internet.",
        "ru": "Вымышленный менеджер по вопросам государственной политики интернет-компании.",
        "zh_hans": "一家互联网公司的虚构公共政策经理。",
        "ar": "مدير افتراضي للسياسات العامة في شركة إنترنت.",
    },
    "An invented independent expert giving the keynote of the meeting.": {
        "fr": "Expert indépendant fictif qui prononce le discours liminaire de la réunion.",
        "es": "Experto independiente ficticio que pronuncia el discurso principal de la reunión.",
        "ru": "Вымышленный независимый эксперт, выступающий с основным докладом на заседании.",
        "zh_hans": "在会上作主旨发言的一名虚构独立专家。",
        "ar": "خبير مستقل افتراضي يلقي الكلمة الرئيسية في الاجتماع.",
    },
    # The SAMPLE Chair's summary.
    SUMMARY_INTRODUCTION: {
        "fr": "SAMPLE : ce texte tient lieu d'introduction au résumé du Président, que le "
        "Président du Comité contre le terrorisme publie à l'issue de la réunion spéciale. "
        "Il ne s'agit pas du résumé du Président : aucun propos n'y est prêté au Président, "
        "à un État ou à un participant.\n\n"
        "SAMPLE : une véritable introduction rappelle le mandat de la réunion, son thème "
        "tel qu'annoncé dans la note de cadrage et la liste des participants.",
        "es": "SAMPLE: este texto sustituye a la introducción del resumen de la Presidencia, "
        "que la Presidencia del Comité contra el Terrorismo publica tras la reunión especial. "
        "No es el resumen de la Presidencia: no atribuye ninguna declaración a la "
        "Presidencia, a ningún Estado ni a ningún participante.\n\n"
        "SAMPLE: una introducción real recuerda el mandato de la reunión, su tema tal como "
        "se anunció en la nota conceptual y quiénes participaron.",
        "ru": "SAMPLE: этот текст заменяет введение к резюме Председателя, которое "
        "Председатель Контртеррористического комитета публикует по итогам специального "
        "заседания. Это не резюме Председателя: в нем не приводятся слова ни Председателя, "
        "ни какого-либо государства, ни какого-либо участника.\n\n"
        "SAMPLE: в настоящем введении напоминались бы мандат заседания, его тема, "
        "объявленная в концептуальной записке, и состав участников.",
        "zh_hans": "SAMPLE：本文代替主席总结的导言。主席总结由反恐怖主义委员会主席在特别会议"
        "结束后发布。本文并非主席总结：文中没有引述主席、任何国家或任何与会者的话语。\n\n"
        "SAMPLE：真正的导言会回顾会议的任务、概念说明中宣布的会议主题以及与会者。",
        "ar": "SAMPLE: يحل هذا النص محل مقدمة موجز الرئيس الذي يصدره رئيس لجنة مكافحة "
        "الإرهاب بعد الاجتماع الخاص. وهو ليس موجز الرئيس: فهو لا ينسب أي كلام إلى الرئيس أو "
        "إلى أي دولة أو إلى أي مشارك.\n\n"
        "SAMPLE: تُذكّر المقدمة الحقيقية بولاية الاجتماع وبموضوعه كما أُعلن في المذكرة "
        "المفاهيمية وبالجهات التي شاركت فيه.",
    },
    SUMMARY_SECTION: {
        "fr": "SAMPLE : ce texte tient lieu de résumé, par le Président, de cette partie de la "
        "réunion. Le résumé du Président consignerait les principaux points soulevés par les "
        "intervenants et les participants, tels que le Président les perçoit.\n\n"
        "SAMPLE : un second paragraphe montre comment les paragraphes du résumé sont "
        "numérotés.",
        "es": "SAMPLE: este texto sustituye al resumen de la Presidencia sobre esta parte de "
        "la reunión. El resumen de la Presidencia recogería, según su apreciación, las "
        "principales cuestiones planteadas por los ponentes y los participantes.\n\n"
        "SAMPLE: un segundo párrafo muestra cómo se numeran los párrafos del resumen.",
        "ru": "SAMPLE: этот текст заменяет резюме Председателя по данной части заседания. В "
        "резюме Председателя были бы отражены, как их видит Председатель, основные "
        "вопросы, поднятые участниками дискуссии и другими участниками.\n\n"
        "SAMPLE: второй абзац показывает, как нумеруются пункты резюме.",
        "zh_hans": "SAMPLE：本文代替主席对会议这一部分的总结。主席总结将按照主席的理解，"
        "记录小组成员和与会者提出的要点。\n\n"
        "SAMPLE：第二段显示总结各段的编号方式。",
        "ar": "SAMPLE: يحل هذا النص محل موجز الرئيس لهذا الجزء من الاجتماع. وسيسجل موجز "
        "الرئيس النقاط الرئيسية التي أثارها أعضاء حلقات النقاش والمشاركون، حسبما يراها "
        "الرئيس.\n\n"
        "SAMPLE: تبيّن فقرة ثانية كيفية ترقيم فقرات الموجز.",
    },
    SUMMARY_CONCLUSIONS: {
        "fr": "SAMPLE : ce texte tient lieu de conclusions du résumé du Président. Aucune "
        "conclusion du Comité ou du Président n'y est énoncée.",
        "es": "SAMPLE: este texto sustituye a las conclusiones del resumen de la Presidencia. "
        "No se enuncia aquí ninguna conclusión del Comité ni de la Presidencia.",
        "ru": "SAMPLE: этот текст заменяет выводы резюме Председателя. Здесь не излагаются "
        "никакие выводы Комитета или Председателя.",
        "zh_hans": "SAMPLE：本文代替主席总结的结论。此处未陈述委员会或主席的任何结论。",
        "ar": "SAMPLE: يحل هذا النص محل استنتاجات موجز الرئيس. ولا يرد هنا أي استنتاج "
        "للجنة أو للرئيس.",
    },
}

# A biography: the sentence that says what the person does, in this frame.
SAMPLE_BIO = {
    "en": "SAMPLE biography for the demonstration site: this person is invented. "
    "{what}\n\nThe text shows how a biography appears on the panellists page.",
    "fr": "Biographie SAMPLE pour le site de démonstration : cette personne est fictive. "
    "{what}\n\nCe texte montre comment une biographie apparaît sur la page des "
    "intervenants.",
    "es": "Biografía SAMPLE para el sitio de demostración: esta persona es ficticia. "
    "{what}\n\nEl texto muestra cómo aparece una biografía en la página de ponentes.",
    "ru": "Биография SAMPLE для демонстрационного сайта: это вымышленное лицо. "
    "{what}\n\nЭтот текст показывает, как биография отображается на странице участников "
    "дискуссии.",
    "zh_hans": "演示网站的SAMPLE简历：此人为虚构人物。{what}\n\n"
    "本文显示简历在小组成员页面上的呈现方式。",
    "ar": "سيرة ذاتية SAMPLE لموقع العرض: هذا الشخص من نسج الخيال. {what}\n\n"
    "يبيّن هذا النص كيف تظهر السيرة الذاتية في صفحة أعضاء حلقات النقاش.",
}


def _biographies(what: str) -> dict[str, str]:
    sentences = {"en": what, **TRANSLATIONS[what]}
    return {
        f"biography_{language}": SAMPLE_BIO[language].format(what=sentences[language])
        for language in LANGUAGES
    }


def _in_languages(field: str, english: str) -> dict[str, str]:
    """The field's values in the six languages, from the English text (an empty English
    text has no translations)."""
    values = {f"{field}_en": english}
    if english:
        for language, text in TRANSLATIONS[english].items():
            values[f"{field}_{language}"] = text
    return values


def _fill_missing_translations(rows, fields: tuple[str, ...], memory=None) -> int:
    """Write the demo's translations into the fields of ``rows`` that have none, where
    the English text is the demo's (staff's own texts are never touched). For a
    database loaded before the demo had them: returns how many rows changed."""
    memory = TRANSLATIONS if memory is None else memory
    changed = 0
    for row in rows:
        updates = []
        for field in fields:
            translations = memory.get(getattr(row, f"{field}_en") or "", {})
            for language, text in translations.items():
                name = f"{field}_{language}"
                if not (getattr(row, name) or "").strip():
                    setattr(row, name, text)
                    updates.append(name)
        if updates:
            row.save(update_fields=updates)
            changed += 1
    return changed


def _sample_chairs_summary(event: Event) -> None:
    """A SAMPLE Chair's summary in draft: placeholder text, never the Chair's words."""
    if ChairsSummary.objects.filter(event=event).exists():
        return
    summary = ChairsSummary(
        event=event,
        **_in_languages("introduction", SUMMARY_INTRODUCTION),
        **_in_languages("conclusions", SUMMARY_CONCLUSIONS),
    )
    summary.full_clean()
    summary.save()
    sessions = Session.objects.filter(
        event=event, kind__in=[Session.Kind.THEMATIC, Session.Kind.OTHER]
    ).order_by("date", "start_time", "order")
    for order, session in enumerate(sessions, start=1):
        section = ChairsSummarySection(
            summary=summary, session=session, order=order, **_in_languages("text", SUMMARY_SECTION)
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
    _translate_loaded_demo(event)
    return []


def _biography_memory() -> dict[str, dict[str, str]]:
    """Each demo biography in English -> the same biography in the other languages."""
    memory = {}
    for _given, _family, _position, _org, _expert, _hue, what in PEOPLE.values():
        biographies = _biographies(what)
        memory[biographies["biography_en"]] = {
            language: biographies[f"biography_{language}"]
            for language in LANGUAGES
            if language != "en"
        }
    return memory


def _translate_loaded_demo(event: Event) -> None:
    """A demo loaded before it had its translations gets them in the working copy (its
    published revisions keep what they published; the next one publishes them). Only
    empty translations of the demo's own English texts are written: nothing on a
    database loaded by this version, nothing that staff wrote."""
    _fill_missing_translations(Session.objects.filter(event=event), ("title", "room"))
    _fill_missing_translations(
        AgendaItem.objects.filter(session__event=event), ("title", "annotation")
    )
    people = Person.objects.filter(given_name="SAMPLE")
    _fill_missing_translations(people, ("position",))
    _fill_missing_translations(people, ("biography",), _biography_memory())
    summary = ChairsSummary.objects.filter(event=event).first()
    if summary is None:
        return
    changed = _fill_missing_translations([summary], ("introduction", "conclusions"))
    changed += _fill_missing_translations(summary.sections.all(), ("text",))
    if changed:
        services.chairs_summary_draft_render_enqueue(summary=summary)


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
