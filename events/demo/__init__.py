"""Demo data of the events app: the 2016 and 2015 special meetings, sample delegations
and accounts. Idempotent: running it again updates the same rows.

Nothing here is attributed to a real State, company, person or the Chair: invented
content says SAMPLE. The concept note's text is the real one, copied into the project.

Everything is written in the six UN languages (titles, themes, pages, news, documents,
the SAMPLE organisations' names), except the concept note's sections, whose headings
are translated but whose long text is the real note's English only.
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


# The demo's texts in the six UN languages, by modeltranslation field suffix. "SAMPLE"
# stays a Latin word in every language, so that invented content is marked in all.
LANGUAGES = ("ar", "zh_hans", "en", "fr", "ru", "es")


def in_languages(field: str, texts: dict[str, str]) -> dict[str, str]:
    """``{"title_ar": ..., "title_zh_hans": ..., ...}`` for a field, from texts by language."""
    return {f"{field}_{language}": texts[language] for language in LANGUAGES}


SAMPLE_ORGANISATIONS = [
    # (names by language, acronym, kind)
    (
        {
            "en": "SAMPLE Regional Organisation for Cyber Cooperation",
            "fr": "SAMPLE Organisation régionale de cybercoopération",
            "es": "SAMPLE Organización Regional de Cooperación Cibernética",
            "ru": "SAMPLE Региональная организация по сотрудничеству в киберпространстве",
            "zh_hans": "SAMPLE区域网络合作组织",
            "ar": "SAMPLE المنظمة الإقليمية للتعاون السيبراني",
        },
        "SRO",
        "intergovernmental",
    ),
    (
        {
            "en": "SAMPLE United Nations Office",
            "fr": "SAMPLE Bureau des Nations Unies",
            "es": "SAMPLE Oficina de las Naciones Unidas",
            "ru": "SAMPLE Управление Организации Объединенных Наций",
            "zh_hans": "SAMPLE联合国办公室",
            "ar": "SAMPLE مكتب الأمم المتحدة",
        },
        "SUNO",
        "un_entity",
    ),
    (
        {
            "en": "SAMPLE Civil Society Network on Online Rights",
            "fr": "SAMPLE Réseau de la société civile pour les droits en ligne",
            "es": "SAMPLE Red de la Sociedad Civil sobre los Derechos en Línea",
            "ru": "SAMPLE Сеть гражданского общества по защите прав в Интернете",
            "zh_hans": "SAMPLE民间社会网上权利网络",
            "ar": "SAMPLE شبكة المجتمع المدني المعنية بالحقوق على الإنترنت",
        },
        "SCSN",
        "civil_society",
    ),
    (
        {
            "en": "SAMPLE Internet Platform Inc.",
            "fr": "Société SAMPLE de plateformes Internet",
            "es": "Empresa SAMPLE de Plataformas de Internet",
            "ru": "Компания SAMPLE по управлению интернет-платформами",
            "zh_hans": "SAMPLE互联网平台公司",
            "ar": "شركة SAMPLE لمنصات الإنترنت",
        },
        "",
        "private_sector",
    ),
    (
        {
            "en": "SAMPLE University Centre for Technology and Security",
            "fr": "SAMPLE Centre universitaire pour la technologie et la sécurité",
            "es": "SAMPLE Centro Universitario de Tecnología y Seguridad",
            "ru": "SAMPLE Университетский центр по вопросам технологий и безопасности",
            "zh_hans": "SAMPLE大学技术与安全中心",
            "ar": "SAMPLE المركز الجامعي للتكنولوجيا والأمن",
        },
        "",
        "academia",
    ),
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


TITLE_2016 = {
    "en": (
        "Preventing the Exploitation of Information and Communications Technologies "
        "for Terrorist Purposes, while Respecting Human Rights and Fundamental Freedoms"
    ),
    "fr": (
        "Prévenir l'exploitation des technologies de l'information et des communications "
        "à des fins terroristes, dans le respect des droits de l'homme et des libertés "
        "fondamentales"
    ),
    "es": (
        "Prevenir la explotación de las tecnologías de la información y las comunicaciones "
        "con fines terroristas, respetando al mismo tiempo los derechos humanos y las "
        "libertades fundamentales"
    ),
    "ru": (
        "Предотвращение использования информационно-коммуникационных технологий "
        "в террористических целях при соблюдении прав человека и основных свобод"
    ),
    "zh_hans": "防止为恐怖目的利用信息和通信技术，同时尊重人权和基本自由",
    "ar": (
        "منع استغلال تكنولوجيا المعلومات والاتصالات لأغراض إرهابية، "
        "مع احترام حقوق الإنسان والحريات الأساسية"
    ),
}
SHORT_TITLE_2016 = {
    "en": "Special Meeting on ICTs, 2016",
    "fr": "Réunion spéciale sur les TIC, 2016",
    "es": "Reunión especial sobre las TIC, 2016",
    "ru": "Специальное заседание по ИКТ, 2016 год",
    "zh_hans": "2016年信通技术问题特别会议",
    "ar": "الاجتماع الخاص المعني بتكنولوجيا المعلومات والاتصالات، 2016",
}
THEME_2016 = {
    "en": (
        "Special Meeting of the Counter-Terrorism Committee with Member States and "
        "relevant international and regional organisations, civil society and the "
        "private sector"
    ),
    "fr": (
        "Réunion spéciale du Comité contre le terrorisme avec les États Membres et les "
        "organisations internationales et régionales concernées, la société civile et le "
        "secteur privé"
    ),
    "es": (
        "Reunión especial del Comité contra el Terrorismo con los Estados Miembros y las "
        "organizaciones internacionales y regionales pertinentes, la sociedad civil y el "
        "sector privado"
    ),
    "ru": (
        "Специальное заседание Контртеррористического комитета с участием "
        "государств-членов и соответствующих международных и региональных организаций, "
        "гражданского общества и частного сектора"
    ),
    "zh_hans": "反恐怖主义委员会与会员国及相关国际和区域组织、民间社会和私营部门举行的特别会议",
    "ar": (
        "اجتماع خاص للجنة مكافحة الإرهاب مع الدول الأعضاء والمنظمات الدولية والإقليمية "
        "المعنية والمجتمع المدني والقطاع الخاص"
    ),
}
VENUE = {
    "en": "United Nations Headquarters",
    "fr": "Siège de l'Organisation des Nations Unies",
    "es": "Sede de las Naciones Unidas",
    "ru": "Центральные учреждения Организации Объединенных Наций",
    "zh_hans": "联合国总部",
    "ar": "مقر الأمم المتحدة",
}
CITY = {
    "en": "New York",
    "fr": "New York",
    "es": "Nueva York",
    "ru": "Нью-Йорк",
    "zh_hans": "纽约",
    "ar": "نيويورك",
}
# The concept note's section headings; the sections' text is the real note, in English
# only (a long document of the Committee: its other language versions are not copied
# into the project, and the demo does not invent them).
CONCEPT_NOTE_TITLES = {
    "I. Introduction": {
        "fr": "I. Introduction",
        "es": "I. Introducción",
        "ru": "I. Введение",
        "zh_hans": "一. 导言",
        "ar": "أولا - مقدمة",
    },
    "II. Objective of the proposed event": {
        "fr": "II. Objectif de la manifestation proposée",
        "es": "II. Objetivo del evento propuesto",
        "ru": "II. Цель предлагаемого мероприятия",
        "zh_hans": "二. 拟议活动的目标",
        "ar": "ثانيا - هدف الحدث المقترح",
    },
    "III. Format of discussions": {
        "fr": "III. Format des débats",
        "es": "III. Formato de los debates",
        "ru": "III. Формат обсуждений",
        "zh_hans": "三. 讨论形式",
        "ar": "ثالثا - شكل المناقشات",
    },
    "IV. Panellists and Rapporteurs": {
        "fr": "IV. Intervenants et rapporteurs",
        "es": "IV. Ponentes y relatores",
        "ru": "IV. Участники дискуссионных групп и докладчики",
        "zh_hans": "四. 小组成员和报告员",
        "ar": "رابعا - أعضاء حلقات النقاش والمقررون",
    },
    "V. Venue and date": {
        "fr": "V. Lieu et date",
        "es": "V. Lugar y fecha",
        "ru": "V. Место и сроки проведения",
        "zh_hans": "五. 地点和日期",
        "ar": "خامسا - المكان والموعد",
    },
    "VI. Outcome": {
        "fr": "VI. Résultats",
        "es": "VI. Resultado",
        "ru": "VI. Итоги",
        "zh_hans": "六. 成果",
        "ar": "سادسا - النتائج",
    },
    "VII. Communications": {
        "fr": "VII. Communication",
        "es": "VII. Comunicaciones",
        "ru": "VII. Информационное освещение",
        "zh_hans": "七. 宣传",
        "ar": "سابعا - الاتصالات",
    },
}
PRACTICAL_TITLE = {
    "en": "Practical information",
    "fr": "Informations pratiques",
    "es": "Información práctica",
    "ru": "Практическая информация",
    "zh_hans": "实用信息",
    "ar": "معلومات عملية",
}
PRACTICAL_2016 = {
    "en": """\
