"""Events, their pages and documents, the organisations taking part, and the outbox.

Models hold data and constraints only; rules live in ``services`` (writes) and
``selectors`` (reads).
"""

import functools
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _


class ChoiceLabelsMixin:
    """``get_FOO_display()`` that translates only the label it returns.

    Django's builds a dict of every choice on each call, and hashing the lazy labels
    translates them all: lists of 300 statements call it once a row.
    """

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            label = _choice_labels(field).get(value, value)
        except TypeError:  # an unhashable value: Django's way copes with it
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)


@functools.cache
def _choice_labels(field) -> dict:
    """A field's choices as value → (lazy) label, built once per field."""
    return dict(field.flatchoices)


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class Event(models.Model):
    class Kind(models.TextChoices):
        SPECIAL_MEETING = "special_meeting", _("Special meeting")
        OPEN_BRIEFING = "open_briefing", _("Open briefing")
        OTHER = "other", _("Other meeting")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    short_title = models.CharField(
        _("short title"),
        max_length=120,
        help_text=_("Used in the header and in lists."),
    )
    theme = models.TextField(_("theme"), blank=True, help_text=_("The theme as announced."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.SPECIAL_MEETING)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    venue = models.CharField(_("venue"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text=_("Times of sessions and deadlines are given in this zone."),
    )
    statement_deadline = models.DateTimeField(
        _("statement deadline"),
        null=True,
        blank=True,
        help_text=_(
            "Written statements are accepted until then (staff can extend it per delegation)."
        ),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only published events appear on the site."),
    )
    is_current = models.BooleanField(
        _("current event"),
        default=False,
        help_text=_("The event the home page leads with. At most one event is current."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="one_current_event",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="event_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.short_title or self.title

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_past(self) -> bool:
        return self.end_date < timezone.localdate(timezone=self.tzinfo)


class EventPage(models.Model):
    """A page of the event site: a concept-note section or practical information."""

    class Kind(models.TextChoices):
        CONCEPT_NOTE = "concept_note", _("Concept note section")
        PRACTICAL = "practical", _("Practical information")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="pages")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.CONCEPT_NOTE)
    slug = models.SlugField(_("slug"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown. HTML is removed."))
    order = models.PositiveIntegerField(_("order"), default=0)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("event page")
        verbose_name_plural = _("event pages")
        ordering = ["event", "kind", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "slug"], name="unique_page_slug_per_event")
        ]

    def __str__(self):
        return self.title


class Organisation(ChoiceLabelsMixin, models.Model):
    class Kind(models.TextChoices):
        MEMBER_STATE = "member_state", _("Member State")
        OBSERVER_STATE = "observer_state", _("Observer State")
        INTERGOVERNMENTAL = (
            "intergovernmental",
            _("International or regional organisation"),
        )
        UN_ENTITY = "un_entity", _("United Nations entity")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        ACADEMIA = "academia", _("Academia")

    STATE_KINDS = (Kind.MEMBER_STATE, Kind.OBSERVER_STATE)

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    iso_code = models.CharField(
        _("ISO 3166 code"),
        max_length=2,
        blank=True,
        help_text=_("Two-letter country code; States only."),
    )
    sort_order = models.PositiveIntegerField(
        _("sort order"),
        default=10000,
        help_text=_("States follow the UN's English order; other organisations sort by name."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (Q(kind__in=["member_state", "observer_state"]) & ~Q(iso_code=""))
                    | (~Q(kind__in=["member_state", "observer_state"]) & Q(iso_code=""))
                ),
                name="iso_code_for_states_only",
                violation_error_message=_("States have an ISO code; other organisations none."),
            ),
            models.UniqueConstraint(
                fields=["iso_code"], condition=~Q(iso_code=""), name="unique_iso_code"
            ),
            models.UniqueConstraint(fields=["name", "kind"], name="unique_organisation_name"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_state(self) -> bool:
        return self.kind in self.STATE_KINDS


class Delegation(models.Model):
    """An organisation taking part in one event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="delegations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="delegations"
    )
    deadline_extended_until = models.DateTimeField(
        _("statement deadline extended until"),
        null=True,
        blank=True,
        help_text=_("Leave empty to apply the event's statement deadline."),
    )
    extension_reason = models.CharField(_("reason for the extension"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["event", "organisation__sort_order", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="one_delegation_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.event})"


class Membership(models.Model):
    """A user acting for a delegation, once staff approve."""

    class Role(models.TextChoices):
        FOCAL_POINT = "focal_point", _("Focal point")
        MEMBER = "member", _("Member")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    position = models.CharField(_("position"), max_length=200, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delegation membership")
        verbose_name_plural = _("delegation memberships")
        ordering = ["delegation", "-role", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "delegation"], name="one_membership_per_user")
        ]

    def __str__(self):
        return f"{self.user} – {self.delegation}"


class Document(models.Model):
    """Meeting documentation; its files are DocumentVersions, one series per language."""

    class Kind(models.TextChoices):
        CONCEPT_NOTE = "concept_note", _("Concept note")
        ANNOTATED_AGENDA = "annotated_agenda", _("Annotated agenda")
        CHAIRS_SUMMARY = "chairs_summary", _("Chair's summary")
        PRESS_RELEASE = "press_release", _("Press release")
        LOGISTICS_NOTE = "logistics_note", _("Logistics note")
        LIST_OF_PARTICIPANTS = "list_of_participants", _("List of participants")
        OTHER = "other", _("Other")

    class Distribution(models.TextChoices):
        GENERAL = "general", _("General")
        LIMITED = "limited", _("Limited")

    class RenderStatus(models.TextChoices):
        NONE = "", _("Not rendered")
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    title = models.CharField(_("title"), max_length=300)
    symbol = models.CharField(
        _("document symbol"),
        max_length=60,
        blank=True,
        help_text=_("The official symbol, if the document has one. Never invent one."),
    )
    distribution = models.CharField(
        _("distribution"),
        max_length=10,
        choices=Distribution,
        default=Distribution.GENERAL,
        help_text=_("A document of limited distribution is never public."),
    )
    document_date = models.DateField(_("document date"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("published at"),
        null=True,
        blank=True,
        help_text=_("Public from this time on (general distribution only). Empty: not public."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    generator = models.CharField(
        _("rendered from"),
        max_length=40,
        blank=True,
        help_text=_(
            "Empty for uploaded files. Otherwise the worker renders this document's PDF "
            "from the site's content (for example the concept note from the event pages)."
        ),
    )
    render_status = models.CharField(
        _("render status"), max_length=10, choices=RenderStatus, blank=True, default=""
    )
    render_error = models.TextField(_("last render error"), blank=True)
    rendered_at = models.DateTimeField(_("last rendered at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["event", "order", "-document_date", "pk"]
        constraints = [
            # One rendered document of each kind per event (one annotated agenda …).
            models.UniqueConstraint(
                fields=["event", "generator"],
                condition=~Q(generator=""),
                name="one_rendered_document_per_generator",
            )
        ]

    def __str__(self):
        return f"{self.symbol} {self.title}".strip()


def _document_file_name(instance: "DocumentVersion", filename: str) -> str:
    # The server chooses the name; the uploaded name is kept for display only.
    return f"documents/{instance.document_id}/{uuid.uuid4().hex}.pdf"


def _thumbnail_file_name(instance: "DocumentVersion", filename: str) -> str:
    return f"documents/{instance.document_id}/thumbnails/{uuid.uuid4().hex}.png"


class ImmutableFileMixin:
    """An integrity guard, not a rule: a stored file version's content is never rewritten.

    Models list their content fields in ``IMMUTABLE_FIELDS`` (with ``file``, compared by
    its stored name); saving an existing row with any of them changed raises.
    """

    IMMUTABLE_FIELDS: tuple[str, ...] = ()
    immutable_message = "This file version is immutable once stored."

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values(*self.IMMUTABLE_FIELDS).first()
            if stored is not None:
                current = {f: getattr(self, f) for f in self.IMMUTABLE_FIELDS}
                current["file"] = self.file.name
                if any(stored[f] != current[f] for f in self.IMMUTABLE_FIELDS):
                    raise ValidationError(self.immutable_message)
        super().save(*args, **kwargs)


class DocumentVersion(ImmutableFileMixin, models.Model):
    """One immutable file of a document in one language.

    A row is created only once its file is complete and checked, so every version is
    ready; the newest version of each language is the one the public gets. The content
    fields are written once; only the derived first-page thumbnail is added later.
    """

    class Source(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        RENDERED = "rendered", _("Rendered")

    immutable_message = "A document version is immutable once created."
    IMMUTABLE_FIELDS = (
        "document_id",
        "language",
        "file",
        "original_name",
        "content_type",
        "size",
        "sha256",
        "page_count",
        "source",
        "input_hash",
        "is_draft",
    )

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    file = models.FileField(_("file"), upload_to=_document_file_name, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, default="application/pdf")
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField("SHA-256", max_length=64)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.UPLOADED)
    input_hash = models.CharField(
        _("input hash"),
        max_length=64,
        blank=True,
        help_text=_("Hash of what a render was made from."),
    )
    is_draft = models.BooleanField(
        _("draft"),
        default=False,
        help_text=_("A staff-only render of the working copy; never public."),
    )
    thumbnail = models.FileField(
        _("first-page thumbnail"),
        upload_to=_thumbnail_file_name,
        blank=True,
        max_length=255,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "language", "-created_at", "-pk"]
        indexes = [models.Index(fields=["document", "language", "-created_at"])]

    def __str__(self):
        return f"{self.document} [{self.language}] {self.created_at:%Y-%m-%d %H:%M}"


class NewsItem(models.Model):
    class Kind(models.TextChoices):
        PRESS_RELEASE = "press_release", _("Press release")
        ANNOUNCEMENT = "announcement", _("Announcement")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="news")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.ANNOUNCEMENT)
    slug = models.SlugField(_("slug"), max_length=100)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), help_text=_("Markdown. HTML is removed."))
    published_at = models.DateTimeField(
        _("published at"), null=True, blank=True, help_text=_("Empty: not public.")
    )

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news and press releases")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "slug"], name="unique_news_slug_per_event")
        ]

    def __str__(self):
        return self.title


class Job(models.Model):
    """A unit of background work, recorded in the transaction of the change needing it.

    See ``events.outbox``: written by ``enqueue``, dispatched after commit, claimed
    with a lease by the worker, re-dispatched by the sweeper until done or failed.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    task = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict)
    dedupe_key = models.CharField(
        _("deduplication key"),
        max_length=200,
        blank=True,
        help_text=_("At most one pending job per key: a second enqueue joins the first."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    run_after = models.DateTimeField(_("run after"), default=timezone.now)
    lease_expires_at = models.DateTimeField(_("lease expires at"), null=True, blank=True)
    dispatched_at = models.DateTimeField(_("last dispatched at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "run_after"])]
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"],
                condition=Q(status="pending") & ~Q(dedupe_key=""),
                name="one_pending_job_per_key",
            )
        ]

    def __str__(self):
        return f"{self.task} #{self.pk} ({self.status})"
