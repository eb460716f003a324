"""The "My delegation" area in a browser: submit, replace, add a language, withdraw."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.models import AgendaItem, Session
from events.tests.factories import DelegationFactory, StateFactory
from statements.models import Statement, StatementFile

from . import files
from .helpers import delegate, open_event, stored_files, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegation():
    event = open_event(
        statement_deadline=datetime.datetime(2030, 11, 28, 23, 0, tzinfo=datetime.UTC)
    )
    return DelegationFactory(event=event, organisation=StateFactory(iso_code="ZA"))


@pytest.fixture
def member(client, delegation):
    user = delegate(delegation, email="focal@example.org")
    client.force_login(user)
    return user


def _page(response) -> str:
    return response.content.decode()


def test_my_delegation_lists_statements_and_the_deadline(client, delegation, member):
    submit(delegation, member, title="Our first statement")

    response = client.get(reverse("delegates:home"))

    page = _page(response)
    assert response.status_code == 200
    assert "South Africa" in page
    assert "Our first statement" in page and "Submitted" in page
    assert "28 November 2030, 18:00 (Eastern Time, America/New_York, UTC−05:00)" in page
    assert reverse("delegates:submit", args=[delegation.pk]) in page


def test_my_delegation_without_membership_offers_to_join(client):
    from events.tests.factories import UserFactory

    client.force_login(UserFactory(verified=True))

    page = _page(client.get(reverse("delegates:home")))

    assert "You do not act for a delegation yet" in page
    assert reverse("delegates:join") in page


def test_submit_form_offers_sessions_and_agenda_items(client, delegation, member):
    session = Session.objects.create(
        event=delegation.event,
        title="Preparatory technical session",
        date=delegation.event.start_date,
        start_time=datetime.time(10),
        end_time=datetime.time(13),
    )
    item = AgendaItem.objects.create(session=session, title="Countering terrorist narratives")

    response = client.get(reverse("delegates:submit", args=[delegation.pk]))

    page = _page(response)
    assert '<optgroup label="Preparatory technical session">' in page
    assert f'value="item:{item.pk}"' in page and "Countering terrorist narratives" in page
    assert 'accept=".pdf,.docx,.odt,' in page
    assert 'data-max-bytes="20971520"' in page
    assert "style=" not in page


def test_required_fields_are_announced_as_required_not_as_a_star(client, delegation, member):
    page = _page(client.get(reverse("delegates:submit", args=[delegation.pk])))
    marks = page.count('<span class="asteriskField" aria-hidden="true">*</span>')
    assert marks >= 3  # title, language, file
    assert page.count('class="asteriskField"') == marks
    assert page.count(" required") >= marks  # the inputs say it themselves


def test_submit_statement_through_the_form(client, delegation, member):
    session = Session.objects.create(
        event=delegation.event,
        title="Thematic segment",
        date=delegation.event.start_date,
        start_time=datetime.time(15),
        end_time=datetime.time(18),
    )
    item = AgendaItem.objects.create(session=session, title="International cooperation")
    data = files.docx_bytes("Our text")

    response = client.post(
        reverse("delegates:submit", args=[delegation.pk]),
        {
            "title": "Statement on cooperation",
            "placement": f"item:{item.pk}",
            "language": "en",
            "delivered_by": "SAMPLE Minister",
            "check_against_delivery": "on",
            "file": files.upload(data, "statement.docx"),
        },
        follow=True,
    )

    statement = Statement.objects.get()
    assert response.redirect_chain == [(reverse("delegates:statement", args=[statement.pk]), 302)]
    assert (statement.agenda_item, statement.session, statement.check_against_delivery) == (
        item,
        session,
        True,
    )
    page = _page(response)
    assert "Your statement was submitted." in page
    assert "Submitted" in page and "statement.docx" in page


def test_submit_refused_file_shows_why_and_stores_nothing(client, delegation, member):
    response = client.post(
        reverse("delegates:submit", args=[delegation.pk]),
        {"title": "A statement", "language": "en", "file": files.upload(files.EXECUTABLE, "s.pdf")},
    )

    assert response.status_code == 200
    assert "This file is a program, not a document." in _page(response)
    assert (Statement.objects.count(), stored_files()) == (0, [])


def test_submit_empty_file_says_what_to_do(client, delegation, member):
    response = client.post(
        reverse("delegates:submit", args=[delegation.pk]),
        {"title": "A statement", "language": "en", "file": files.upload(b"", "s.pdf")},
    )

    assert "The file is empty. Choose the file again." in _page(response)


def test_submit_after_the_deadline_refused_with_a_clear_message(client, member, delegation):
    delegation.event.statement_deadline = timezone.now() - datetime.timedelta(hours=1)
    delegation.event.save()

    form = client.get(reverse("delegates:submit", args=[delegation.pk]))
    response = client.post(
        reverse("delegates:submit", args=[delegation.pk]),
        {"title": "Late", "language": "en", "file": files.pdf_upload("Late")},
    )

    assert "The deadline for statements was" in _page(form)
    assert "The deadline for written statements was" in _page(response)
    assert Statement.objects.count() == 0


def test_statement_page_replace_and_add_language(client, delegation, member):
    statement = submit(delegation, member, title="Bilingual")
    url = reverse("delegates:add_file", args=[statement.pk])

    client.post(url, {"language": "en", "file": files.pdf_upload("Second English")})
    response = client.post(
        url, {"language": "fr", "file": files.odt_upload("Texte français")}, follow=True
    )

    page = _page(response)
    assert "The file was added as a new version." in page
    assert page.count("(replaced)") == 1
    assert "English" in page and "French" in page
    assert StatementFile.objects.count() == 3


def test_statement_page_same_file_again_noticed(client, delegation, member):
    data = files.text_pdf("Once")
    statement = submit(delegation, member, file=files.upload(data, "first.pdf"))

    response = client.post(
        reverse("delegates:add_file", args=[statement.pk]),
        {"language": "en", "file": files.upload(data, "again.pdf")},
    )

    assert "This file is the same as “first.pdf”" in _page(response)
    assert StatementFile.objects.count() == 1


def test_withdraw_needs_confirmation(client, delegation, member):
    statement = submit(delegation, member)
    url = reverse("delegates:withdraw", args=[statement.pk])

    unconfirmed = client.post(url, {"reason": "Oops"})
    statement.refresh_from_db()
    assert (unconfirmed.status_code, statement.status) == (200, Statement.Status.SUBMITTED)

    response = client.post(url, {"reason": "Oops", "confirm": "on"}, follow=True)
    statement.refresh_from_db()
    assert statement.status == Statement.Status.WITHDRAWN
    assert "The statement was withdrawn. Nothing was deleted." in _page(response)
    assert len(stored_files()) == 1
