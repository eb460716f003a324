"""No N+1 anywhere (issue 7): every page that lists rows costs the same number of
queries with 1 row as with 1,000.

Each test builds the data of its pages with one row of everything they list, counts the
queries of each page, adds 999 rows with every relation populated, and counts again;
it also checks that the rows really show (the links or rows in the HTML, or the page
size and the paginator's count for paginated pages). The page cache is off in the test
settings, so what is measured is rendering.

Rows are made with ``bulk_create`` (no services, no signals, no uploads): every stored
file row points at one tiny file, so the whole module stays fast on both backends.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from dataclasses import dataclass

import pytest
from django.contrib.admin import site
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from agenda import services as agenda_services
from agenda.models import AgendaItem, Person, PersonPhoto, RoleAssignment, Session
from events.models import (
    Delegation,
    Document,
    DocumentVersion,
    Event,
    EventPage,
    Job,
    Membership,
    NewsItem,
    Organisation,
)
from events.tests.factories import (
    EventFactory,
    MembershipFactory,
    UserFactory,
    cted_staff_user,
)
from statements import search
from statements import selectors as statement_selectors
from statements.models import (
    SEARCH_CONFIGS,
    DelegateRequest,
    Language,
    LanguageVersion,
    Statement,
    StatementFile,
    StatementLogEntry,
)
from statements.views import PAGE_SIZE as STATEMENTS_PAGE_SIZE

pytestmark = pytest.mark.django_db

BIG = 1000
FEED_SIZE = statement_selectors.feed_statements.__kwdefaults__["limit"]
NOW = timezone.now()
SIX_LANGUAGES = [code for code in Language.values if code != Language.OTHER]
RETURN_REASON = "Please remove the tracked changes."
# Files of the statement with every language ("a statement with many versions").
FILES_PER_LANGUAGE = -(-BIG // len(SIX_LANGUAGES))


# --- Measuring ------------------------------------------------------------------------


@dataclass
class Measured:
    queries: int
    sql: list[str]
    html: str


def _measure(client: Client, pages: dict[str, str]) -> dict[str, Measured]:
    """Each page's number of queries, its SQL and its body (each must answer 200)."""
    measured = {}
    for name, url in pages.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        measured[name] = Measured(
            queries=len(captured),
            sql=[q["sql"] for q in captured.captured_queries],
            html=response.content.decode(),
        )
    return measured


def _assert_same_queries(one: dict[str, Measured], many: dict[str, Measured]) -> None:
    """The same number of queries per page; a page whose count grew is reported with
    the statements it repeats, which is where its N+1 is."""
    grown = {}
    for name in one:
        if many[name].queries != one[name].queries:
            shapes = Counter(re.sub(r"\b\d+\b", "N", q) for q in many[name].sql)
            repeated = shapes.most_common(3)
            grown[name] = (one[name].queries, many[name].queries, repeated)
    assert not grown, "\n\n".join(
        f"{name}: {a} queries with 1 row, {b} with {BIG}; most repeated:\n"
        + "\n".join(f"  {n} × {_short(sql)}" for sql, n in repeated)
        for name, (a, b, repeated) in grown.items()
    )


def _short(sql: str) -> str:
    """The start of a statement and its end (where a repeated one shows its WHERE)."""
    return sql if len(sql) <= 600 else f"{sql[:150]} … {sql[-450:]}"


def _hrefs(html: str, pattern: str) -> set[str]:
    """The distinct link targets of ``html`` that match ``pattern`` (a regex)."""
    return set(re.findall(rf'href="({pattern})"', html))


def _text(html: str, css_class: str, tag: str = "p") -> str:
    """The text of the first ``<tag class="css_class">``, whitespace collapsed."""
    found = re.search(rf'<{tag} class="{css_class}"[^>]*>(.*?)</{tag}>', html, re.S)
    assert found, css_class
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def _stored(name: str, content: bytes) -> str:
    """One tiny stored file that every row of a kind shares."""
    return default_storage.save(name, ContentFile(content))


