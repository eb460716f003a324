"""The annotated agenda and the Chair's summary as rendered PDFs: content, languages,
publication, drafts, debounce, idempotence, and the renderer fetching nothing."""

import datetime
import io
import subprocess
import unicodedata

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from pypdf import PdfReader

from agenda import generators, services
from agenda.models import AgendaRevision, ChairsSummary, ChairsSummarySection, Person
from agenda.tests.factories import (
    AgendaItemFactory,
    EventFactory,
    PersonFactory,
    RoleAssignmentFactory,
    SessionFactory,
)
from agenda.tests.helpers import admin_form_data, pdf_text, render, render_jobs
from events import outbox, pdf
from events.models import Document, DocumentVersion, Event, Job
from events.selectors import newest_public_versions, public_documents

pytestmark = pytest.mark.django_db

UNSAFE_MARKDOWN = (
    '<img src="file:///etc/passwd"> ![passwd](file:///etc/passwd) '
    '<img src="http://example.org/tracker.png"> ![x](https://example.org/a.png) '
    "[a redirect](http://example.org/redirect-to-file) "
    '<img src="https://render.specialmeeting.invalid/media/../../etc/passwd">'
)


def agenda_document(event) -> Document:
    return Document.objects.get(event=event, generator=generators.ANNOTATED_AGENDA)


@pytest.fixture
def programme(event):
    """Two sessions on two days, three items, and a chair, panellists and a rapporteur."""
    day_1 = SessionFactory(
        event=event,
        title_en="Preparatory technical session",
        date=datetime.date(2016, 11, 30),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(13, 0),
        room_en="Conference Room 4",
    )
    day_2 = SessionFactory(
        event=event,
        title_en="Opening of the Special Meeting",
        date=datetime.date(2016, 12, 1),
        start_time=datetime.time(15, 0),
        end_time=datetime.time(18, 0),
        room_en="Trusteeship Council Chamber",
    )
    first = AgendaItemFactory(
        session=day_1, order=1, title_en="Trends in the exploitation of ICTs",
        annotation_en="Panellists *present* the trends.",
    )  # fmt: skip
    second = AgendaItemFactory(session=day_1, order=2, title_en="Digital evidence")
    third = AgendaItemFactory(session=day_2, order=1, title_en="Opening remarks")
    chair = PersonFactory(given_name="Ana", family_name="Chairwoman", position_en="Chair")
    RoleAssignmentFactory(person=chair, item=None, session=day_2, role="chair")
    RoleAssignmentFactory(
        person=PersonFactory(given_name="Bo", family_name="Moderator"),
        item=None,
        session=day_1,
        role="moderator",
    )
    RoleAssignmentFactory(
        person=PersonFactory(given_name="Cy", family_name="Panellist", position_en="Professor"),
        item=first,
        role="panellist",
    )
    RoleAssignmentFactory(
        person=PersonFactory(given_name="Di", family_name="Expert", is_cted_expert=True),
        item=first,
        role="rapporteur",
    )
    return {"sessions": [day_1, day_2], "items": [first, second, third], "chair": chair}


@pytest.fixture
def published(event, programme, staff):
    revision = services.agenda_publish(event=event, label="provisional", user=staff)
    return revision


# --- The annotated agenda's content ---------------------------------------------------


def test_agenda_pdf_holds_the_items_in_order(event, published):
    text = pdf_text(render(agenda_document(event)))
    positions = [
        text.index(title)
        for title in ("Trends in the exploitation of ICTs", "Digital evidence", "Opening remarks")
    ]
    assert positions == sorted(positions)
    assert "1." in text and "3." in text


def test_agenda_pdf_is_an_official_looking_annotated_agenda(event, published):
    text = " ".join(pdf_text(render(agenda_document(event))).split())
    # The running footer's "of" is no text of the page: the text starts with the masthead.
    assert text.startswith("United Nations Security Council")
    assert "Provisional annotated agenda" in text
    assert "Wednesday, 30 November 2016" in text
    # The zone is named once, in the note; a session gives its times only (one offset).
    assert "All times are local times (Eastern Time, America/New_York, UTC−05:00)." in text
    assert text.count("America/New_York") == 1
    assert "10:00–13:00 · Conference Room 4" in text
    assert "Moderator: Bo Moderator" in text
    assert "Panellist: Cy Panellist, Professor" in text
    assert "Rapporteur: Di Expert" in text
    assert "Chair: Ana Chairwoman, Chair" in text
    assert "Panellists present the trends." in text  # the annotation, markdown rendered
    assert "1 of 1" in text or "1 of 2" in text


