"""Public pages: the newest published revision only, never the working copy."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from agenda import services
from agenda.models import RoleAssignment
from agenda.tests.factories import (
    AgendaItemFactory,
    EventFactory,
    OrganisationFactory,
    PersonFactory,
    RoleAssignmentFactory,
    SessionFactory,
    with_photo,
)

pytestmark = pytest.mark.django_db


def _url(name, event, **kwargs):
    return reverse(f"agenda:{name}", kwargs={"slug": event.slug, **kwargs})


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_programme_before_publication_says_not_published(client, event):
    SessionFactory(event=event, title_en="Working copy session")
    html = _html(client.get(_url("programme", event)))
    assert "The programme has not been published yet." in html
    assert "Working copy session" not in html


def test_panellists_before_publication_says_not_published(client, event):
    RoleAssignmentFactory(item__session__event=event, person__family_name="Hidden")
    html = _html(client.get(_url("panellists", event)))
    assert "The programme has not been published yet." in html
    assert "Hidden" not in html


def test_programme_of_unpublished_event_not_found(client):
    event = EventFactory(is_published=False)
    SessionFactory(event=event)
    services.agenda_publish(event=event, label="provisional")
    assert client.get(_url("programme", event)).status_code == 404
    assert client.get(_url("programme_json", event)).status_code == 404


def test_programme_shows_newest_revision_not_working_copy(client, event):
    session = SessionFactory(event=event, title_en="Opening")
    AgendaItemFactory(session=session, title_en="Published item")
    services.agenda_publish(event=event, label="provisional")
    AgendaItemFactory(session=session, title_en="Draft item")
    session.title_en = "Draft title"
    session.save()
    html = _html(client.get(_url("programme", event)))
    assert "Published item" in html
    assert "Opening" in html
    assert "Draft item" not in html
    assert "Draft title" not in html


def test_programme_shows_changes_since_the_previous_revision(client, event):
    session = SessionFactory(event=event)
    AgendaItemFactory(session=session, title_en="First item")
    services.agenda_publish(event=event, label="provisional")
    AgendaItemFactory(session=session, title_en="Second item")
    services.agenda_publish(event=event, label="revised", note="Added an item.")
    html = _html(client.get(_url("programme", event)))
    assert "What changed since revision 1" in html
    assert f"Item added: 2. Second item ({session.title_en})" in html
    assert "Added an item." in html
    assert "1 change since revision 1" in html


def test_programme_earlier_revision_browsable(client, event):
    session = SessionFactory(event=event)
    AgendaItemFactory(session=session, title_en="First item")
    services.agenda_publish(event=event, label="provisional")
    AgendaItemFactory(session=session, title_en="Second item")
    services.agenda_publish(event=event, label="revised")
    html = _html(client.get(_url("revision", event, number=1)))
    assert "First item" in html
    assert "Second item" not in html
    assert "an earlier version of the programme" in html
    newest = _html(client.get(_url("revision", event, number=2)))
    assert "an earlier version of the programme" not in newest


def test_programme_unknown_revision_not_found(client, event):
    SessionFactory(event=event)
    services.agenda_publish(event=event, label="provisional")
    assert client.get(_url("revision", event, number=2)).status_code == 404


def test_session_page_from_the_published_revision(client, event):
    session = SessionFactory(event=event, title_en="Opening")
    AgendaItemFactory(session=session, title_en="Welcome", annotation_en="**Bold** words")
    services.agenda_publish(event=event, label="provisional")
    html = _html(client.get(_url("session", event, session_id=session.pk)))
    assert "Opening" in html
    assert "<strong>Bold</strong> words" in html
    assert _url("session_ics", event, session_id=session.pk) in html


def test_session_page_of_a_draft_session_not_found(client, event):
    SessionFactory(event=event)
    services.agenda_publish(event=event, label="provisional")
    draft = SessionFactory(
        event=event, start_time=datetime.time(15, 0), end_time=datetime.time(16, 0)
    )
    assert client.get(_url("session", event, session_id=draft.pk)).status_code == 404


def test_annotation_markdown_sanitised(client, event):
    AgendaItemFactory(
        session__event=event, annotation_en="<script>alert(1)</script>[x](javascript:alert(1))"
    )
    services.agenda_publish(event=event, label="provisional")
    html = _html(client.get(_url("programme", event)))
    assert "<script>alert" not in html
    assert "javascript:" not in html


def test_person_page_of_a_published_person(client, event):
    role = RoleAssignmentFactory(
        item__session__event=event,
        item__title_en="Panel on cooperation",
        person__given_name="Ana",
        person__family_name="Example",
        person__biography_en="Works on *online* rights.",
    )
    services.agenda_publish(event=event, label="provisional")
    html = _html(client.get(_url("person", event, person_id=role.person_id)))
    assert "Ana Example" in html
    assert "Works on <em>online</em> rights." in html
    assert "Panel on cooperation" in html


def test_person_page_of_an_unpublished_person_not_found(client, event):
    SessionFactory(event=event)
    services.agenda_publish(event=event, label="provisional")
    person = PersonFactory()
    RoleAssignmentFactory(item__session__event=event, person=person)
    assert client.get(_url("person", event, person_id=person.pk)).status_code == 404


def test_declined_and_invited_people_never_shown(client, event):
    item = AgendaItemFactory(session__event=event)
    RoleAssignmentFactory(item=item, person__family_name="Confirmedperson")
    invited = RoleAssignmentFactory(
        item=item, person__family_name="Invitedperson", status=RoleAssignment.Status.INVITED
    )
    declined = RoleAssignmentFactory(
        item=item, person__family_name="Declinedperson", status=RoleAssignment.Status.DECLINED
    )
    services.agenda_publish(event=event, label="provisional")
    pages = [
        _html(client.get(_url("programme", event))),
        _html(client.get(_url("panellists", event))),
        client.get(_url("programme_json", event)).content.decode(),
        client.get(_url("programme_ics", event)).content.decode(),
    ]
    for page in pages:
        assert "Confirmedperson" in page
        assert "Invitedperson" not in page
        assert "Declinedperson" not in page
    for person_id in (invited.person_id, declined.person_id):
        assert client.get(_url("person", event, person_id=person_id)).status_code == 404


def test_session_at_1930_new_york_shown_on_30_november_with_utc_next_day(client, event):
    session = SessionFactory(
        event=event,
        title_en="Evening session",
        date=datetime.date(2016, 11, 30),
        start_time=datetime.time(19, 30),
        end_time=datetime.time(21, 0),
    )
    services.agenda_publish(event=event, label="provisional")
    html = _html(client.get(_url("programme", event)))
    day = html.index('id="day-2016-11-30"')
    assert html.index("Wednesday, 30 November 2016") > day - 200
    assert html.index("Evening session") > day
    assert 'id="day-2016-12-01"' not in html
    assert '<time datetime="2016-12-01T00:30:00Z">19:30</time>' in html
    assert '<time datetime="2016-12-01T02:00:00Z">21:00</time>' in html
    assert "Eastern Time, America/New_York, UTC−05:00" in html
    session_html = _html(client.get(_url("session", event, session_id=session.pk)))
    assert "19:30–21:00 (Eastern Time, America/New_York, UTC−05:00)" in session_html


@pytest.mark.parametrize(
    ("language", "heading", "in_menu", "published"),
    [
        ("fr", "Mercredi 30 novembre 2016", "Mercredi 30 novembre", "publiée le "),
        ("zh-hans", "2016年11月30日星期三", "11月30日星期三", "2016年"),
        ("ru", "Среда, 30 ноября 2016 г.", "Среда, 30 ноября", " г."),
    ],
)
def test_programme_days_written_as_un_documents_write_them(
    client, event, language, heading, in_menu, published
):
    for day in (30, 1):  # two days: the page lists them at its top
        month = 11 if day == 30 else 12
        SessionFactory(event=event, title_en="Session", date=datetime.date(2016, month, day))
    services.agenda_publish(event=event, label="provisional")
    with translation.override(language):
        html = _html(client.get(_url("programme", event)))

    assert f'id="day-2016-11-30">{heading}</h2>' in html
    assert f'<a href="#day-2016-11-30">{in_menu}</a>' in html
    assert "十一月" not in html and "Novembre" not in html and "ноябрь " not in html
    assert published in html


@pytest.mark.parametrize(
    ("language", "zone"),
    [("ar", "التوقيت الشرقي لأمريكا الشمالية، America/New_York"), ("fr", "heure de l’Est")],
)
def test_the_time_zone_is_named_in_the_page_language(client, event, language, zone):
    SessionFactory(event=event, title_en="Morning session", title_ar="جلسة الصباح")
    services.agenda_publish(event=event, label="provisional")
    from django.utils import translation

    with translation.override(language):
        url = _url("programme", event)
    html = _html(client.get(url))
    assert zone in html


def test_no_private_email_on_any_public_page_or_export(client, event):
    email = "very.private@private.example.org"
    role = RoleAssignmentFactory(item__session__event=event, person__email=email)
    with_photo(role.person)
    services.agenda_publish(event=event, label="provisional")
    urls = [
        _url("programme", event),
        _url("revision", event, number=1),
        _url("panellists", event),
        _url("person", event, person_id=role.person_id),
        _url("session", event, session_id=role.item.session_id),
        _url("programme_ics", event),
        _url("session_ics", event, session_id=role.item.session_id),
        _url("programme_json", event),
        "/fr" + _url("programme", event),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private.example.org" not in response.content.decode(), url


# --- Query counts: the same with 1 item as with 100 -----------------------------------


def _programme_of(size: int):
    """An event whose ``size`` items each carry roles, people, organisations and photos."""
    event = EventFactory()
    chair = with_photo(PersonFactory(organisation=OrganisationFactory()))
    for n in range(size):
        session = SessionFactory(
            event=event,
            date=datetime.date(2016, 11, 30) + datetime.timedelta(days=n % 2),
            start_time=datetime.time(8 + n % 10, 0),
            end_time=datetime.time(8 + n % 10, 45),
        )
        RoleAssignmentFactory(item=None, session=session, person=chair, role="chair")
        item = AgendaItemFactory(session=session)
        for role in ("panellist", "moderator"):
            person = with_photo(PersonFactory(organisation=OrganisationFactory()))
            RoleAssignmentFactory(item=item, person=person, role=role)
    services.agenda_publish(event=event, label="provisional")
    return event, chair


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _navigation_checks() -> int:
    """Each distinct availability check of the event's navigation costs one query (other
    apps register sections too)."""
    from events import navigation

    return len({section.is_available for section in navigation._sections.values()})


@pytest.mark.parametrize(
    ("page", "expected"),
    # Each page: the event, its pages, the revision (+ the person), and the navigation's
    # checks; the programme page also the newest PDFs of its documents.
    [("programme", 5), ("panellists", 3), ("person", 3), ("programme_json", 2)],
)
def test_query_count_same_for_1_and_100_items(client, page, expected):
    if page != "programme_json":
        expected += _navigation_checks()
    counts = []
    for size in (1, 100):
        event, chair = _programme_of(size)
        kwargs = {"person_id": chair.pk} if page == "person" else {}
        counts.append(_count(client, _url(page, event, **kwargs)))
    assert counts == [expected, expected]


def _pdf_versions(event):
    """Public PDFs of the annotated agenda in two languages, two versions each, and a
    draft: what the programme page links."""
    from django.core.files.base import ContentFile

    from events.models import Document, DocumentVersion

    document = Document.objects.get(event=event, kind=Document.Kind.ANNOTATED_AGENDA)
    made = {}
    for language, is_draft in [("en", False), ("fr", False), ("en", False), ("fr", True)]:
        version = DocumentVersion(
            document=document, language=language, size=8, sha256="0" * 64, is_draft=is_draft
        )
        version.file.save("x.pdf", ContentFile(b"%PDF-1.7"), save=False)
        version.save()
        made[(language, is_draft)] = version
    return made


def test_programme_links_the_newest_pdfs_in_the_same_queries_for_1_and_100_items(client):
    counts = []
    for size in (1, 100):
        event, _chair = _programme_of(size)
        versions = _pdf_versions(event)
        url = _url("programme", event)
        counts.append(_count(client, url))
        html = _html(client.get(url))
        assert "Annotated agenda (PDF):" in html
        assert f"/files/document/{versions[('en', False)].pk}/en.pdf" in html
        assert f"/files/document/{versions[('fr', False)].pk}/fr.pdf" in html
        assert f"/files/document/{versions[('fr', True)].pk}/" not in html  # a draft
    assert counts == [5 + _navigation_checks()] * 2