# --- Building rows in bulk ------------------------------------------------------------


def _event(**kwargs) -> Event:
    """A published event accepting statements for another week."""
    return EventFactory(statement_deadline=NOW + datetime.timedelta(days=7), **kwargs)


def _organisations(tag: str, numbers: range, kind=Organisation.Kind.CIVIL_SOCIETY):
    return Organisation.objects.bulk_create(
        [
            Organisation(name_en=f"{tag} organisation {i}", acronym_en=f"O{i}", kind=kind)
            for i in numbers
        ]
    )


def _delegations(event: Event, numbers: range) -> list[Delegation]:
    organisations = _organisations(f"{event.slug} delegation", numbers)
    return Delegation.objects.bulk_create(
        [Delegation(event=event, organisation=o) for o in organisations]
    )


def _pages(event: Event, numbers: range) -> None:
    """A concept-note section and a practical page for each number."""
    EventPage.objects.bulk_create(
        EventPage(
            event=event,
            kind=kind,
            slug=f"{prefix}-{i}",
            title_en=f"{prefix.upper()} page {i}",
            body_en=f"Text of *page* {i}.",
            order=i,
        )
        for i in numbers
        for kind, prefix in ((EventPage.Kind.CONCEPT_NOTE, "cn"), (EventPage.Kind.PRACTICAL, "pr"))
    )


def _other_events(numbers: range) -> None:
    """Earlier published events, each with pages, and an unpublished one per batch."""
    events = Event.objects.bulk_create(
        Event(
            slug=f"other-{i}",
            title_en=f"Earlier special meeting {i}",
            short_title_en=f"Earlier meeting {i}",
            theme_en="Countering terrorism",
            start_date=datetime.date(2015, 12, 17) - datetime.timedelta(days=i),
            end_date=datetime.date(2015, 12, 17) - datetime.timedelta(days=i),
            venue_en="United Nations Headquarters",
            city_en=f"City {i}",
            is_published=True,
        )
        for i in numbers
    )
    Event.objects.create(
        slug=f"draft-{numbers.start}",
        title_en="Not announced yet",
        short_title_en="Draft",
        start_date=datetime.date(2017, 1, 1),
        end_date=datetime.date(2017, 1, 1),
        venue_en="Nowhere",
        city_en="Nowhere",
        is_published=False,
    )
    EventPage.objects.bulk_create(
        EventPage(event=event, slug="introduction", title_en="Introduction", body_en="Text.")
        for event in events
    )


def _documents(event: Event, numbers: range, stored: str) -> None:
    """Public documents, each with a superseded and a newest English version, French and
    Arabic versions, and a Russian draft (never public); and one limited document."""
    kinds = list(Document.Kind.values)
    documents = Document.objects.bulk_create(
        [
            Document(
                event=event,
                kind=kinds[i % len(kinds)],
                title_en=f"Document {i}",
                symbol=f"S/2016/{i}",
                document_date=datetime.date(2016, 11, 1),
                published_at=NOW - datetime.timedelta(days=1),
                order=i,
            )
            for i in numbers
        ]
        + [
            Document(
                event=event,
                kind=Document.Kind.OTHER,
                title_en=f"Limited document {numbers.start}",
                distribution=Document.Distribution.LIMITED,
                published_at=NOW - datetime.timedelta(days=1),
            )
        ]
    )
    versions = [("en", 3, False), ("en", 2, False), ("fr", 2, False), ("ar", 2, False)]
    DocumentVersion.objects.bulk_create(
        DocumentVersion(
            document=document,
            language=language,
            file=stored,
            original_name=f"{document.pk}-{language}.pdf",
            size=2048 + document.pk,
            sha256=f"{document.pk:032x}{n:032x}",
            page_count=1 + n,
            is_draft=is_draft,
            created_at=NOW - datetime.timedelta(hours=hours),
        )
        for document in documents
        for n, (language, hours, is_draft) in enumerate([*versions, ("ru", 1, True)])
    )