def test_agenda_pdf_names_each_sessions_offset_when_daylight_saving_time_changes(staff):
    # New York left daylight saving time on 6 November 2016.
    event = EventFactory(start_date=datetime.date(2016, 11, 5), end_date=datetime.date(2016, 11, 7))
    for day in (5, 7):
        AgendaItemFactory(session=SessionFactory(event=event, date=datetime.date(2016, 11, day)))
    services.agenda_publish(event=event, label="provisional", user=staff)
    text = " ".join(pdf_text(render(agenda_document(event))).split())
    assert "(Eastern Time, America/New_York, UTC−04:00, UTC−05:00)." in text
    assert "10:00–13:00 (UTC−04:00) · Conference Room 1" in text
    assert "10:00–13:00 (UTC−05:00) · Conference Room 1" in text
    html = generators.agenda_input(agenda_document(event), "zh-hans", False).html()
    assert '（<span dir="ltr">UTC−04:00</span>）' in html


def test_agenda_pdf_shows_the_revision_label(event, programme):
    services.agenda_publish(event=event, label="provisional")
    AgendaItemFactory(session=programme["sessions"][1], order=2, title_en="Closing")
    services.agenda_publish(event=event, label="revised")
    text = pdf_text(render(agenda_document(event)))
    assert "Revised annotated agenda" in text
    assert "Provisional" not in text


def test_agenda_public_pdf_from_the_published_revision_never_the_working_copy(
    event, published, programme
):
    item = programme["items"][1]
    item.title_en = "Retitled in the working copy"
    item.save()
    document = agenda_document(event)
    public = pdf_text(render(document))
    assert "Digital evidence" in public
    assert "Retitled in the working copy" not in public
    draft = pdf_text(render(document, draft=True))
    assert "Retitled in the working copy" in draft
    assert "DRAFT" in draft


@pytest.mark.parametrize(
    ("language", "event_title", "session_title", "item_title", "annotation"),
    [
        ("ar", "منع استغلال تكنولوجيا المعلومات", "الجلسة الافتتاحية", "الاتجاهات في الاستغلال",
         "نص الشرح الأول"),
        ("zh-hans", "防止利用信息和通信技术", "开幕会议", "利用信息技术的趋势", "第一段说明"),
    ],
)  # fmt: skip
def test_agenda_arabic_and_chinese_text_extracts_back_as_typed(
    event, language, event_title, session_title, item_title, annotation
):
    suffix = language.replace("-", "_")
    Event.objects.filter(pk=event.pk).update(**{f"title_{suffix}": event_title})
    session = SessionFactory(event=event, **{f"title_{suffix}": session_title})
    AgendaItemFactory(
        session=session, **{f"title_{suffix}": item_title, f"annotation_{suffix}": annotation}
    )
    services.agenda_publish(event=Event.objects.get(pk=event.pk), label="provisional")
    document = agenda_document(event)
    assert language in generators.agenda_complete_languages(document, False)
    version = render(document, language)
    text = pdf_text(version)
    for typed in (event_title, session_title, item_title, annotation):
        assert typed in text
    assert "United Nations" not in text  # the masthead is in the document's language


def test_agenda_language_complete_only_with_every_title(event, published, programme):
    def complete(draft):
        return generators.agenda_complete_languages(agenda_document(event), draft)

    assert complete(False) == ["en"]
    Event.objects.filter(pk=event.pk).update(title_fr="Réunion spéciale")
    for session in programme["sessions"]:
        session.title_fr = f"Séance {session.pk}"
        session.save()
    for item in programme["items"][:2]:
        item.title_fr = f"Point {item.pk}"
        item.save()
    # One item has no French title yet: no French PDF (never a mixed-language one).
    assert "fr" not in complete(True)
    programme["items"][2].title_fr = "Allocution d'ouverture"
    programme["items"][2].save()
    # Annotations may be missing; the published revision is not complete until republished.
    assert "fr" in complete(True)
    assert "fr" not in complete(False)