**Venue.** United Nations Headquarters, New York. The CTED-organised preparatory technical
sessions are held on 30 November 2016 and the Special Meeting on 1 December 2016.

**Written statements.** There will not be sufficient time to hear written statements at
the meeting. Delegations submit them to CTED through this website (sign in as a delegate),
for inclusion on the event website once CTED has reviewed them.

**Documents.** CTED circulates an annotated agenda, meeting documentation and other
logistical information; they are posted on the Documents page of this site.

*SAMPLE: the statement deadline shown on this site is sample data for the demonstration.*
""",
    "fr": """\
**Lieu.** Siège de l'Organisation des Nations Unies, New York. Les séances techniques
préparatoires organisées par la Direction exécutive du Comité contre le terrorisme (DECT)
se tiennent le 30 novembre 2016 et la réunion spéciale le 1er décembre 2016.

**Déclarations écrites.** Le temps ne permettra pas d'entendre les déclarations écrites
pendant la réunion. Les délégations les communiquent à la DECT au moyen du présent site
(en se connectant en tant que délégué) ; elles sont publiées sur le site de la réunion
une fois que la DECT les a examinées.

**Documents.** La DECT distribue un ordre du jour annoté, la documentation de la réunion
et d'autres informations d'ordre logistique, qui sont affichés à la page Documents du
présent site.