def _news(event: Event, numbers: range) -> None:
    NewsItem.objects.bulk_create(
        NewsItem(
            event=event,
            kind=NewsItem.Kind.values[i % 2],
            slug=f"news-{i}",
            title_en=f"Announcement {i}",
            body_en=f"Text of announcement {i}.",
            published_at=NOW - datetime.timedelta(minutes=i + 1),
        )
        for i in numbers
    )


def _people(tag: str, numbers: range, photo: str, **fields) -> list[Person]:
    """People with an organisation and a published-to-be photo each."""
    organisations = _organisations(f"{tag} people", numbers)
    people = Person.objects.bulk_create(
        Person(
            given_name=tag.title(),
            family_name=f"Number {i}",
            position_en=f"Adviser {i}",
            biography_en=f"A *short* biography of {tag} {i}.",
            organisation=organisation,
            email=f"{tag}-{i}@private.example.org",
            **fields,
        )
        for i, organisation in zip(numbers, organisations, strict=True)
    )
    photos = PersonPhoto.objects.bulk_create(
        PersonPhoto(
            person=person,
            file=photo,
            content_type="image/png",
            width=64,
            height=48,
            sha256=f"{person.pk:064x}",
        )
        for person in people
    )
    for person, person_photo in zip(people, photos, strict=True):
        person.photo = person_photo
    Person.objects.bulk_update(people, ["photo"])
    return people


@dataclass
class Agenda:
    chair: Person
    first_session: Session


def _agenda(event: Event, numbers: range, photo: str, chair: Person | None = None) -> Agenda:
    """A session per number, chaired by one person; an agenda item per number, all in
    the event's first session, with that person as rapporteur (so the chair has two
    roles per number); and a person per number, who moderates the number's session
    and speaks on its item as a panellist."""
    chair = chair or _people("chair", range(1), photo, is_cted_expert=True)[0]
    sessions = Session.objects.bulk_create(
        Session(
            event=event,
            kind=Session.Kind.values[i % len(Session.Kind.values)],
            title_en=f"Session {i}",
            date=event.start_date + datetime.timedelta(days=i % 2),
            start_time=datetime.time(8 + i % 10, 0),
            end_time=datetime.time(8 + i % 10, 45),
            room_en=f"Conference Room {i % 4 + 1}",
            order=i,
        )
        for i in numbers
    )
    first = Session.objects.filter(event=event).order_by("date", "start_time", "order").first()
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            session=first,
            title_en=f"Item {i}",
            annotation_en=f"An *annotation* of item {i}.",
            order=i,
        )
        for i in numbers
    )
    speakers = _people(f"{event.slug} speaker", numbers, photo)
    confirmed = RoleAssignment.Status.CONFIRMED
    Role = RoleAssignment.Role
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(person=person, session=session, role=role, status=confirmed)
            for session, speaker in zip(sessions, speakers, strict=True)
            for person, role in ((chair, Role.CHAIR), (speaker, Role.MODERATOR))
        ]
        + [
            RoleAssignment(person=person, item=item, role=role, status=confirmed)
            for item, speaker in zip(items, speakers, strict=True)
            for person, role in ((speaker, Role.PANELLIST), (chair, Role.RAPPORTEUR))
        ]
    )
    return Agenda(chair=chair, first_session=first)


def _programme_pdfs(event: Event, stored: str) -> None:
    """Public English and French PDFs of the annotated agenda (the programme links them)."""
    document = Document.objects.get(event=event, kind=Document.Kind.ANNOTATED_AGENDA)
    DocumentVersion.objects.bulk_create(
        DocumentVersion(
            document=document,
            language=language,
            file=stored,
            size=4096,
            sha256="a" * 64,
            source=DocumentVersion.Source.RENDERED,
        )
        for language in ("en", "fr")
    )


def _languages_of(i: int) -> list[str]:
    """Every statement is in English; two in three are in French too."""
    return ["en", "fr"] if i % 3 != 2 else ["en"]