def test_agenda_pdf_in_french_shows_no_english_text(event, programme):
    Event.objects.filter(pk=event.pk).update(title_fr="Réunion spéciale sur les TIC")
    for session in programme["sessions"]:
        session.title_fr = f"Séance {session.pk}"
        session.save()
    for item in programme["items"]:
        item.title_fr = f"Point {item.pk}"
        item.save()
    services.agenda_publish(event=Event.objects.get(pk=event.pk), label="provisional")
    text = " ".join(pdf_text(render(agenda_document(event), "fr")).split())
    assert "Ordre du jour provisoire annoté" in text
    assert "Nations Unies" in text
    # Untranslated texts (annotation, room, position) are left out, not shown in English.
    for english in ("Panellists present", "Conference Room", "Professor", "Panellist:"):
        assert english not in text
    assert "Intervenant : Cy Panellist" in text or "Intervenant: Cy Panellist" in text


# --- Publication, drafts, debounce, idempotence -------------------------------------------


def test_first_publication_makes_the_document_and_queues_its_render(event, programme, staff):
    revision = services.agenda_publish(event=event, label="provisional", user=staff)
    document = agenda_document(event)
    assert (document.kind, document.symbol, document.distribution) == (
        Document.Kind.ANNOTATED_AGENDA,
        "",
        Document.Distribution.GENERAL,
    )
    assert document.published_at == revision.published_at
    assert document.document_date == timezone.localdate(
        revision.published_at, timezone=event.tzinfo
    )
    assert document.title_en == "Annotated agenda"
    assert document.title_fr == "Ordre du jour annoté"
    assert document.render_status == Document.RenderStatus.QUEUED
    (job,) = render_jobs(draft=False)
    assert job.kwargs == {"document_id": document.pk, "language": "en", "draft": False}


def test_later_publications_keep_the_document_and_its_date(event, programme):
    services.agenda_publish(
        event=event,
        label="provisional",
        published_at=datetime.datetime(2016, 11, 14, 15, tzinfo=datetime.UTC),
    )
    Document.objects.filter(event=event).update(symbol="S/AC.40/2016/1")
    AgendaItemFactory(session=programme["sessions"][1], order=5, title_en="Closing")
    services.agenda_publish(event=event, label="revised")
    document = agenda_document(event)
    assert Document.objects.filter(event=event).count() == 1
    assert (document.symbol, document.document_date) == (
        "S/AC.40/2016/1",
        datetime.date(2016, 11, 14),
    )


def test_publication_refused_queues_no_render(event, published):
    with pytest.raises(Exception, match="Nothing has changed"):
        services.agenda_publish(event=event, label="provisional")
    assert len(render_jobs(draft=False)) == 1


def test_agenda_render_of_the_same_revision_twice_makes_one_version(event, published):
    document = agenda_document(event)
    first = render(document)
    again = render(document)
    assert again.pk == first.pk
    assert DocumentVersion.objects.filter(document=document).count() == 1


def test_agenda_republished_with_the_same_printed_content_makes_no_new_version(
    event, published, programme
):
    document = agenda_document(event)
    AgendaItemFactory(session=programme["sessions"][1], order=5, title_en="Closing")
    services.agenda_publish(event=event, label="revised")
    first = render(document)
    # A change that the PDF does not print (a biography) is a new revision, same PDF.
    Person.objects.filter(pk=programme["chair"].pk).update(biography_en="A new biography.")
    services.agenda_publish(event=event, label="revised")
    assert AgendaRevision.objects.filter(event=event).count() == 3
    again = render(document)
    assert again.pk == first.pk
    assert DocumentVersion.objects.filter(document=document, is_draft=False).count() == 1


def test_agenda_draft_render_is_never_public(client, event, published, staff):
    document = agenda_document(event)
    draft = render(document, draft=True)
    assert draft.is_draft
    assert public_documents(event=event) == []
    assert newest_public_versions(event=event, kinds=[Document.Kind.ANNOTATED_AGENDA]) == {
        Document.Kind.ANNOTATED_AGENDA: []
    }
    url = f"/files/document/{draft.pk}/en.pdf"
    assert client.get(url).status_code == 404
    assert (
        f"/files/document/{draft.pk}/"
        not in client.get(reverse("agenda:programme", kwargs={"slug": event.slug})).content.decode()
    )
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-cache"
    response.close()