*SAMPLE : la date limite de présentation des déclarations indiquée sur ce site est une
donnée fictive, aux fins de la démonstration.*
""",
    "es": """\
**Lugar.** Sede de las Naciones Unidas, Nueva York. Las sesiones técnicas preparatorias
organizadas por la Dirección Ejecutiva del Comité contra el Terrorismo (DECT) se celebran
el 30 de noviembre de 2016, y la reunión especial, el 1 de diciembre de 2016.

**Declaraciones por escrito.** No habrá tiempo suficiente para escuchar las declaraciones
por escrito durante la reunión. Las delegaciones las presentan a la DECT a través de este
sitio web (iniciando sesión como delegado), para que se incluyan en el sitio web de la
reunión una vez que la DECT las haya examinado.

**Documentos.** La DECT distribuye un programa anotado, la documentación de la reunión y
otra información logística, que se publican en la página Documentos de este sitio.

*SAMPLE: el plazo para la presentación de declaraciones que figura en este sitio es un
dato ficticio para la demostración.*
""",
    "ru": """\
**Место проведения.** Центральные учреждения Организации Объединенных Наций, Нью-Йорк.
Подготовительные технические заседания, организуемые Исполнительным директоратом
Контртеррористического комитета (ИДКТК), проводятся 30 ноября 2016 года, а специальное
заседание — 1 декабря 2016 года.