def _statements(
    event: Event,
    numbers: range,
    stored: str,
    *,
    statuses: list[str],
    delegation: Delegation | None = None,
    member=None,
    showcase: bool = False,
) -> list[Statement]:
    """Statements with a delegation (their own, unless ``delegation``), a session and an
    agenda item each, language versions (see ``_languages_of``) with a replaced and a
    current file, and their history. With ``showcase`` the first one is in all six
    languages with ``FILES_PER_LANGUAGE`` files each."""
    delegations = [delegation] * len(numbers) if delegation else _delegations(event, numbers)
    sessions = Session.objects.bulk_create(
        Session(
            event=event,
            title_en=f"Statement session {i}",
            date=event.start_date,
            start_time=datetime.time(15, 0),
            end_time=datetime.time(18, 0),
            order=10000 + i,
        )
        for i in numbers
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(session=session, title_en=f"Statement item {i}", order=i)
        for i, session in zip(numbers, sessions, strict=True)
    )
    rows = []
    for i, owner, session, item in zip(numbers, delegations, sessions, items, strict=True):
        status = statuses[i % len(statuses)]
        rows.append(
            Statement(
                event=event,
                delegation=owner,
                session=session,
                agenda_item=item,
                title=f"Statement {i} on information and communications technologies",
                delivered_by=f"SAMPLE Ambassador {i}",
                check_against_delivery=bool(i % 2),
                status=status,
                embargo_until=(
                    NOW + datetime.timedelta(days=1)
                    if status == Statement.Status.SCHEDULED
                    else None
                ),
                published_at=(
                    NOW - datetime.timedelta(minutes=i + 1)
                    if status == Statement.Status.PUBLISHED
                    else None
                ),
                return_reason=RETURN_REASON if status == Statement.Status.RETURNED else "",
                submitted_by=member,
                submitted_at=NOW - datetime.timedelta(days=1, minutes=i),
            )
        )
    statements = Statement.objects.bulk_create(rows)
    languages = {
        statement.pk: (SIX_LANGUAGES if showcase and n == 0 else _languages_of(i))
        for n, (i, statement) in enumerate(zip(numbers, statements, strict=True))
    }
    versions = LanguageVersion.objects.bulk_create(
        LanguageVersion(
            statement=statement,
            language=language,
            search_text=search.normalize(
                f"{statement.title}\nPreventing the exploitation of technologies, {language}."
            ),
            search_config=SEARCH_CONFIGS.get(language, "simple"),
        )
        for statement in statements
        for language in languages[statement.pk]
    )
    files_per_version = {
        v.pk: FILES_PER_LANGUAGE if showcase and v.statement_id == statements[0].pk else 2
        for v in versions
    }
    files = StatementFile.objects.bulk_create(
        StatementFile(
            language_version=version,
            file=stored,
            original_name=f"statement-{version.statement_id}-{version.language}-{k}.pdf",
            content_type="application/pdf",
            extension="pdf",
            size=1024 + k,
            sha256=f"{version.pk:032x}{k:032x}",
            page_count=1 + k % 3,
            flags=["comments"] if k == 0 else [],
            text=f"Text {k} of the statement.",
            text_status=StatementFile.TextStatus.DONE,
            created_by=member,
            created_at=NOW - datetime.timedelta(days=2, minutes=-k),
        )
        for version in versions
        for k in range(files_per_version[version.pk])
    )
    current = {}
    for stored_file in files:  # in creation order: the last one of a version is current
        current[stored_file.language_version_id] = stored_file
    for version in versions:
        version.current_file = current[version.pk]
    LanguageVersion.objects.bulk_update(versions, ["current_file"])
    Action = StatementLogEntry.Action
    StatementLogEntry.objects.bulk_create(
        [
            StatementLogEntry(
                statement_id=f.language_version.statement_id,
                action=Action.FILE_ADDED,
                from_status=Statement.Status.SUBMITTED,
                to_status=Statement.Status.SUBMITTED,
                actor=member,
                file=f,
                created_at=f.created_at,
            )
            for f in files
        ]
        + [
            StatementLogEntry(
                statement=statement,
                action=Action.PUBLISHED,
                from_status=Statement.Status.SUBMITTED,
                to_status=statement.status,
                created_at=NOW,
            )
            for statement in statements
            if statement.status == Statement.Status.PUBLISHED
        ]
    )
    return statements


