"""The public statement pages, search in the six languages, downloads and the feed."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agenda.models import AgendaItem, Session
from events.files import file_url
from events.models import Organisation
from events.tests.factories import (
    DelegationFactory,
    OrganisationFactory,
    StateFactory,
    cted_staff_user,
)
from statements import services
from statements.models import Statement
from statements.selectors import Choice

from . import files
from .helpers import delegate, open_event, run_jobs, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return open_event()


def _item(event, title="Agenda item on cooperation"):
    session = Session.objects.create(
        event=event,
        title="Thematic segment",
        date=event.start_date,
        start_time=datetime.time(10, 0),
        end_time=datetime.time(13, 0),
    )
    return AgendaItem.objects.create(session=session, title=title)


def _publish(statement):
    return services.statement_publish(statement=statement, user=cted_staff_user())


def _published(
    event, *, organisation=None, title="A statement", file=None, language="en", **kwargs
):
    delegation = DelegationFactory(event=event, organisation=organisation or OrganisationFactory())
    statement = submit(delegation, title=title, file=file, language=language, **kwargs)
    return _publish(statement)


def _close_file(response) -> None:
    """Read a served file to its end, which closes it (as the test client does)."""
    if response.streaming:
        b"".join(response.streaming_content)


def _titles(response) -> list[str]:
    return [s.title for s in response.context["statements"]]


def _list(client, event, **params):
    return client.get(reverse("statements:list", args=[event.slug]), params)


# --- The list, its filters, and what is published ---------------------------------------


def test_statement_list_shows_only_published_statements(client, event):
    published = _published(event, title="Published one")
    delegation = DelegationFactory(event=event)
    member = delegate(delegation)
    submit(delegation, member, title="Only submitted")
    returned = submit(delegation, member, title="Returned one")
    services.statement_return(statement=returned, user=cted_staff_user(), reason="No.")
    withdrawn = _published(event, title="Withdrawn one")
    services.statement_withdraw(
        statement=withdrawn, user=withdrawn.delegation.memberships.get().user
    )
    scheduled = submit(delegation, member, title="Scheduled one")
    services.statement_publish(
        statement=scheduled,
        user=cted_staff_user(),
        at=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=1),
    )
    _published(open_event(), title="Of another event")

    response = _list(client, event)

    assert response.status_code == 200
    assert _titles(response) == [published.title]


def test_statement_list_of_unpublished_event_404(client):
    event = open_event(is_published=False)

    assert _list(client, event).status_code == 404


def test_statement_list_filters(client, event):
    item = _item(event)
    state = _published(
        event, organisation=StateFactory(iso_code="KE"), title="From a State", agenda_item=item
    )
    ngo = _published(
        event,
        organisation=OrganisationFactory(kind=Organisation.Kind.CIVIL_SOCIETY),
        title="From civil society",
        language="fr",
    )

    assert _titles(_list(client, event, kind="member_state")) == [state.title]
    assert _titles(_list(client, event, kind="civil_society")) == [ngo.title]
    assert _titles(_list(client, event, delegation=ngo.delegation_id)) == [ngo.title]
    assert _titles(_list(client, event, item=item.pk)) == [state.title]
    assert _titles(_list(client, event, language="fr")) == [ngo.title]
    assert _titles(_list(client, event, language="zz", kind="nonsense")) == [ngo.title, state.title]
    options = _list(client, event).context["options"]
    assert (options.kinds, [d.value for d in options.delegations], options.agenda_items) == (
        [Choice("member_state", "Member State"), Choice("civil_society", "Civil society")],
        [state.delegation_id, ngo.delegation_id],
        [Choice(item.pk, item.title)],
    )
    assert [d.label for d in options.delegations] == [
        state.delegation.organisation.name,
        ngo.delegation.organisation.name,
    ]


def test_statement_list_is_the_same_html_for_every_visitor(client, event):
    statement = _published(event)
    urls = [
        reverse("statements:list", args=[event.slug]),
        reverse("statements:list", args=[event.slug]) + "?q=statement",
        reverse("statements:detail", args=[event.slug, statement.pk]),
    ]
    anonymous = [client.get(url).content for url in urls]

    client.force_login(statement.delegation.memberships.get().user)
    as_delegate = [client.get(url).content for url in urls]

    assert anonymous == as_delegate
    assert all(b"csrfmiddlewaretoken" not in page for page in anonymous)
    assert all(b"style=" not in page and b"<script>" not in page for page in anonymous)


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _populated(event, index):
    """A published statement with every relation: agenda item, session, two languages."""
    item = _item(event, f"Item {index}")
    delegation = DelegationFactory(event=event, organisation=OrganisationFactory())
    member = delegate(delegation)
    statement = submit(delegation, member, title=f"Statement {index}", agenda_item=item)
    services.statement_version_add(
        statement=statement, user=member, language="fr", uploaded_file=files.pdf_upload("Texte")
    )
    return _publish(statement)


def test_statement_list_query_count_does_not_grow(client, event):
    url = reverse("statements:list", args=[event.slug])
    _populated(event, 1)
    one = _count_queries(client, url)
    _populated(event, 2)
    _populated(event, 3)

    three = _count_queries(client, url)

    assert one == three
    assert len(_list(client, event).context["statements"]) == 3


def test_statement_list_search_query_count_does_not_grow(client, event):
    url = reverse("statements:list", args=[event.slug]) + "?q=statement&language=fr"
    _populated(event, 1)
    one = _count_queries(client, url)
    _populated(event, 2)
    _populated(event, 3)

    assert _count_queries(client, url) == one


def test_statement_detail_shows_language_versions(client, event):
    statement = _published(event, title="Our statement", delivered_by="SAMPLE Ambassador")

    response = client.get(reverse("statements:detail", args=[event.slug, statement.pk]))

    page = response.content.decode()
    version = statement.language_versions.get()
    assert response.status_code == 200
    assert "Our statement" in page and "SAMPLE Ambassador" in page
    assert file_url("statement-file", version.current_file_id, "en.pdf") in page


def test_statement_detail_unpublished_404(client, event):
    statement = submit(DelegationFactory(event=event))

    assert (
        client.get(reverse("statements:detail", args=[event.slug, statement.pk])).status_code == 404
    )


def test_statement_detail_of_another_event_404(client, event):
    statement = _published(open_event())

    assert (
        client.get(reverse("statements:detail", args=[event.slug, statement.pk])).status_code == 404
    )


# --- Search in the six languages, on whichever database this run has -------------------


@pytest.fixture
def multilingual(event):
    """Published statements in Russian, French, Arabic, Chinese and English, with text
    extracted by the worker's service."""
    statements = {
        "ru": _published(
            event,
            title="Заявление делегации",
            language="ru",
            file=files.docx_upload("Предотвращение использования ИКТ в террористических целях"),
        ),
        "fr": _published(
            event,
            title="Déclaration écrite",
            language="fr",
            file=files.odt_upload("La sécurité des réseaux et la liberté d’expression"),
        ),
        "ar": _published(
            event,
            title="بيان مكتوب",
            language="ar",
            file=files.docx_upload("منع استغلال تكنولوجيا المعلومات والاتصالات لأغراض إرهابية"),
        ),
        "zh": _published(
            event,
            title="书面发言",
            language="zh-hans",
            file=files.odt_upload("防止为恐怖主义目的利用信息和通信技术"),
        ),
        "en": _published(
            event,
            title="Written statement",
            file=files.pdf_upload("Public-private partnerships and counter-narratives"),
        ),
    }
    run_jobs("statements.extract_text")
    return statements