**Письменные заявления.** На заседании не будет достаточно времени для заслушивания
письменных заявлений. Делегации представляют их ИДКТК через этот веб-сайт (войдя в
систему как делегат) для размещения на веб-сайте заседания после их рассмотрения ИДКТК.

**Документы.** ИДКТК распространяет аннотированную повестку дня, документацию заседания
и другую организационную информацию; они размещаются на странице «Документы» этого сайта.

*SAMPLE: указанный на этом сайте срок представления заявлений является условным и
приводится для демонстрации.*
""",
    "zh_hans": """\
**地点。** 纽约联合国总部。反恐怖主义委员会执行局（反恐执行局）组织的筹备技术会议\
于2016年11月30日举行，特别会议于2016年12月1日举行。

**书面发言。** 会议期间没有足够时间听取书面发言。各代表团通过本网站（以代表身份登录）\
向反恐执行局提交书面发言，经反恐执行局审阅后登载于会议网站。

**文件。** 反恐执行局分发附加说明的议程、会议文件和其他后勤信息，均登载于本网站的“文件”页面。

*SAMPLE：本网站所示的发言提交截止日期为演示用示例数据。*
""",
    "ar": """\
**المكان.** مقر الأمم المتحدة، نيويورك. تُعقد الجلسات التقنية التحضيرية التي تنظمها المديرية
التنفيذية للجنة مكافحة الإرهاب في 30 تشرين الثاني/نوفمبر 2016، ويُعقد الاجتماع الخاص في
1 كانون الأول/ديسمبر 2016.

**البيانات المكتوبة.** لن يتسع الوقت للاستماع إلى البيانات المكتوبة خلال الاجتماع. وتقدمها
الوفود إلى المديرية التنفيذية عن طريق هذا الموقع الشبكي (بتسجيل الدخول بصفة مندوب)، لإدراجها
في الموقع الشبكي للاجتماع بعد أن تستعرضها المديرية التنفيذية.

**الوثائق.** تعمّم المديرية التنفيذية جدول أعمال مشروحا ووثائق الاجتماع ومعلومات لوجستية
أخرى، وتُنشر في صفحة الوثائق من هذا الموقع.

