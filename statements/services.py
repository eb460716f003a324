"""Writes for written statements. Views, the admin and tasks call these.

Each service checks its rules, calls ``full_clean()`` before ``save()``, records what
it did in the statement's history (who, when, why) and queues mail and background
work through the outbox in the same transaction. A refused upload leaves nothing
behind: the file is checked before any row is written, and a stored file is deleted
again if its row does not make it.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events import outbox
from events.mail import enqueue_mail
from events.models import Delegation
from events.templatetags.site import in_event_zone
from events.uploads import (
    DOCX,
    ODT,
    PDF,
    DeleteStoredOnError,
    UploadCheckError,
    extract_text,
    inspect_upload,
    save_upload_with_row,
)

from . import search, selectors
from .models import (
    SEARCH_CONFIGS,
    LanguageVersion,
    Statement,
    StatementFile,
    StatementLogEntry,
)

logger = logging.getLogger(__name__)

ACCEPTED_TYPES = (PDF, DOCX, ODT)
STAFF_DIGEST_KEY = "statements.staff_digest"
STAFF_DIGEST_DELAY = datetime.timedelta(minutes=5)

Status = Statement.Status
Action = StatementLogEntry.Action


# --- Rules shared by the services ------------------------------------------------------


def _require_member(*, user, delegation: Delegation) -> None:
    if not selectors.is_approved_member(user=user, delegation_id=delegation.pk):
        raise PermissionDenied(_("You do not act for this delegation."))


def _require_open(*, delegation: Delegation, now: datetime.datetime) -> None:
    """Refuse a submission after the deadline (the delegation's extension counts)."""
    deadline = selectors.submission_deadline(delegation=delegation)
    if deadline is not None and now > deadline:
        raise ValidationError(
            _(
                "The deadline for written statements was %(deadline)s, so this file was "
                "not accepted. If your delegation needs more time, ask CTED for an "
                "extension."
            ),
            params={"deadline": in_event_zone(deadline, delegation.event)},
            code="deadline_passed",
        )


def _log(
    *,
    statement: Statement,
    action: str,
    from_status: str,
    actor=None,
    reason: str = "",
    file: StatementFile | None = None,
    at: datetime.datetime | None = None,
) -> StatementLogEntry:
    entry = StatementLogEntry(
        statement=statement,
        action=action,
        from_status=from_status,
        to_status=statement.status,
        actor=actor,
        reason=reason,
        file=file,
        created_at=at or timezone.now(),
    )
    entry.full_clean()
    entry.save()
    return entry


def _statement_mail_context(statement: Statement) -> dict:
    event = statement.event
    return {
        "statement_title": statement.title,
        "organisation": statement.delegation.organisation.name,
        "event_title": event.title,
        "statement_path": reverse("delegates:statement", args=[statement.pk]),
        "status": str(statement.get_status_display()),
    }


def _delegation_recipients(statement: Statement) -> list[str]:
    """Who hears about their statement: every focal point, and whoever submitted it."""
    recipients = selectors.focal_point_emails(delegation=statement.delegation)
    if statement.submitted_by_id and statement.submitted_by.is_active:
        recipients.append(statement.submitted_by.email)
    return list(dict.fromkeys(recipients))


def _after_file_added(*, statement: Statement, file: StatementFile, action: str) -> None:
    """Text extraction, a receipt to every focal point, the staff digest."""
    outbox.enqueue("statements.extract_text", file_id=file.pk)
    version = file.language_version
    context = {
        **_statement_mail_context(statement),
        "action": str(Action(action).label),
        "language": str(version.get_language_display()),
        "file_name": file.original_name,
        "file_size": file.size,
        "file_type": file.extension.upper(),
        "page_count": file.page_count,
        "sha256": file.sha256,
        "received_at": in_event_zone(file.created_at, statement.event),
    }
    recipients = selectors.focal_point_emails(delegation=statement.delegation)
    if file.created_by_id:
        recipients.append(file.created_by.email)
    enqueue_mail(to=recipients, template="statements/mail/receipt", context=context)
    schedule_staff_digest()


def schedule_staff_digest() -> None:
    """One digest to CTED for the submissions of the next few minutes."""
    outbox.enqueue(
        "statements.send_staff_digest", dedupe_key=STAFF_DIGEST_KEY, delay=STAFF_DIGEST_DELAY
    )


def _store_file(*, version: LanguageVersion, uploaded_file, inspected, user) -> StatementFile:
    """Store the checked file under a name the server makes, with its row.

    If storing fails, what was written of the file is deleted; storage that is full
    (ENOSPC, or a quota) is a ValidationError with a clear message, and the caller's
    transaction rolls back.
    """
    stored = StatementFile(
        language_version=version,
        original_name=(getattr(uploaded_file, "name", "") or "")[-255:],
        content_type=inspected.content_type,
        extension=inspected.extension,
        size=inspected.size,
        sha256=inspected.sha256,
        page_count=inspected.page_count,
        flags=list(inspected.flags),
        created_by=user,
    )
    return save_upload_with_row(stored, uploaded_file, filename=f"upload.{inspected.extension}")


def _refresh_search_text(version: LanguageVersion) -> None:
    """The version's search text: the statement's title and its current file's text."""
    text = version.current_file.text if version.current_file_id else ""
    version.search_text = search.normalize(f"{version.statement.title}\n{text}")
    version.search_config = SEARCH_CONFIGS.get(version.language, "simple")
    version.save(update_fields=["search_text", "search_config"])


# --- Delegations: submit, add or replace files, withdraw -------------------------------


@transaction.atomic
def statement_submit(
    *,
    delegation: Delegation,
    user,
    title: str,
    language: str,
    uploaded_file,
    session=None,
    agenda_item=None,
    delivered_by: str = "",
    check_against_delivery: bool = False,
    now: datetime.datetime | None = None,
) -> Statement:
    """Submit a new written statement for ``delegation`` with its first file.

    The user must be an approved member, the deadline (or the delegation's extension)
    not passed, and the file a PDF, DOCX or ODT that passes the upload check. Every
    focal point gets a receipt; CTED staff get a digest; the worker extracts the text.
    """
    now = now or timezone.now()
    _require_member(user=user, delegation=delegation)
    _require_open(delegation=delegation, now=now)
    if agenda_item is not None and session is None:
        session = agenda_item.session
    statement = Statement(
        event=delegation.event,
        delegation=delegation,
        session=session,
        agenda_item=agenda_item,
        title=" ".join((title or "").split()),
        delivered_by=" ".join((delivered_by or "").split()),
        check_against_delivery=check_against_delivery,
        status=Status.SUBMITTED,
        submitted_by=user,
        submitted_at=now,
    )
    statement.full_clean()
    version = LanguageVersion(statement=statement, language=language, created_at=now)
    version.full_clean(exclude=["statement"])
    inspected = inspect_upload(uploaded_file, allowed=ACCEPTED_TYPES)  # before any row
    with DeleteStoredOnError() as cleanup:
        statement.save()
        version.statement = statement
        version.save()
        stored = _store_file(
            version=version, uploaded_file=uploaded_file, inspected=inspected, user=user
        )
        cleanup.add(stored)
        version.current_file = stored
        version.save(update_fields=["current_file"])
        _refresh_search_text(version)
        _log(
            statement=statement,
            action=Action.SUBMITTED,
            from_status="",
            actor=user,
            file=stored,
            at=now,
        )
        _after_file_added(statement=statement, file=stored, action=Action.SUBMITTED)
    return statement


@transaction.atomic
def statement_version_add(
    *,
    statement: Statement,
    user,
    language: str,
    uploaded_file,
    now: datetime.datetime | None = None,
) -> StatementFile:
    """Add a file to ``statement`` in ``language``: a new language version, or a
    replacement that becomes the version's newest, immutable file (earlier files stay).

    Only while the statement is submitted or returned (a returned statement is
    resubmitted by this) and before the deadline. The same file twice for the same
    language is refused.
    """
    now = now or timezone.now()
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    _require_member(user=user, delegation=statement.delegation)
    if statement.status not in Statement.OPEN_STATUSES:
        raise ValidationError(
            _(
                "This statement is “%(status)s”, so its files can no longer be changed. "
                "Contact CTED if it needs a correction."
            ),
            params={"status": statement.get_status_display()},
            code="closed",
        )
    _require_open(delegation=statement.delegation, now=now)
    version = statement.language_versions.filter(language=language).first()
    if version is None:
        version = LanguageVersion(statement=statement, language=language, created_at=now)
        version.full_clean()
    inspected = inspect_upload(uploaded_file, allowed=ACCEPTED_TYPES)
    if version.pk:
        same = version.files.filter(sha256=inspected.sha256).first()
        if same is not None:
            raise ValidationError(
                _(
                    "This file is the same as “%(name)s”, uploaded on %(date)s for this "
                    "language: nothing was changed."
                ),
                params={
                    "name": same.original_name,
                    "date": in_event_zone(same.created_at, statement.event),
                },
                code="duplicate",
            )
    with DeleteStoredOnError() as cleanup:
        version.save()
        stored = _store_file(
            version=version, uploaded_file=uploaded_file, inspected=inspected, user=user
        )
        cleanup.add(stored)
        version.current_file = stored
        version.save(update_fields=["current_file"])
        _refresh_search_text(version)
        from_status = statement.status
        action = Action.FILE_ADDED
        if statement.status == Status.RETURNED:
            statement.status = Status.SUBMITTED
            statement.full_clean()
            statement.save(update_fields=["status", "updated_at"])
            action = Action.RESUBMITTED
        _log(
            statement=statement,
            action=action,
            from_status=from_status,
            actor=user,
            file=stored,
            at=now,
        )
        _after_file_added(statement=statement, file=stored, action=action)
    return stored


@transaction.atomic
def statement_withdraw(*, statement: Statement, user, reason: str = "") -> Statement:
    """Withdraw ``statement`` (at any time, published or not). Nothing is deleted: the
    status changes, the public no longer sees it, and every file stays."""
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    _require_member(user=user, delegation=statement.delegation)
    if statement.status == Status.WITHDRAWN:
        raise ValidationError(_("This statement is withdrawn already."), code="withdrawn")
    from_status = statement.status
    statement.status = Status.WITHDRAWN
    statement.embargo_until = None
    statement.full_clean()
    statement.save(update_fields=["status", "embargo_until", "updated_at"])
    _log(
        statement=statement,
        action=Action.WITHDRAWN,
        from_status=from_status,
        actor=user,
        reason=(reason or "").strip(),
    )
    schedule_staff_digest()
    return statement


# --- CTED staff: publish, schedule, return ---------------------------------------------


def _publish(*, statement: Statement, actor, at: datetime.datetime) -> Statement:
    from_status = statement.status
    statement.status = Status.PUBLISHED
    statement.published_at = at
    statement.return_reason = ""
    statement.full_clean()
    statement.save(update_fields=["status", "published_at", "return_reason", "updated_at"])
    _log(statement=statement, action=Action.PUBLISHED, from_status=from_status, actor=actor)
    context = {
        **_statement_mail_context(statement),
        "public_path": reverse(
            "statements:detail", kwargs={"slug": statement.event.slug, "pk": statement.pk}
        ),
        "published_at": in_event_zone(at, statement.event),
    }
    enqueue_mail(
        to=_delegation_recipients(statement),
        template="statements/mail/published",
        context=context,
        language=settings.LANGUAGE_CODE,
    )
    return statement


@transaction.atomic
def statement_publish(
    *,
    statement: Statement,
    user,
    at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> Statement:
    """Publish a submitted statement now, or, with ``at`` in the future, schedule it:
    the periodic task ``statements.publish_due`` publishes it when the time comes."""
    now = now or timezone.now()
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.status not in (Status.SUBMITTED, Status.SCHEDULED):
        raise ValidationError(
            _(
                "Only a submitted or scheduled statement can be published "
                "(this one is “%(status)s”)."
            ),
            params={"status": statement.get_status_display()},
            code="not_submitted",
        )
    if at is not None and at > now:
        from_status = statement.status
        statement.status = Status.SCHEDULED
        statement.embargo_until = at
        statement.full_clean()
        statement.save(update_fields=["status", "embargo_until", "updated_at"])
        _log(
            statement=statement,
            action=Action.SCHEDULED,
            from_status=from_status,
            actor=user,
            reason=_("To be published at %(time)s.") % {"time": in_event_zone(at, statement.event)},
        )
        return statement
    return _publish(statement=statement, actor=user, at=now)


@transaction.atomic
def statement_return(*, statement: Statement, user, reason: str) -> Statement:
    """Return ``statement`` to its delegation with a reason (it leaves the public site
    if it was published); the delegation is told by mail and may resubmit."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the statement is returned: the delegation is told.")}
        )
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    if statement.status not in (Status.SUBMITTED, Status.SCHEDULED, Status.PUBLISHED):
        raise ValidationError(
            _("This statement is “%(status)s”: it cannot be returned."),
            params={"status": statement.get_status_display()},
            code="not_returnable",
        )
    from_status = statement.status
    statement.status = Status.RETURNED
    statement.return_reason = reason
    statement.embargo_until = None
    statement.published_at = None
    statement.full_clean()
    statement.save(
        update_fields=["status", "return_reason", "embargo_until", "published_at", "updated_at"]
    )
    _log(
        statement=statement,
        action=Action.RETURNED,
        from_status=from_status,
        actor=user,
        reason=reason,
    )
    enqueue_mail(
        to=_delegation_recipients(statement),
        template="statements/mail/returned",
        context={**_statement_mail_context(statement), "reason": reason},
        language=settings.LANGUAGE_CODE,
    )
    return statement


def statements_publish_due(*, now: datetime.datetime | None = None) -> int:
    """Publish every scheduled statement whose time has come (the periodic task).

    Idempotent: each statement is re-read under a lock and published only if it is
    still scheduled, so two runs at once publish it once. Returns how many.
    """
    now = now or timezone.now()
    due = Statement.objects.filter(status=Status.SCHEDULED, embargo_until__lte=now)
    published = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            statement = (
                Statement.objects.select_for_update()
                .filter(pk=pk, status=Status.SCHEDULED, embargo_until__lte=now)
                .first()
            )
            if statement is None:
                continue
            _publish(statement=statement, actor=None, at=statement.embargo_until)
            published += 1
    return published


# --- The worker: text extraction, the staff digest -------------------------------------


def statement_file_extract_text(*, file_id: int) -> StatementFile | None:
    """Extract a file's text for search (idempotent). A file whose text cannot be
    read is marked failed, with the reason for staff; that never blocks publication."""
    stored = (
        StatementFile.objects.select_related("language_version__statement")
        .filter(pk=file_id)
        .first()
    )
    if stored is None or stored.text_status == StatementFile.TextStatus.DONE:
        return stored
    try:
        with stored.file.open("rb") as handle:
            text = extract_text(handle, content_type=stored.content_type)
    except (UploadCheckError, ValueError) as exc:
        logger.warning("text of statement file %s not extracted: %s", stored.pk, exc)
        StatementFile.objects.filter(pk=stored.pk).update(
            text_status=StatementFile.TextStatus.FAILED, text_error=str(exc)[:500]
        )
        stored.refresh_from_db()
        return stored
    # PostgreSQL text cannot hold NUL characters.
    text = text.replace("\x00", "")
    with transaction.atomic():
        StatementFile.objects.filter(pk=stored.pk).update(
            text=text, text_status=StatementFile.TextStatus.DONE, text_error=""
        )
        version = LanguageVersion.objects.select_related("statement", "current_file").get(
            pk=stored.language_version_id
        )
        if version.current_file_id == stored.pk:
            _refresh_search_text(version)
    stored.refresh_from_db()
    return stored


def staff_digest_send(*, now: datetime.datetime | None = None) -> int:
    """Tell CTED staff, in one message, of the submissions, new files and withdrawals
    not yet reported. Returns how many entries it reported (0: nothing sent)."""
    now = now or timezone.now()
    with transaction.atomic():
        entries = list(
            StatementLogEntry.objects.select_for_update(of=("self",))
            .filter(
                staff_notified_at__isnull=True, action__in=StatementLogEntry.STAFF_NOTICE_ACTIONS
            )
            .select_related(
                "statement__delegation__organisation", "statement__event", "actor", "file"
            )
            .order_by("created_at", "pk")
        )
        if not entries:
            return 0
        with translation.override(settings.LANGUAGE_CODE):
            lines = [
                {
                    "when": date_format(timezone.localtime(e.created_at), "j M Y, H:i e"),
                    "action": str(e.get_action_display()),
                    "organisation": e.statement.delegation.organisation.name,
                    "title": e.statement.title,
                    "file": e.file.original_name if e.file else "",
                    "flags": list(e.file.flags) if e.file else [],
                    "admin_path": reverse(
                        "admin:statements_statement_change", args=[e.statement_id]
                    ),
                }
                for e in entries
            ]
        enqueue_mail(
            to=[settings.CTED_NOTIFY_EMAIL],
            template="statements/mail/staff_digest",
            context={"entries": lines, "count": len(lines)},
            language=settings.LANGUAGE_CODE,
        )
        StatementLogEntry.objects.filter(pk__in=[e.pk for e in entries]).update(
            staff_notified_at=now
        )
    return len(entries)