SEARCHES = [
    # Russian: case-insensitive Cyrillic (SQLite's LIKE folds ASCII only).
    ("ТЕРРОРИСТИЧЕСКИХ", ["ru"]),
    ("икт", ["ru"]),
    ("заявление", ["ru"]),
    # French: case- and accent-insensitive, both ways.
    ("SECURITE", ["fr"]),
    ("liberté réseaux", ["fr"]),
    ("Déclaration", ["fr"]),
    ("«sécurité»,", ["fr"]),
    # Arabic: hamza, madda and harakat do not matter.
    ("لاغراض", ["ar"]),
    ("إِرْهابية", ["ar"]),
    ("بيان", ["ar"]),
    # Chinese: substring matching, no word breaks needed.
    ("恐怖主义", ["zh"]),
    ("书面", ["zh"]),
    # English, and titles.
    ("counter-narratives", ["en"]),
    ("WRITTEN", ["en"]),
    ("nothing like this", []),
]


def test_statement_search_in_every_language(client, event, multilingual):
    found = {query: sorted(_titles(_list(client, event, q=query))) for query, _expected in SEARCHES}

    assert found == {
        query: sorted(multilingual[key].title for key in expected) for query, expected in SEARCHES
    }


@pytest.mark.postgres
def test_statement_search_postgres_stems_with_the_statement_language(client, event, multilingual):
    """PostgreSQL's Russian configuration matches other forms of a word."""
    assert _titles(_list(client, event, q="террористический")) == [multilingual["ru"].title]
    assert _titles(_list(client, event, q="partnership")) == [multilingual["en"].title]


@pytest.mark.sqlite
def test_statement_search_sqlite_matches_substrings_only(client, event, multilingual):
    assert _titles(_list(client, event, q="террористический")) == []