*SAMPLE: الموعد النهائي لتقديم البيانات المبيَّن في هذا الموقع بيانات نموذجية لأغراض العرض.*
""",
}
NEWS_TITLE = {
    "en": "SAMPLE announcement: written statements can be submitted on this site",
    "fr": "Annonce SAMPLE : les déclarations écrites peuvent être communiquées sur ce site",
    "es": "Anuncio SAMPLE: las declaraciones por escrito pueden presentarse en este sitio",
    "ru": "Объявление SAMPLE: письменные заявления можно представить через этот сайт",
    "zh_hans": "SAMPLE公告：可通过本网站提交书面发言",
    "ar": "إعلان SAMPLE: يمكن تقديم البيانات المكتوبة عن طريق هذا الموقع",
}
NEWS_BODY = {
    "en": (
        "SAMPLE text for the demonstration site.\n\n"
        "As the concept note explains, there will not be sufficient time to hear "
        "written statements at the meeting. Participating delegations submit them "
        "to CTED through this website for inclusion on the event website."
    ),
    "fr": (
        "Texte SAMPLE pour le site de démonstration.\n\n"
        "Comme l'indique la note de cadrage, le temps ne permettra pas d'entendre les "
        "déclarations écrites pendant la réunion. Les délégations participantes les "
        "communiquent à la DECT au moyen du présent site, qui les publie."
    ),
    "es": (
        "Texto SAMPLE para el sitio de demostración.\n\n"
        "Como se explica en la nota conceptual, no habrá tiempo suficiente para escuchar "
        "las declaraciones por escrito durante la reunión. Las delegaciones participantes "
        "las presentan a la DECT a través de este sitio web para que se incluyan en él."
    ),
    "ru": (
        "Текст SAMPLE для демонстрационного сайта.\n\n"
        "Как поясняется в концептуальной записке, на заседании не будет достаточно "
        "времени для заслушивания письменных заявлений. Участвующие делегации "
        "представляют их ИДКТК через этот веб-сайт для размещения на нем."
    ),
    "zh_hans": (
        "演示网站的SAMPLE文本。\n\n"
        "如概念说明所述，会议期间没有足够时间听取书面发言。与会代表团通过本网站向反恐执行局"
        "提交书面发言，以登载于会议网站。"
    ),
    "ar": (
        "نص SAMPLE لموقع العرض.\n\n"
        "كما توضح المذكرة المفاهيمية، لن يتسع الوقت للاستماع إلى البيانات المكتوبة خلال "
        "الاجتماع. وتقدمها الوفود المشاركة إلى المديرية التنفيذية للجنة مكافحة الإرهاب عن "
        "طريق هذا الموقع الشبكي لإدراجها فيه."
    ),
}
CONCEPT_NOTE_DOCUMENT_TITLE = {
    "en": "Concept note",
    "fr": "Note de cadrage",
    "es": "Nota conceptual",
    "ru": "Концептуальная записка",
    "zh_hans": "概念说明",
    "ar": "المذكرة المفاهيمية",
}


def _event_2016() -> Event:
    event, _created = Event.objects.update_or_create(
        slug=EVENT_2016_SLUG,
        defaults={
            **in_languages("title", TITLE_2016),
            **in_languages("short_title", SHORT_TITLE_2016),
            **in_languages("theme", THEME_2016),
            **in_languages("venue", VENUE),
            **in_languages("city", CITY),
            "kind": Event.Kind.SPECIAL_MEETING,
            "start_date": datetime.date(2016, 11, 30),
            "end_date": datetime.date(2016, 12, 1),
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
                **in_languages("title", {"en": title, **CONCEPT_NOTE_TITLES[title]}),
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
            **in_languages("title", PRACTICAL_TITLE),
            **in_languages("body", PRACTICAL_2016),
            "order": 1,
            "is_published": True,
        },
    )
    NewsItem.objects.update_or_create(
        event=event,
        slug="sample-written-statements-open",
        defaults={
            "kind": NewsItem.Kind.ANNOUNCEMENT,
            **in_languages("title", NEWS_TITLE),
            **in_languages("body", NEWS_BODY),
            "published_at": _aware(2016, 11, 1, 9, 0),
        },
    )
    concept_note, _created = Document.objects.update_or_create(
        event=event,
        kind=Document.Kind.CONCEPT_NOTE,
        generator=CONCEPT_NOTE_GENERATOR,
        defaults={
            **in_languages("title", CONCEPT_NOTE_DOCUMENT_TITLE),
            "distribution": Document.Distribution.GENERAL,
            "published_at": _aware(2016, 11, 1, 9, 0),
            "order": 1,
        },
    )
    # The worker renders it (again only if the pages changed: same input, same version).
    rendering.document_render_enqueue(document=concept_note)
    return event


TITLE_2015 = {
    "en": (
        "Preventing Terrorists from Exploiting the Internet and Social Media to "
        "Recruit Terrorists and Incite Terrorist Acts, While Respecting Human Rights "
        "and Fundamental Freedoms"
    ),
    "fr": (
        "Empêcher les terroristes d'exploiter Internet et les médias sociaux pour recruter "
        "des terroristes et inciter à commettre des actes terroristes, tout en respectant "
        "les droits de l'homme et les libertés fondamentales"
    ),
    "es": (
        "Impedir que los terroristas exploten Internet y los medios sociales para reclutar "
        "terroristas e incitar a la comisión de actos terroristas, respetando al mismo "
        "tiempo los derechos humanos y las libertades fundamentales"
    ),
    "ru": (
        "Недопущение использования террористами Интернета и социальных сетей для вербовки "
        "террористов и подстрекательства к совершению террористических актов при "
        "соблюдении прав человека и основных свобод"
    ),
    "zh_hans": "防止恐怖分子利用互联网和社交媒体招募恐怖分子和煽动恐怖行为，同时尊重人权和基本自由",
    "ar": (
        "منع الإرهابيين من استغلال الإنترنت ووسائط التواصل الاجتماعي لتجنيد الإرهابيين "
        "والتحريض على الأعمال الإرهابية، مع احترام حقوق الإنسان والحريات الأساسية"
    ),
}
SHORT_TITLE_2015 = {
    "en": "Special Meeting on the Internet and social media, 2015",
    "fr": "Réunion spéciale sur Internet et les médias sociaux, 2015",
    "es": "Reunión especial sobre Internet y los medios sociales, 2015",
    "ru": "Специальное заседание по Интернету и социальным сетям, 2015 год",
    "zh_hans": "2015年互联网和社交媒体问题特别会议",
    "ar": "الاجتماع الخاص المعني بالإنترنت ووسائط التواصل الاجتماعي، 2015",
}
THEME_2015 = {
    "en": "Special Meeting of the Counter-Terrorism Committee",
    "fr": "Réunion spéciale du Comité contre le terrorisme",
    "es": "Reunión especial del Comité contra el Terrorismo",
    "ru": "Специальное заседание Контртеррористического комитета",
    "zh_hans": "反恐怖主义委员会特别会议",
    "ar": "اجتماع خاص للجنة مكافحة الإرهاب",
}
ABOUT_TITLE = {
    "en": "About the meeting",
    "fr": "À propos de la réunion",
    "es": "Acerca de la reunión",
    "ru": "О заседании",
    "zh_hans": "会议简介",
    "ar": "نبذة عن الاجتماع",
}
ABOUT_2015 = {
    "en": """\
