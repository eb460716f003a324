"""Submission, language versions, replacements, withdrawal, review, the deadline and
its extension, embargoes, mail and the audit trail."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events.models import Job, Membership
from events.tests.factories import DelegationFactory, StateFactory, cted_staff_user
from statements import selectors, services, tasks
from statements.models import Statement, StatementFile, StatementLogEntry

from . import files
from .helpers import delegate, open_event, run_jobs, stored_files, submit

pytestmark = pytest.mark.django_db

Status = Statement.Status
Action = StatementLogEntry.Action


@pytest.fixture
def delegation():
    event = open_event(
        statement_deadline=datetime.datetime(2016, 11, 28, 23, 0, tzinfo=datetime.UTC)
    )
    return DelegationFactory(
        event=event,
        organisation=StateFactory(iso_code="NO"),
        deadline_extended_until=timezone.now() + datetime.timedelta(days=1),
    )


@pytest.fixture
def focal_point(delegation):
    return delegate(delegation, email="focal.point@example.org")


def _history(statement):
    return [
        (e.action, e.from_status, e.to_status, e.actor.email if e.actor else None, e.reason)
        for e in selectors.statement_history(statement=statement)
    ]


# --- Deadline -------------------------------------------------------------------------


def test_statement_submit_after_the_deadline_refused_with_zone_and_offset():
    event = open_event(
        statement_deadline=datetime.datetime(2016, 11, 28, 23, 0, tzinfo=datetime.UTC)
    )
    delegation = DelegationFactory(event=event)
    user = delegate(delegation)

    with pytest.raises(ValidationError) as excinfo:
        submit(delegation, user)

    assert excinfo.value.code == "deadline_passed"
    assert excinfo.value.messages == [
        "The deadline for written statements was 28 November 2016, 18:00 "
        "(Eastern Time, America/New_York, UTC−05:00), so this file was not accepted. "
        "If your delegation needs more time, ask CTED for an extension."
    ]
    assert (Statement.objects.count(), stored_files()) == (0, [])


def test_statement_submit_after_the_deadline_accepted_with_an_extension(delegation, focal_point):
    statement = submit(delegation, focal_point)

    assert statement.status == Status.SUBMITTED
    assert (
        selectors.submission_deadline(delegation=delegation) == delegation.deadline_extended_until
    )


def test_statement_submit_extension_of_another_delegation_does_not_count(delegation):
    other = DelegationFactory(event=delegation.event)

    with pytest.raises(ValidationError):
        submit(other, delegate(other))


def test_statement_submit_exactly_at_the_deadline_accepted():
    deadline = timezone.now() + datetime.timedelta(hours=1)
    delegation = DelegationFactory(event=open_event(statement_deadline=deadline))

    statement = submit(delegation, now=deadline)

    assert statement.submitted_at == deadline


def test_statement_submit_no_deadline_accepted():
    delegation = DelegationFactory(event=open_event(statement_deadline=None))

    assert submit(delegation).status == Status.SUBMITTED


def test_statement_version_add_after_the_deadline_refused(delegation, focal_point):
    statement = submit(delegation, focal_point)
    delegation.deadline_extended_until = timezone.now() - datetime.timedelta(minutes=1)
    delegation.save()

    with pytest.raises(ValidationError) as excinfo:
        services.statement_version_add(
            statement=statement,
            user=focal_point,
            language="fr",
            uploaded_file=files.pdf_upload("x"),
        )

    assert excinfo.value.code == "deadline_passed"
    assert statement.language_versions.count() == 1


# --- Who may submit -------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [Membership.Status.PENDING, Membership.Status.DECLINED], ids=["pending", "declined"]
)
def test_statement_submit_member_not_approved_refused(delegation, status):
    user = delegate(delegation, status=status)

    with pytest.raises(PermissionDenied):
        submit(delegation, user)
    assert stored_files() == []


def test_statement_submit_member_of_another_delegation_refused(delegation):
    other = DelegationFactory(event=delegation.event)

    with pytest.raises(PermissionDenied):
        submit(delegation, delegate(other))


def test_statement_submit_plain_member_may_submit(delegation):
    member = delegate(delegation, role=Membership.Role.MEMBER)

    assert submit(delegation, member).submitted_by == member


# --- Submission, language versions, replacements --------------------------------------


def test_statement_submit_records_everything(delegation, focal_point):
    data = files.docx_bytes("Texte de la déclaration", pages=3)

    statement = submit(
        delegation,
        focal_point,
        title="  Déclaration   écrite ",
        language="fr",
        file=files.upload(data, "declaration.docx"),
        delivered_by="SAMPLE Ambassador",
        check_against_delivery=True,
    )

    version = statement.language_versions.get()
    stored = version.current_file
    assert (statement.title, statement.status, statement.event, statement.delivered_by) == (
        "Déclaration écrite",
        Status.SUBMITTED,
        delegation.event,
        "SAMPLE Ambassador",
    )
    assert statement.check_against_delivery is True
    assert (version.language, version.search_config) == ("fr", "french")
    assert (stored.extension, stored.page_count, stored.original_name, stored.created_by) == (
        "docx",
        3,
        "declaration.docx",
        focal_point,
    )
    assert _history(statement) == [
        (Action.SUBMITTED, "", Status.SUBMITTED, "focal.point@example.org", "")
    ]
    assert sorted(Job.objects.values_list("task", flat=True)) == [
        "events.send_mail",
        "statements.extract_text",
        "statements.send_staff_digest",
    ]


def test_statement_version_add_new_language_is_a_language_version(delegation, focal_point):
    statement = submit(delegation, focal_point, language="en")

    services.statement_version_add(
        statement=statement,
        user=focal_point,
        language="fr",
        uploaded_file=files.odt_upload("Texte"),
    )

    assert sorted(statement.language_versions.values_list("language", flat=True)) == ["en", "fr"]
    assert StatementFile.objects.count() == 2


def test_statement_version_add_replacement_keeps_every_file(delegation, focal_point):
    first = files.text_pdf("First text")
    second = files.text_pdf("Second text")
    statement = submit(delegation, focal_point, file=files.upload(first))
    version = statement.language_versions.get()
    original = version.current_file

    replacement = services.statement_version_add(
        statement=statement, user=focal_point, language="en", uploaded_file=files.upload(second)
    )

    version.refresh_from_db()
    assert version.current_file == replacement
    assert list(version.files.values_list("pk", flat=True)) == [replacement.pk, original.pk]
    with original.file.open("rb") as handle:
        assert handle.read() == first
    with replacement.file.open("rb") as handle:
        assert handle.read() == second
    assert [e[0] for e in _history(statement)] == [Action.SUBMITTED, Action.FILE_ADDED]


def test_statement_version_add_same_file_twice_noticed(delegation, focal_point):
    data = files.text_pdf("Same text")
    statement = submit(delegation, focal_point, file=files.upload(data, "one.pdf"))

    with pytest.raises(ValidationError) as excinfo:
        services.statement_version_add(
            statement=statement,
            user=focal_point,
            language="en",
            uploaded_file=files.upload(data, "two.pdf"),
        )

    assert excinfo.value.code == "duplicate"
    assert excinfo.value.messages[0].startswith("This file is the same as “one.pdf”, uploaded on ")
    assert StatementFile.objects.count() == 1
    assert len(stored_files()) == 1


def test_statement_version_add_same_file_for_another_language_accepted(delegation, focal_point):
    data = files.text_pdf("Bilingual text")
    statement = submit(delegation, focal_point, file=files.upload(data))

    services.statement_version_add(
        statement=statement, user=focal_point, language="fr", uploaded_file=files.upload(data)
    )

    assert StatementFile.objects.count() == 2


def test_statement_file_is_immutable(delegation, focal_point):
    stored = submit(delegation, focal_point).language_versions.get().current_file
    stored.sha256 = "0" * 64

    with pytest.raises(ValidationError):
        stored.save()


def test_statement_version_add_to_a_published_statement_refused(delegation, focal_point):
    statement = submit(delegation, focal_point)
    services.statement_publish(statement=statement, user=cted_staff_user())

    with pytest.raises(ValidationError) as excinfo:
        services.statement_version_add(
            statement=statement,
            user=focal_point,
            language="fr",
            uploaded_file=files.pdf_upload("x"),
        )

    assert excinfo.value.code == "closed"


# --- Withdraw ---------------------------------------------------------------------------


def test_statement_withdraw_sets_status_and_deletes_nothing(delegation, focal_point):
    statement = submit(delegation, focal_point)
    services.statement_publish(statement=statement, user=cted_staff_user())
    files_before = stored_files()

    services.statement_withdraw(statement=statement, user=focal_point, reason="Sent by mistake")

    statement.refresh_from_db()
    assert statement.status == Status.WITHDRAWN
    assert stored_files() == files_before
    assert StatementFile.objects.count() == 1
    assert list(selectors.published_statements(event=delegation.event)) == []
    assert _history(statement)[-1] == (
        Action.WITHDRAWN,
        Status.PUBLISHED,
        Status.WITHDRAWN,
        "focal.point@example.org",
        "Sent by mistake",
    )


def test_statement_withdraw_by_another_delegation_refused(delegation, focal_point):
    statement = submit(delegation, focal_point)
    other = DelegationFactory(event=delegation.event)

    with pytest.raises(PermissionDenied):
        services.statement_withdraw(statement=statement, user=delegate(other))


# --- Review: publish, schedule, return ---------------------------------------------------


def test_statement_publish_now(delegation, focal_point):
    staff = cted_staff_user(email="reviewer@example.org")
    statement = submit(delegation, focal_point)

    services.statement_publish(statement=statement, user=staff)

    statement.refresh_from_db()
    assert statement.status == Status.PUBLISHED
    assert list(selectors.published_statements(event=delegation.event)) == [statement]
    assert _history(statement)[-1] == (
        Action.PUBLISHED,
        Status.SUBMITTED,
        Status.PUBLISHED,
        "reviewer@example.org",
        "",
    )


def test_statement_publish_at_embargo_published_by_the_periodic_task(delegation, focal_point):
    staff = cted_staff_user()
    statement = submit(delegation, focal_point)
    embargo = timezone.now() + datetime.timedelta(hours=2)

    services.statement_publish(statement=statement, user=staff, at=embargo)

    statement.refresh_from_db()
    assert (statement.status, statement.embargo_until) == (Status.SCHEDULED, embargo)
    assert list(selectors.published_statements(event=delegation.event)) == []
    assert tasks.publish_due() == 0  # not yet

    Statement.objects.filter(pk=statement.pk).update(
        embargo_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert tasks.publish_due() == 1
    assert tasks.publish_due() == 0  # idempotent

    statement.refresh_from_db()
    assert statement.status == Status.PUBLISHED
    assert statement.published_at == statement.embargo_until
    assert list(selectors.published_statements(event=delegation.event)) == [statement]
    assert [(e[0], e[3]) for e in _history(statement)] == [
        (Action.SUBMITTED, "focal.point@example.org"),
        (Action.SCHEDULED, staff.email),
        (Action.PUBLISHED, None),
    ]


def test_statement_return_requires_a_reason(delegation, focal_point):
    statement = submit(delegation, focal_point)

    with pytest.raises(ValidationError) as excinfo:
        services.statement_return(statement=statement, user=cted_staff_user(), reason="  ")

    assert list(excinfo.value.message_dict) == ["reason"]


def test_statement_return_then_resubmit(delegation, focal_point):
    staff = cted_staff_user(email="reviewer@example.org")
    statement = submit(delegation, focal_point)
    services.statement_publish(statement=statement, user=staff)

    services.statement_return(statement=statement, user=staff, reason="Please remove page 3.")
    statement.refresh_from_db()
    assert (statement.status, statement.return_reason, statement.published_at) == (
        Status.RETURNED,
        "Please remove page 3.",
        None,
    )
    assert list(selectors.published_statements(event=delegation.event)) == []

    services.statement_version_add(
        statement=statement,
        user=focal_point,
        language="en",
        uploaded_file=files.pdf_upload("Fixed"),
    )
    statement.refresh_from_db()
    assert statement.status == Status.SUBMITTED
    assert _history(statement) == [
        (Action.SUBMITTED, "", Status.SUBMITTED, "focal.point@example.org", ""),
        (Action.PUBLISHED, Status.SUBMITTED, Status.PUBLISHED, "reviewer@example.org", ""),
        (
            Action.RETURNED,
            Status.PUBLISHED,
            Status.RETURNED,
            "reviewer@example.org",
            "Please remove page 3.",
        ),
        (Action.RESUBMITTED, Status.RETURNED, Status.SUBMITTED, "focal.point@example.org", ""),
    ]


def test_statement_publish_withdrawn_refused(delegation, focal_point):
    statement = submit(delegation, focal_point)
    services.statement_withdraw(statement=statement, user=focal_point)

    with pytest.raises(ValidationError):
        services.statement_publish(statement=statement, user=cted_staff_user())


# --- Mail -------------------------------------------------------------------------------


def test_statement_submit_receipt_to_every_focal_point_and_the_submitter(delegation, settings):
    settings.CTED_NOTIFY_EMAIL = "cted@example.org"
    first = delegate(delegation, email="first.focal@example.org")
    delegate(delegation, email="second.focal@example.org")
    member = delegate(delegation, role=Membership.Role.MEMBER, email="member@example.org")
    delegate(delegation, email="pending@example.org", status=Membership.Status.PENDING)
    delegate(DelegationFactory(event=delegation.event), email="other@example.org")

    statement = submit(delegation, member, title="Our statement")
    run_jobs()

    receipts = [m for m in mail.outbox if "Receipt" in m.subject]
    assert sorted(m.to[0] for m in receipts) == [
        "first.focal@example.org",
        "member@example.org",
        "second.focal@example.org",
    ]
    assert receipts[0].subject == "[Special Meeting] Receipt: written statement “Our statement”"
    stored = statement.language_versions.get().current_file
    assert stored.sha256 in receipts[0].body
    assert f"/my-delegation/statements/{statement.pk}/" in receipts[0].body
    [digest] = [m for m in mail.outbox if m.to == ["cted@example.org"]]
    assert digest.subject == "[Special Meeting] Written statements: 1 new submission or change"
    assert "Our statement" in digest.body
    assert f"/admin/statements/statement/{statement.pk}/change/" in digest.body
    assert first.email not in digest.to


def test_staff_digest_one_message_for_several_submissions(delegation, focal_point, settings):
    settings.CTED_NOTIFY_EMAIL = "cted@example.org"
    submit(delegation, focal_point, title="First")
    submit(delegation, focal_point, title="Second")

    assert Job.objects.filter(task="statements.send_staff_digest").count() == 1
    run_jobs()
    [digest] = [m for m in mail.outbox if m.to == ["cted@example.org"]]
    assert "2 new submissions or changes" in digest.subject
    assert ("First" in digest.body, "Second" in digest.body) == (True, True)
    assert services.staff_digest_send() == 0  # nothing left to report


def test_statement_publish_and_return_tell_the_delegation(delegation, focal_point):
    staff = cted_staff_user()
    statement = submit(delegation, focal_point, title="Our statement")
    run_jobs()
    mail.outbox.clear()

    services.statement_publish(statement=statement, user=staff)
    services.statement_return(statement=statement, user=staff, reason="Wrong file attached.")
    run_jobs()

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["focal.point@example.org"],
            "[Special Meeting] Published: written statement “Our statement”",
        ),
        (
            ["focal.point@example.org"],
            "[Special Meeting] Returned: written statement “Our statement”",
        ),
    ]
    assert f"/events/{delegation.event.slug}/statements/{statement.pk}/" in mail.outbox[0].body
    assert "Wrong file attached." in mail.outbox[1].body


def test_mail_is_queued_in_the_outbox_not_sent_in_the_request(delegation, focal_point):
    submit(delegation, focal_point)

    assert mail.outbox == []
    assert Job.objects.filter(task="events.send_mail", status=Job.Status.PENDING).count() == 1


# --- Text extraction --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (files.pdf_upload("Freedom of expression online"), "freedom of expression online"),
        (files.docx_upload("Свобода выражения мнений"), "свобода выражения мнении"),
        (files.odt_upload("La sécurité des réseaux"), "la securite des reseaux"),
    ],
    ids=["pdf", "docx", "odt"],
)
def test_statement_file_extract_text_makes_the_version_searchable(upload, expected):
    # Search text is folded: case, accents and diacritics (й is и + breve) go.
    statement = submit(file=upload, title="Title")

    [job] = run_jobs("statements.extract_text")

    stored = statement.language_versions.get().current_file
    stored.refresh_from_db()
    assert (job.status, stored.text_status) == (Job.Status.DONE, StatementFile.TextStatus.DONE)
    assert expected in statement.language_versions.get().search_text


def test_statement_file_extract_text_failure_recorded_and_publication_unaffected(
    delegation, focal_point
):
    statement = submit(delegation, focal_point)
    stored = statement.language_versions.get().current_file
    # The stored bytes are damaged after the check (a storage fault, say).
    with open(stored.file.path, "wb") as handle:
        handle.write(b"%PDF-1.4 garbage")

    [job] = run_jobs("statements.extract_text")

    stored.refresh_from_db()
    assert (job.status, stored.text_status) == (Job.Status.DONE, StatementFile.TextStatus.FAILED)
    assert stored.text_error.startswith("unreadable_pdf")
    services.statement_publish(statement=statement, user=cted_staff_user())
    assert list(selectors.published_statements(event=delegation.event)) == [statement]


def test_statement_file_extract_text_idempotent(delegation, focal_point):
    statement = submit(delegation, focal_point)
    run_jobs("statements.extract_text")
    stored = statement.language_versions.get().current_file

    again = services.statement_file_extract_text(file_id=stored.pk)

    assert again.text_status == StatementFile.TextStatus.DONE