# --- The events index -------------------------------------------------------------------


def test_events_index_same_queries_for_1_and_1000_events(client):
    current = _event(slug="ict-2016", is_current=True)
    _pages(current, range(1))
    _other_events(range(1))
    one = _measure(client, {"index": "/"})
    _pages(current, range(1, BIG))
    _other_events(range(1, BIG))

    many = _measure(client, {"index": "/"})

    _assert_same_queries(one, many)
    for measured, size in ((one, 1), (many, BIG)):
        html = measured["index"].html
        assert len(_hrefs(html, r"/events/other-\d+/")) == size  # the drafts are not listed
        assert len(_hrefs(html, r"/events/ict-2016/cn-\d+/")) == size
        assert "/events/draft-" not in html


# --- Event home, documents, news --------------------------------------------------------


def _event_rows(event: Event, numbers: range, stored: str) -> None:
    _pages(event, numbers)
    _documents(event, numbers, stored)
    _news(event, numbers)
    _delegations(event, numbers)


def test_event_pages_same_queries_for_1_and_1000_rows(client):
    event = _event(slug="ict-2016")
    stored = _stored("documents/shared.pdf", b"%PDF-1.7 tiny")
    pages = {
        "event home": f"/events/{event.slug}/",
        "documents": f"/events/{event.slug}/documents/",
        "news": f"/events/{event.slug}/news/",
    }
    _event_rows(event, range(1), stored)
    one = _measure(client, pages)
    _event_rows(event, range(1, BIG), stored)

    many = _measure(client, pages)

    _assert_same_queries(one, many)
    base = f"/events/{event.slug}"
    for measured, size in ((one, 1), (many, BIG)):
        home = measured["event home"].html
        assert len(_hrefs(home, rf"{base}/cn-\d+/")) == size  # the concept note's sections
        assert len(_hrefs(home, rf"{base}/pr-\d+/")) == size  # practical pages, in the nav
        assert len(_hrefs(home, rf"{base}/documents/#document-\d+")) == min(size, 5)
        assert len(_hrefs(home, rf"{base}/news/news-\d+/")) == min(size, 3)
        # Newest English, French and Arabic of each public document: no draft, no
        # superseded version, no limited document.
        downloads = _hrefs(measured["documents"].html, r"/files/document/\d+/\w+\.pdf")
        assert len(downloads) == 3 * size
        assert {d.rsplit("/", 1)[1] for d in downloads} == {"en.pdf", "fr.pdf", "ar.pdf"}
        assert len(_hrefs(measured["news"].html, rf"{base}/news/news-\d+/")) == size


# --- Programme, panellists, person, session, exports ----------------------------------