On 17 December 2015 the Counter-Terrorism Committee held a Special Meeting on "Preventing
Terrorists from Exploiting the Internet and Social Media to Recruit Terrorists and Incite
Terrorist Acts, While Respecting Human Rights and Fundamental Freedoms".

As recalled in the concept note of the 2016 Special Meeting, the meeting included
panellists from major ICT companies, and discussed challenges including the applicability
of domestic laws and the powers of States to enforce them; counter-narratives;
international cooperation in the context of mutual legal assistance; and freedom of
expression and the right to privacy.
""",
    "fr": """\
Le 17 décembre 2015, le Comité contre le terrorisme a tenu une réunion spéciale sur le
thème « Empêcher les terroristes d'exploiter Internet et les médias sociaux pour recruter
des terroristes et inciter à commettre des actes terroristes, tout en respectant les droits
de l'homme et les libertés fondamentales ».

Comme le rappelle la note de cadrage de la réunion spéciale de 2016, des représentants de
grandes entreprises du secteur des TIC figuraient parmi les intervenants de cette réunion,
au cours de laquelle ont été examinées plusieurs difficultés, notamment l'applicabilité du
droit interne et les pouvoirs dont disposent les États pour le faire appliquer, les
contre-discours, la coopération internationale dans le cadre de l'entraide judiciaire, la
liberté d'expression et le droit à la vie privée.
""",
    "es": """\
El 17 de diciembre de 2015, el Comité contra el Terrorismo celebró una reunión especial
sobre el tema "Impedir que los terroristas exploten Internet y los medios sociales para
reclutar terroristas e incitar a la comisión de actos terroristas, respetando al mismo
tiempo los derechos humanos y las libertades fundamentales".

