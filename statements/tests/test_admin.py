"""Staff review in the admin: the queue and its filters, the review page (preview,
publish now, publish at an embargo time, return with a reason), the history."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from agenda.models import AgendaItem, Session
from events.models import Organisation
from events.permissions import staff_permissions
from events.tests.factories import DelegationFactory, OrganisationFactory, StateFactory
from statements.models import Statement

from . import files
from .helpers import delegate, open_event, run_jobs, staff_with_totp, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff, _secret = staff_with_totp(email="reviewer@example.org")
    client.force_login(staff)
    client.user = staff
    return client


@pytest.fixture
def statement():
    delegation = DelegationFactory(
        event=open_event(),
        organisation=OrganisationFactory(
            name_en="Test Network", kind=Organisation.Kind.CIVIL_SOCIETY
        ),
    )
    member = delegate(delegation, email="focal@example.org")
    found = submit(
        delegation,
        member,
        title="Statement under review",
        file=files.docx_upload("The statement's own words", tracked_changes=True),
    )
    run_jobs("statements.extract_text")
    return found


def _review_url(statement):
    return reverse("admin:statements_statement_review", args=[statement.pk])


def test_staff_group_holds_the_review_permissions():
    assert {
        ("statements", "view_statement"),
        ("statements", "change_statement"),
        ("statements", "view_delegaterequest"),
        ("statements", "change_delegaterequest"),
    } <= staff_permissions()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?status__exact=submitted",
        "?delegation__organisation__kind__exact=civil_society",
        "?language=en",
        "?flagged=yes",
        "?q=review",
    ],
)
def test_review_queue_filters(staff_client, statement, query):
    submit(
        DelegationFactory(event=statement.event, organisation=StateFactory(iso_code="FR")),
        title="Other statement",
        language="fr",
    )

    response = staff_client.get(reverse("admin:statements_statement_changelist") + query)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Statement under review" in page
    assert ("Other statement" in page) == (query in ("", "?status__exact=submitted"))


def test_review_queue_filter_by_agenda_item(staff_client, statement):
    session = Session.objects.create(
        event=statement.event,
        title="Segment",
        date=statement.event.start_date,
        start_time=datetime.time(10),
        end_time=datetime.time(11),
    )
    item = AgendaItem.objects.create(session=session, title="Item")
    Statement.objects.filter(pk=statement.pk).update(agenda_item=item, session=session)

    response = staff_client.get(
        reverse("admin:statements_statement_changelist") + f"?agenda_item__id__exact={item.pk}"
    )

    assert "Statement under review" in response.content.decode()


def test_statement_change_page_shows_files_history_and_review_link(staff_client, statement):
    response = staff_client.get(reverse("admin:statements_statement_change", args=[statement.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert _review_url(statement) in page
    assert "tracked changes" in page
    assert "<strong>Submitted</strong> (Test Delegate" in page


def test_review_page_previews_the_file_and_its_flags(staff_client, statement):
    response = staff_client.get(_review_url(statement))

    page = response.content.decode()
    stored = statement.language_versions.get().current_file
    assert "The statement&#x27;s own words" in page
    assert "Check before publishing – the file contains: tracked changes" in page
    assert f"/files/statement-file/{stored.pk}/en.docx" in page
    file_response = staff_client.get(f"/files/statement-file/{stored.pk}/en.docx")
    assert b"".join(file_response.streaming_content) == stored.file.open("rb").read()
    stored.file.close()


def test_review_publish_now(staff_client, statement):
    response = staff_client.post(_review_url(statement), {"action": "publish"})

    statement.refresh_from_db()
    assert response.status_code == 302
    assert statement.status == Statement.Status.PUBLISHED
    assert statement.log.last().actor == staff_client.user


def test_review_publish_at_an_embargo_time_in_the_event_zone(staff_client, statement):
    local = (timezone.now() + datetime.timedelta(days=2)).astimezone(statement.event.tzinfo)

    staff_client.post(
        _review_url(statement),
        {"action": "schedule", "schedule-publish_at": local.strftime("%Y-%m-%dT%H:%M")},
    )

    statement.refresh_from_db()
    assert statement.status == Statement.Status.SCHEDULED
    assert statement.embargo_until == local.replace(second=0, microsecond=0)


def test_review_publish_at_a_past_time_refused(staff_client, statement):
    response = staff_client.post(
        _review_url(statement),
        {"action": "schedule", "schedule-publish_at": "2016-11-01T09:00"},
    )

    statement.refresh_from_db()
    assert statement.status == Statement.Status.SUBMITTED
    assert "Choose a time in the future" in response.content.decode()


def test_review_return_with_a_reason_tells_the_delegation(staff_client, statement):
    run_jobs()
    mail.outbox.clear()

    staff_client.post(
        _review_url(statement), {"action": "return", "return-reason": "Please remove the comments."}
    )

    statement.refresh_from_db()
    assert (statement.status, statement.return_reason) == (
        Statement.Status.RETURNED,
        "Please remove the comments.",
    )
    run_jobs()
    [notice] = mail.outbox
    assert notice.to == ["focal@example.org"]
    assert "Please remove the comments." in notice.body
    page = staff_client.get(_review_url(statement)).content.decode()
    assert "Returned to the delegation</strong> (" in page
    assert "“Please remove the comments.”" in page


def test_review_return_without_a_reason_refused(staff_client, statement):
    response = staff_client.post(_review_url(statement), {"action": "return", "return-reason": ""})

    statement.refresh_from_db()
    assert statement.status == Statement.Status.SUBMITTED
    assert "This field is required." in response.content.decode()


def test_publish_now_action_for_several(staff_client, statement):
    other = submit(DelegationFactory(event=statement.event), title="Another")

    staff_client.post(
        reverse("admin:statements_statement_changelist"),
        {"action": "publish_now", "_selected_action": [statement.pk, other.pk]},
    )

    assert set(Statement.objects.values_list("status", flat=True)) == {"published"}


def test_statements_cannot_be_added_or_deleted_in_admin(staff_client, statement):
    assert staff_client.get(reverse("admin:statements_statement_add")).status_code == 403
    assert (
        staff_client.get(
            reverse("admin:statements_statement_delete", args=[statement.pk])
        ).status_code
        == 403
    )