def test_programme_pages_same_queries_for_1_and_1000_rows(client):
    event = _event(slug="ict-2016")
    photo = _stored("agenda/photos/shared.png", b"\x89PNG tiny")
    pdf = _stored("documents/shared.pdf", b"%PDF-1.7 tiny")
    agenda = _agenda(event, range(1), photo)
    agenda_services.agenda_publish(event=event, label="provisional")
    _programme_pdfs(event, pdf)
    base = f"/events/{event.slug}"
    pages = {
        "programme": f"{base}/programme/",
        "panellists": f"{base}/panellists/",
        "person": f"{base}/people/{agenda.chair.pk}/",
        "session": f"{base}/sessions/{agenda.first_session.pk}/",
        "programme.json": f"{base}/programme.json",
        "programme.ics": f"{base}/programme.ics",
    }
    one = _measure(client, pages)
    _agenda(event, range(1, BIG), photo, chair=agenda.chair)
    agenda_services.agenda_publish(event=event, label="revised")

    many = _measure(client, pages)

    _assert_same_queries(one, many)
    for measured, size in ((one, 1), (many, BIG)):
        programme = measured["programme"].html
        assert len(_hrefs(programme, rf"{base}/sessions/\d+/")) == size
        assert programme.count('class="agenda-item"') == size
        assert len(_hrefs(programme, r"/files/document/\d+/(?:en|fr)\.pdf")) == 2
        people = _hrefs(measured["panellists"].html, rf"{base}/people/\d+/")
        assert len(people) == size + 1
        person = measured["person"].html
        assert person.count('class="role-label"') == 2 * size  # chair and rapporteur
        assert len(_hrefs(person, rf"{base}/sessions/\d+/")) == size
        session = measured["session"].html
        assert session.count('class="agenda-item"') == size
        assert len(_hrefs(session, rf"{base}/people/\d+/")) == size + 1
        data = json.loads(measured["programme.json"].html)
        assert len(data["sessions"]) == size
        assert sum(len(s["items"]) for s in data["sessions"]) == size
        assert len(data["people"]) == size + 1
        assert all(p["photo"]["url"] for p in data["people"])
        assert measured["programme.ics"].html.count("BEGIN:VEVENT") == size


# --- Written statements: public pages, feed, and the delegate's pages ------------------


