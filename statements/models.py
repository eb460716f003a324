"""Written statements of delegations: a statement, its language versions, and each
version's immutable files, with the audit trail of everything done to it.

Models hold data and constraints only; rules live in ``services`` (writes) and
``selectors`` (reads: what "published" means is defined there, once).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import ChoiceLabelsMixin, Delegation, Event, ImmutableFileMixin, Membership


class Language(models.TextChoices):
    """The languages a statement may be written in: the six UN languages, or another."""

    ARABIC = "ar", _("Arabic")
    CHINESE = "zh-hans", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")
    OTHER = "other", _("Other language")


# PostgreSQL's text search configuration for each language; Chinese has none (it is
# matched by substring) and neither has "other".
SEARCH_CONFIGS = {
    Language.ARABIC: "arabic",
    Language.ENGLISH: "english",
    Language.FRENCH: "french",
    Language.RUSSIAN: "russian",
    Language.SPANISH: "spanish",
}


class Statement(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned to the delegation")
        SCHEDULED = "scheduled", _("Scheduled for publication")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # While the delegation may still change its files.
    OPEN_STATUSES = (Status.SUBMITTED, Status.RETURNED)

    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="statements", verbose_name=_("event")
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("delegation"),
    )
    session = models.ForeignKey(
        "agenda.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("session"),
    )
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(_("title"), max_length=300)
    delivered_by = models.CharField(
        _("delivered by"),
        max_length=200,
        blank=True,
        help_text=_("The speaker's name and title, if the statement is theirs."),
    )
    check_against_delivery = models.BooleanField(_("check against delivery"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.SUBMITTED, db_index=True
    )
    embargo_until = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        help_text=_("A scheduled statement is published at this time."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("written statement")
        verbose_name_plural = _("written statements")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["event", "status", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(embargo_until__isnull=False),
                name="scheduled_statement_has_embargo",
                violation_error_message=_("A scheduled statement needs a publication time."),
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_statement_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.delegation_id and self.event_id and self.delegation.event_id != self.event_id:
            raise ValidationError(_("The delegation does not take part in this event."))
        if self.agenda_item_id and self.agenda_item.session.event_id != self.event_id:
            raise ValidationError({"agenda_item": _("This agenda item is of another event.")})
        if self.session_id and self.session.event_id != self.event_id:
            raise ValidationError({"session": _("This session is of another event.")})
        if (
            self.agenda_item_id
            and self.session_id
            and self.agenda_item.session_id != self.session_id
        ):
            raise ValidationError({"agenda_item": _("This agenda item is of another session.")})


class LanguageVersion(ChoiceLabelsMixin, models.Model):
    """The statement in one language (the English and French texts of one statement).

    Its files are a series of immutable ``StatementFile`` rows; ``current_file`` is
    the newest. ``search_text`` is derived (the title and the current file's text,
    normalised for search) and rewritten when either changes.
    """

    statement = models.ForeignKey(
        Statement, on_delete=models.PROTECT, related_name="language_versions"
    )
    language = models.CharField(_("language"), max_length=10, choices=Language)
    current_file = models.ForeignKey(
        "StatementFile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current file"),
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    search_config = models.CharField(max_length=20, default="simple", editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["statement", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "language"], name="one_version_per_language"
            )
        ]

    def __str__(self):
        return f"{self.statement} [{self.get_language_display()}]"


def _statement_file_name(instance: StatementFile, filename: str) -> str:
    # The server chooses the name; the extension follows the checked content.
    statement_id = instance.language_version.statement_id
    return f"statements/{statement_id}/{uuid.uuid4().hex}.{instance.extension}"


class StatementFile(ImmutableFileMixin, models.Model):
    """One immutable file of a language version: what was uploaded, checked and stored.

    The content fields are written once (``save`` refuses to change them); the text
    that the worker extracts for search is derived and added later.
    """

    class TextStatus(models.TextChoices):
        PENDING = "pending", _("Waiting for the worker")
        DONE = "done", _("Extracted")
        FAILED = "failed", _("Failed")

    immutable_message = "A statement file is immutable once stored."
    IMMUTABLE_FIELDS = (
        "language_version_id",
        "file",
        "original_name",
        "content_type",
        "extension",
        "size",
        "sha256",
        "page_count",
        "flags",
        "created_by_id",
        "created_at",
    )

    language_version = models.ForeignKey(
        LanguageVersion, on_delete=models.PROTECT, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=_statement_file_name, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("type"), max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField("SHA-256", max_length=64)
    page_count = models.PositiveIntegerField(
        _("pages"), null=True, blank=True, help_text=_("Empty: unknown.")
    )
    flags = models.JSONField(
        _("flags for staff"),
        default=list,
        blank=True,
        help_text=_("Tracked changes, comments or external references found in the file."),
    )
    text = models.TextField(_("extracted text"), blank=True)
    text_status = models.CharField(
        _("text extraction"), max_length=10, choices=TextStatus, default=TextStatus.PENDING
    )
    text_error = models.CharField(_("text extraction error"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("statement file")
        verbose_name_plural = _("statement files")
        ordering = ["language_version", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["language_version", "sha256"],
                name="one_upload_of_a_file_per_language",
                violation_error_message=_(
                    "This file was uploaded already for this language of the statement."
                ),
            )
        ]

    def __str__(self):
        return self.original_name or self.file.name


class StatementLogEntry(models.Model):
    """The audit trail: who did what to a statement, when, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        FILE_ADDED = "file_added", _("File added")
        RESUBMITTED = "resubmitted", _("Resubmitted after return")
        SCHEDULED = "scheduled", _("Scheduled for publication")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned to the delegation")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # What CTED staff are told about in their digest.
    STAFF_NOTICE_ACTIONS = (
        Action.SUBMITTED,
        Action.FILE_ADDED,
        Action.RESUBMITTED,
        Action.WITHDRAWN,
    )

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="log")
    action = models.CharField(_("action"), max_length=20, choices=Action)
    from_status = models.CharField(
        _("from status"), max_length=20, choices=Statement.Status, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=Statement.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty: the system (a scheduled publication)."),
    )
    reason = models.TextField(_("reason"), blank=True)
    file = models.ForeignKey(
        StatementFile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    staff_notified_at = models.DateTimeField(_("staff notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("statement history entry")
        verbose_name_plural = _("statement history")
        ordering = ["statement", "created_at", "pk"]
        indexes = [models.Index(fields=["staff_notified_at", "action"])]

    def __str__(self):
        return f"{self.get_action_display()} – {self.created_at:%Y-%m-%d %H:%M}"


class DelegateRequest(Membership):
    """Requests to act for a delegation, as the CTED staff review them (a proxy).

    Delegate onboarding (requests, decisions with mail, invitations) is in
    ``statements.onboarding``; memberships themselves belong to ``events``.
    """

    class Meta:
        proxy = True
        verbose_name = _("delegate request")
        verbose_name_plural = _("delegate requests")