def test_statement_search_combines_with_filters(client, event, multilingual):
    assert _titles(_list(client, event, q="恐怖主义", language="ru")) == []
    assert _titles(_list(client, event, q="恐怖主义", language="zh-hans")) == [
        multilingual["zh"].title
    ]


# --- Downloads --------------------------------------------------------------------------


def test_statement_file_download_exact_bytes_and_safe_headers(client, event):
    data = files.text_pdf("The text")
    statement = _published(
        event,
        organisation=StateFactory(iso_code="NO"),
        title='Our "final" statement / <2016>',
        file=files.upload(data, "anything.exe"),
    )
    stored = statement.language_versions.get().current_file

    response = client.get(file_url("statement-file", stored.pk, "en.pdf"))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert {
        name: response.headers[name]
        for name in (
            "Content-Type",
            "Content-Disposition",
            "X-Content-Type-Options",
            "Cache-Control",
        )
    } == {
        "Content-Type": "application/pdf",
        "Content-Disposition": 'inline; filename="Norway-Our-final-statement-2016-en.pdf"',
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "public, max-age=300",
    }


@pytest.mark.parametrize(
    ("upload", "content_type", "extension"),
    [
        (
            files.docx_upload("Text"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        (files.odt_upload("Text"), "application/vnd.oasis.opendocument.text", "odt"),
    ],
    ids=["docx", "odt"],
)
def test_statement_file_download_word_processor_file_is_an_attachment(
    client, event, upload, content_type, extension
):
    statement = _published(
        event, organisation=StateFactory(iso_code="BR"), title="Statement", file=upload
    )
    stored = statement.language_versions.get().current_file

    response = client.get(file_url("statement-file", stored.pk, f"en.{extension}"))
    _close_file(response)

    assert response["Content-Type"] == content_type
    assert (
        response["Content-Disposition"] == f'attachment; filename="Brazil-Statement-en.{extension}"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_statement_file_download_replaced_version_not_public(client, event):
    delegation = DelegationFactory(event=event)
    member = delegate(delegation)
    statement = submit(delegation, member)
    old = statement.language_versions.get().current_file
    services.statement_version_add(
        statement=statement, user=member, language="en", uploaded_file=files.pdf_upload("New")
    )
    _publish(statement)
    new = statement.language_versions.get().current_file

    def status(pk):
        response = client.get(file_url("statement-file", pk, "en.pdf"))
        _close_file(response)
        return response.status_code, response.get("Cache-Control")

    assert status(new.pk) == (200, "public, max-age=300")
    assert status(old.pk) == (404, None)
    client.force_login(member)
    assert status(old.pk) == (200, "private, no-cache")


# --- The feed ---------------------------------------------------------------------------


def test_statement_feed_lists_published_statements(client, event):
    older = _published(event, organisation=StateFactory(iso_code="ID"), title="Older")
    Statement.objects.filter(pk=older.pk).update(
        published_at=datetime.datetime(2016, 11, 29, 12, 0, tzinfo=datetime.UTC)
    )
    newer = _published(event, organisation=StateFactory(iso_code="MX"), title="Newer")
    submit(DelegationFactory(event=event), title="Not published")

    response = client.get(reverse("statements:feed", args=[event.slug]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
    entries = feed.findall(f"{atom}entry")
    assert [e.find(f"{atom}title").text for e in entries] == ["Mexico: Newer", "Indonesia: Older"]
    assert entries[0].find(f"{atom}link").get("href") == (
        f"http://testserver/events/{event.slug}/statements/{newer.pk}/"
    )
    assert entries[1].find(f"{atom}updated").text == "2016-11-29T12:00:00+00:00"


def test_statement_public_responses_do_not_vary_on_cookie(client, event):
    statement = _published(event)
    stored = statement.language_versions.get().current_file

    responses = [
        client.get(reverse("statements:list", args=[event.slug])),
        client.get(reverse("statements:detail", args=[event.slug, statement.pk])),
        client.get(reverse("statements:feed", args=[event.slug])),
        client.get(file_url("statement-file", stored.pk, "en.pdf")),
    ]

    for response in responses:
        _close_file(response)
    assert [
        "Cookie" in [v.strip() for v in r.headers.get("Vary", "").split(",")] for r in responses
    ] == [False, False, False, False]


def test_event_navigation_links_statements_once_one_is_published(client, event):
    url = reverse("statements:list", args=[event.slug])
    home = reverse("events:home", args=[event.slug])
    statement = submit(DelegationFactory(event=event))

    before = client.get(home).content.decode()
    _publish(statement)
    after = client.get(home).content.decode()

    assert (f'href="{url}"' in before, f'href="{url}"' in after) == (False, True)
    assert f'href="{url}" aria-current="page">Statements' in client.get(url).content.decode()