def test_statement_pages_same_queries_for_1_and_1000_rows(client):
    event = _event(slug="ict-2016")
    stored = _stored("statements/shared.pdf", b"%PDF-1.7 tiny")
    own = _delegations(event, range(BIG, BIG + 2))
    member = UserFactory(verified=True)
    MembershipFactory(
        user=member,
        delegation=own[0],
        role=Membership.Role.FOCAL_POINT,
        status=Membership.Status.APPROVED,
    )
    MembershipFactory(user=member, delegation=own[1], status=Membership.Status.PENDING)
    delegate = Client()
    delegate.force_login(member)
    unpublished = [
        Statement.Status.SUBMITTED,
        Statement.Status.RETURNED,
        Statement.Status.SCHEDULED,
        Statement.Status.WITHDRAWN,
    ]

    def add(numbers: range, showcase: bool):
        public = _statements(
            event, numbers, stored, statuses=[Statement.Status.PUBLISHED], showcase=showcase
        )
        mine = _statements(
            event,
            numbers,
            stored,
            statuses=unpublished,
            delegation=own[0],
            member=member,
            showcase=showcase,
        )
        return public[0], mine[0]

    base = f"/events/{event.slug}/statements"

    def pages(public, mine):
        return {
            "list": f"{base}/",
            "search": f"{base}/?q=Technologies&language=fr",
            "later page": f"{base}/?page=3",
            "detail": f"{base}/{public.pk}/",
            "feed": f"{base}/feed/",
        }, {
            "my delegation": "/my-delegation/",
            "my statement": f"/my-delegation/statements/{mine.pk}/",
        }

    first_public, first_mine = add(range(1), showcase=False)
    public_pages, delegate_pages = pages(first_public, first_mine)
    one = _measure(client, public_pages) | _measure(delegate, delegate_pages)
    # The detail pages now show a statement in all six languages, with many files.
    showcase_public, showcase_mine = add(range(1, BIG), showcase=True)
    public_pages, delegate_pages = pages(showcase_public, showcase_mine)

    many = _measure(client, public_pages) | _measure(delegate, delegate_pages)

    _assert_same_queries(one, many)
    for measured, size, (public, mine) in (
        (one, 1, (first_public, first_mine)),
        (many, BIG, (showcase_public, showcase_mine)),
    ):
        in_french = sum(1 for i in range(size) if "fr" in _languages_of(i))
        expected = {
            "list": (size, 1),
            "search": (in_french, 1),
            "later page": (size, min(3, -(-size // STATEMENTS_PAGE_SIZE))),
        }
        for name, (count, page) in expected.items():
            html = measured[name].html
            shown = min(STATEMENTS_PAGE_SIZE, count - (page - 1) * STATEMENTS_PAGE_SIZE)
            assert html.count('class="statement-item"') == shown, name
            assert _text(html, "results-count").startswith(f"{count} statement"), name
        detail = measured["detail"].html
        versions = public.language_versions.count()
        assert versions == (6 if size == BIG else 2)
        assert len(_hrefs(detail, r"/files/statement-file/\d+/[\w-]+\.pdf")) == versions
        assert measured["feed"].html.count("<entry>") == min(size, FEED_SIZE)
        home = measured["my delegation"].html
        assert len(_hrefs(home, r"/my-delegation/statements/\d+/")) == size
        assert own[1].organisation.name in home  # the pending request
        files = StatementFile.objects.filter(language_version__statement=mine).count()
        assert files == (6 * FILES_PER_LANGUAGE if size == BIG else 4)
        page = measured["my statement"].html
        assert len(_hrefs(page, r"/files/statement-file/\d+/[\w-]+\.pdf")) == files
        assert _text(page, "history", "ol").count("File added") == files


# --- The admin changelists CTED staff use most -----------------------------------------


CHANGELISTS = {
    "statements review queue": Statement,
    "documents": Document,
    "delegate requests": DelegateRequest,
    "memberships": Membership,
    "jobs": Job,
    "people": Person,
    "sessions": Session,
    # And the other lists of rows that grow with an event.
    "agenda items": AgendaItem,
    "roles": RoleAssignment,
    "delegations": Delegation,
    "organisations": Organisation,
    "news": NewsItem,
}


def _admin_url(model) -> str:
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


def _admin_rows(event: Event, numbers: range, stored: str, photo: str, chair=None) -> Person:
    statuses = list(Statement.Status.values)
    _statements(event, numbers, stored, statuses=statuses)
    _documents(event, numbers, stored)
    _news(event, numbers)
    delegations = _delegations(event, range(numbers.start + 2 * BIG, numbers.stop + 2 * BIG))
    users = User.objects.bulk_create(
        User(email=f"delegate-{i}@example.org", full_name=f"Delegate {i}") for i in numbers
    )
    Membership.objects.bulk_create(
        Membership(
            user=user,
            delegation=delegation,
            role=Membership.Role.values[i % 2],
            status=Membership.Status.values[i % 3],
            position=f"Counsellor {i}",
        )
        for i, user, delegation in zip(numbers, users, delegations, strict=True)
    )
    Job.objects.bulk_create(
        Job(
            task="statements.extract_text",
            kwargs={"file_id": i},
            status=Job.Status.values[i % 4],
            attempts=i % 3,
        )
        for i in numbers
    )
    return _agenda(event, numbers, photo, chair=chair).chair


def test_admin_changelists_same_queries_for_1_and_1000_rows(client):
    staff = cted_staff_user(email="reviewer@example.org")
    client.force_login(staff)
    event = _event(slug="ict-2016")
    stored = _stored("statements/shared.pdf", b"%PDF-1.7 tiny")
    photo = _stored("agenda/photos/shared.png", b"\x89PNG tiny")
    pages = {name: _admin_url(model) for name, model in CHANGELISTS.items()}
    chair = _admin_rows(event, range(1), stored, photo)
    one = _measure(client, pages)
    totals_at_one = {name: model.objects.count() for name, model in CHANGELISTS.items()}
    _admin_rows(event, range(1, BIG), stored, photo, chair=chair)

    many = _measure(client, pages)

    _assert_same_queries(one, many)
    totals = {name: model.objects.count() for name, model in CHANGELISTS.items()}
    assert min(totals.values()) >= BIG
    for measured, total_of in ((one, totals_at_one), (many, totals)):
        for name, model in CHANGELISTS.items():
            total = total_of[name]
            html = measured[name].html
            rows = _hrefs(html, rf"{_admin_url(model)}\d+/change/")
            assert len(rows) == min(total, site._registry[model].list_per_page), name
            label = model._meta.verbose_name if total == 1 else model._meta.verbose_name_plural
            assert f"{total} {label}" in _text(html, "paginator"), name