Como se recuerda en la nota conceptual de la reunión especial de 2016, entre los ponentes
de esa reunión figuraron representantes de grandes empresas de TIC, y se examinaron
diversos problemas, entre ellos la aplicabilidad de la legislación nacional y las
facultades de los Estados para hacerla cumplir, los contrarrelatos, la cooperación
internacional en el contexto de la asistencia judicial recíproca, y la libertad de
expresión y el derecho a la privacidad.
""",
    "ru": """\
17 декабря 2015 года Контртеррористический комитет провел специальное заседание на тему
«Недопущение использования террористами Интернета и социальных сетей для вербовки
террористов и подстрекательства к совершению террористических актов при соблюдении прав
человека и основных свобод».

Как отмечается в концептуальной записке специального заседания 2016 года, в число
участников дискуссии на этом заседании входили представители крупных компаний в сфере
ИКТ; были обсуждены различные проблемы, в том числе применимость национального
законодательства и полномочия государств по обеспечению его соблюдения, контрпропаганда,
международное сотрудничество в контексте взаимной правовой помощи, а также свобода
выражения мнений и право на неприкосновенность частной жизни.
""",
    "zh_hans": """\
2015年12月17日，反恐怖主义委员会举行了题为“防止恐怖分子利用互联网和社交媒体招募恐怖分子和煽动恐怖行为，\
同时尊重人权和基本自由”的特别会议。

正如2016年特别会议概念说明所回顾的，该次会议的小组成员包括主要信通技术公司的代表；会议讨论了多项挑战，\
包括国内法的适用性和各国执行国内法的权力、反面叙事、司法协助背景下的国际合作以及表达自由和隐私权。
""",
    "ar": """\
في 17 كانون الأول/ديسمبر 2015، عقدت لجنة مكافحة الإرهاب اجتماعا خاصا بشأن ”منع الإرهابيين
من استغلال الإنترنت ووسائط التواصل الاجتماعي لتجنيد الإرهابيين والتحريض على الأعمال
الإرهابية، مع احترام حقوق الإنسان والحريات الأساسية“.

وكما أُشير في المذكرة المفاهيمية للاجتماع الخاص لعام 2016، ضم الاجتماع أعضاء في حلقات النقاش
من كبرى شركات تكنولوجيا المعلومات والاتصالات، وناقش تحديات منها انطباق القوانين المحلية
وصلاحيات الدول في إنفاذها؛ والروايات المضادة؛ والتعاون الدولي في سياق المساعدة القانونية
المتبادلة؛ وحرية التعبير والحق في الخصوصية.
""",
}


def _event_2015() -> Event:
    event, _created = Event.objects.update_or_create(
        slug=EVENT_2015_SLUG,
        defaults={
            **in_languages("title", TITLE_2015),
            **in_languages("short_title", SHORT_TITLE_2015),
            **in_languages("theme", THEME_2015),
            **in_languages("venue", VENUE),
            **in_languages("city", CITY),
            "kind": Event.Kind.SPECIAL_MEETING,
            "start_date": datetime.date(2015, 12, 17),
            "end_date": datetime.date(2015, 12, 17),
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
            **in_languages("title", ABOUT_TITLE),
            **in_languages("body", ABOUT_2015),
            "order": 1,
        },
    )
    return event


def _delegations(event: Event) -> dict[str, Delegation]:
    extension = timezone.now() + datetime.timedelta(days=365)
    organisations = list(Organisation.objects.filter(iso_code__in=SAMPLE_STATE_DELEGATIONS))
    for names, acronym, kind in SAMPLE_ORGANISATIONS:
        organisation, _created = Organisation.objects.update_or_create(
            name_en=names["en"],
            kind=kind,
            defaults={
                "name": names["en"],
                **in_languages("name", names),
                "acronym_en": acronym,
            },
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