def test_twenty_quick_saves_in_admin_give_one_draft_render(client, event, published, staff):
    item = AgendaItemFactory(session=published.event.sessions.first(), title_en="Saved often")
    client.force_login(staff)
    url = reverse("admin:agenda_agendaitem_change", args=[item.pk])
    data = admin_form_data(client.get(url))
    for n in range(20):
        data["title_en"] = f"Saved often ({n})"
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:2000]
    drafts = render_jobs(draft=True)
    assert len(drafts) == 1
    assert drafts[0].run_after > drafts[0].created_at  # a debounce: it waits a few seconds
    # The one render, when it runs, shows the last save.
    document = agenda_document(event)
    text = pdf_text(render(document, draft=True))
    assert "Saved often (19)" in text


def test_save_after_the_draft_render_started_queues_one_more(client, event, published, staff):
    session = published.event.sessions.first()
    client.force_login(staff)
    url = reverse("admin:agenda_session_change", args=[session.pk])
    data = admin_form_data(client.get(url))
    client.post(url, data)
    (job,) = render_jobs(draft=True)
    assert outbox.claim(job.pk, lease_seconds=60) is None  # not due yet: debounced
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
    assert outbox.claim(job.pk, lease_seconds=60) is not None  # the worker took it
    for _ in range(10):
        client.post(url, data)
    assert len(render_jobs(draft=True)) == 2


def test_programme_admin_links_draft_and_public_pdfs(client, event, published, staff):
    document = agenda_document(event)
    public = render(document)
    draft = render(document, draft=True)
    client.force_login(staff)
    html = client.get(reverse("admin:agenda_eventprogramme_change", args=[event.pk])).content
    html = html.decode()
    assert f"/files/document/{public.pk}/en.pdf" in html
    assert f"/files/document/{draft.pk}/en.pdf" in html
    assert "Draft PDF" in html


# --- Nothing is fetched ------------------------------------------------------------------


def test_agenda_annotation_with_file_and_http_urls_renders_without_fetching(event, programme):
    item = programme["items"][0]
    item.annotation_en = UNSAFE_MARKDOWN
    item.save()
    services.agenda_publish(event=event, label="provisional")
    # A fetch of any of these would be a FatalURLFetchingError: the render would fail.
    version = render(agenda_document(event))
    assert version.page_count >= 1
    assert "a redirect" in pdf_text(version)


def test_summary_section_with_file_and_http_urls_renders_without_fetching(event, programme):
    summary = ChairsSummary.objects.create(event=event, introduction_en=UNSAFE_MARKDOWN)
    ChairsSummarySection.objects.create(
        summary=summary, session=programme["sessions"][0], text_en=UNSAFE_MARKDOWN
    )
    document = services.chairs_summary_publish(summary=summary)
    version = render(document)
    assert version.page_count >= 1
    assert "a redirect" in pdf_text(version)


# --- The public pages link the newest PDFs ------------------------------------------------


def test_programme_and_documents_pages_link_the_newest_ready_pdf(client, event, published):
    document = agenda_document(event)
    first = render(document)
    AgendaItemFactory(session=event.sessions.first(), order=9, title_en="Added later")
    services.agenda_publish(event=event, label="revised")
    newest = render(document)
    assert newest.pk != first.pk
    programme_page = client.get(reverse("agenda:programme", kwargs={"slug": event.slug}))
    html = programme_page.content.decode()
    assert "Annotated agenda (PDF):" in html
    assert f'href="/files/document/{newest.pk}/en.pdf"' in html
    assert f"/files/document/{first.pk}/" not in html
    documents_page = client.get(reverse("events:documents", kwargs={"slug": event.slug}))
    assert f"/files/document/{newest.pk}/en.pdf" in documents_page.content.decode()
    response = client.get(f"/files/document/{newest.pk}/en.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    response.close()


# --- Six languages: fixed words, direction, fonts, dates ----------------------------------

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]
# What each language's programme is called in the fixture (the event, sessions, items).
WORDS = {
    "ar": ("الاجتماع الخاص التجريبي", "الجلسة", "البند"),
    "zh-hans": ("特别会议测试", "会议", "项目"),
    "en": ("Test special meeting", "Session", "Item"),
    "fr": ("Réunion spéciale d'essai", "Séance", "Point"),
    "ru": ("Пробное специальное заседание", "Заседание", "Пункт"),
    "es": ("Reunión especial de prueba", "Sesión", "Tema"),
}
# The fixed text of the annotated agenda, as msgids (the catalogues translate them).
FIXED = [
    "United Nations",
    "Security Council",
    "Counter-Terrorism Committee",
    "Special meeting of the Counter-Terrorism Committee",
    "Provisional annotated agenda",
    "Distr.:",
    "Original:",
    "General",
]
ROLES = [("Chair", "Chairs"), ("Moderator", "Moderators"), ("Panellist", "Panellists"),
         ("Rapporteur", "Rapporteurs")]  # fmt: skip
# Day headings and the meeting's dates as UN documents write them.
DATES = {
    "ar": ["تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"],
    "zh-hans": ["2016年11月30日星期三", "2016年12月1日星期四", "纽约，2016年11月30日至12月1日"],
    "en": ["Wednesday, 30 November 2016", "Thursday, 1 December 2016",
           "New York, 30 November – 1 December 2016"],
    "fr": ["Mercredi 30 novembre 2016", "Jeudi 1er décembre 2016",
           "New York, 30 novembre – 1er décembre 2016"],
    "ru": ["Среда, 30 ноября 2016 г.", "Четверг, 1 декабря 2016 г.",
           "Нью-Йорк, 30 ноября – 1 декабря 2016 г."],
    "es": ["Miércoles 30 de noviembre de 2016", "Jueves 1 de diciembre de 2016",
           "Nueva York, 30 de noviembre – 1 de diciembre de 2016"],
}  # fmt: skip
CITY = {"ar": "نيويورك", "zh-hans": "纽约", "fr": "New York", "ru": "Нью-Йорк", "es": "Nueva York"}


def _field(language: str, name: str) -> str:
    return f"{name}_{language.replace('-', '_')}"


def _plain(text: str) -> str:
    """Extracted text compared by words: no bidi controls (pdftotext wraps Arabic runs in
    them), no ASCII colons (it moves them across a right-to-left run), one space."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(text.replace(":", " ").replace("\u00a0", " ").split())


def _fixed_words(language: str) -> list[str]:
    with translation.override(language):
        words = [gettext(msgid) for msgid in FIXED]
        words += [ngettext(singular, plural, 1) for singular, plural in ROLES]
    return [_plain(word) for word in words if _plain(word)]


def _fonts(data: bytes) -> set[str]:
    listing = subprocess.run(
        ["pdffonts", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    return {row.split()[0].split("+", 1)[-1] for row in listing.splitlines()[2:] if row.strip()}


@pytest.fixture
def six_languages(event):
    """A programme written in the six languages (two days, three items, the first with a
    time, the four roles), its people named in no language, published."""
    Event.objects.filter(pk=event.pk).update(
        **{_field(code, "title"): WORDS[code][0] for code in LANGUAGES},
        **{_field(code, "city"): city for code, city in CITY.items()},
    )
    sessions = [
        SessionFactory(
            event=event,
            date=day,
            **{_field(code, "title"): f"{WORDS[code][1]} {n}" for code in LANGUAGES},
        )
        for n, day in enumerate([datetime.date(2016, 11, 30), datetime.date(2016, 12, 1)], 1)
    ]
    items = [
        AgendaItemFactory(
            session=sessions[(n - 1) // 2],
            order=n,
            start_time=datetime.time(10, 0) if n == 1 else None,
            end_time=datetime.time(11, 0) if n == 1 else None,
            annotation_en="",
            **{_field(code, "title"): f"{WORDS[code][2]} {n}" for code in LANGUAGES},
        )
        for n in (1, 2, 3)
    ]

    def person(given, family):
        return PersonFactory(given_name=given, family_name=family, position_en="")

    RoleAssignmentFactory(person=person("Amal", "Haddad"), item=None, session=sessions[1],
                          role="chair")  # fmt: skip
    RoleAssignmentFactory(person=person("Li", "Wei"), item=None, session=sessions[0],
                          role="moderator")  # fmt: skip
    RoleAssignmentFactory(person=person("Olga", "Ivanova"), item=items[0], role="panellist")
    RoleAssignmentFactory(person=person("Juan", "Pérez"), item=items[0], role="rapporteur")
    services.agenda_publish(event=Event.objects.get(pk=event.pk), label="provisional")
    return agenda_document(event)


def _page_of(language: str) -> str:
    with translation.override(language):
        return translation.pgettext("page n of N", "of")


@pytest.mark.parametrize("language", LANGUAGES)
def test_agenda_pdf_has_only_its_own_languages_words_and_fonts(six_languages, language):
    version = render(six_languages, language)
    text = _plain(pdf_text(version))
    if language not in ("ar", "zh-hans"):  # those two: their own tests below
        with version.file.open("rb") as handle:
            fonts = _fonts(handle.read())
        assert any(font.startswith("Noto-Serif") for font in fonts), fonts
        assert not any("CJK" in font or "Naskh" in font for font in fonts), fonts
    own = _fixed_words(language)
    for word in own + list(WORDS[language]) + [_plain(date) for date in DATES[language]]:
        assert word in text, f"{language}: {word!r} missing"
    # "1 of 1" (pdftotext moves digits around an Arabic word: compared without spaces).
    footer = f"1{_page_of(language)}{version.page_count}".replace(" ", "")
    assert footer in text.replace(" ", "")
    for other in LANGUAGES:
        if other == language:
            continue
        for word in _fixed_words(other) + list(WORDS[other]):
            # A word that two languages share ("Rapporteur", "Original") is no leak.
            if not any(word in mine for mine in own):
                assert word not in text, f"the {language} PDF shows {other} {word!r}"


def test_arabic_agenda_pdf_is_right_to_left_in_an_arabic_font(six_languages):
    version = render(six_languages, "ar")
    with version.file.open("rb") as handle:
        data = handle.read()
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "ar"
    text = _plain(pdf_text(version))
    # Arabic words come back in logical order, the masthead first (no running-footer
    # word above it).
    assert text.startswith("الأمم المتحدة مجلس الأمن")
    for words in ("جدول الأعمال المؤقت المشروح", "مدير الحوار", "عضو فريق المناقشة", "المقرر"):
        assert words in text
    fonts = _fonts(data)
    assert any(font.startswith("Noto-Naskh-Arabic") for font in fonts), fonts
    # The footer is set in the Arabic font too, and nothing Arabic is slanted.
    assert not any("Sans" in font or "Oblique" in font or "CJK" in font for font in fonts), fonts
    html = generators.agenda_input(six_languages, "ar", False).html()
    assert '<html lang="ar" dir="rtl">' in html
    assert '<span class="item-number">1 -</span>' in html  # UN Arabic numbering


def test_chinese_agenda_pdf_is_punctuated_full_width_in_a_cjk_font(six_languages):
    version = render(six_languages, "zh-hans")
    with version.file.open("rb") as handle:
        data = handle.read()
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "zh-hans"
    text = pdf_text(version)
    # No space after a full-width colon; full-width parentheses round an item's time.
    assert "主持人：Li Wei" in text
    assert "小组成员：Olga Ivanova" in text
    assert "（10:00–11:00）" in text
    with translation.override("zh-hans"):
        assert f"{gettext('Distr.:')}{gettext('General')}" in text
    fonts = _fonts(data)
    assert fonts and all(font.startswith("Noto-Serif-CJK-SC") for font in fonts), fonts
    assert not any("Oblique" in font for font in fonts), fonts


def test_arabic_chairs_summary_numbers_its_parts_as_un_arabic_documents(event, programme):
    session = programme["sessions"][0]
    session.title_ar = "الجلسة التقنية"
    session.save()
    services.agenda_publish(event=event, label="provisional")
    Event.objects.filter(pk=event.pk).update(title_ar="منع استغلال تكنولوجيا المعلومات")
    summary = ChairsSummary.objects.create(
        event=event, introduction_ar="نص المقدمة.", conclusions_ar="نص الاستنتاجات."
    )
    ChairsSummarySection.objects.create(summary=summary, session=session, text_ar="نص الموجز.")
    document = services.chairs_summary_publish(summary=summary)
    version = render(document, "ar")
    with version.file.open("rb") as handle:
        data = handle.read()
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "ar"
    text = _plain(pdf_text(version))
    assert text.startswith("الأمم المتحدة مجلس الأمن")
    for words in ("موجز الرئيس", "أولا", "مقدمة", "ثانيا", "موجز المناقشات", "ألف",
                  "الجلسة التقنية", "ثالثا", "الاستنتاجات", "نص المقدمة"):  # fmt: skip
        assert words in text
    for english in ("United Nations", "Introduction", "Conclusions", "Chair"):
        assert english not in text


def test_a_new_print_stylesheet_makes_a_new_render(monkeypatch):
    before = pdf.input_hash("<p>Same HTML</p>")
    monkeypatch.setattr(pdf, "_print_stylesheet_text", lambda: "p { color: red; }")
    assert pdf.input_hash("<p>Same HTML</p>") != before
