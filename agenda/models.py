"""Sessions, agenda items, people and their roles (the working copy), and the published
agenda revisions the public reads.

Staff edit Session, AgendaItem, Person and RoleAssignment freely: that is the working
copy, never shown to the public. ``services.agenda_publish`` freezes it into an
AgendaRevision whose JSON snapshot never changes afterwards. Models hold data and
constraints only; rules live in ``services`` (writes) and ``selectors`` (reads).
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Organisation


class Session(models.Model):
    """A preparatory technical session or a segment of the meeting, on one day."""

    class Kind(models.TextChoices):
        PREPARATORY = "preparatory", _("Preparatory technical session")
        OPENING = "opening", _("Opening")
        THEMATIC = "thematic", _("Thematic segment")
        CLOSING = "closing", _("Closing")
        OTHER = "other", _("Other")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.THEMATIC)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"), help_text=_("In the event's time zone."))
    end_time = models.TimeField(_("ends at"), help_text=_("In the event's time zone."))
    room = models.CharField(_("room"), max_length=120, blank=True)
    order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Orders sessions that start at the same time.")
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["event", "date", "start_time", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d %b %Y} {self.start_time:%H:%M})"

    def clean(self):
        event = getattr(self, "event", None) if self.event_id else None
        if event and self.date and not (event.start_date <= self.date <= event.end_date):
            raise ValidationError(
                {
                    "date": _(
                        "The session must be held during the event "
                        "(%(start)s to %(end)s). Change the date or the event's dates."
                    )
                    % {"start": event.start_date, "end": event.end_date}
                }
            )

    def starts_at(self) -> datetime.datetime:
        """The start as an aware datetime in the event's time zone."""
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=self.event.tzinfo)

    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.end_time, tzinfo=self.event.tzinfo)


class AgendaItem(models.Model):
    """An item of a session. Its number ("1.", "2." ...) follows the programme order."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="items")
    title = models.CharField(_("title"), max_length=300)
    annotation = models.TextField(
        _("annotation"), blank=True, help_text=_("Markdown. HTML is removed.")
    )
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(start_time__isnull=True)
                    | Q(end_time__isnull=True)
                    | Q(end_time__gt=models.F("start_time"))
                ),
                name="item_ends_after_start",
                violation_error_message=_("An agenda item must end after it starts."),
            )
        ]

    def __str__(self):
        return self.title


def _photo_file_name(instance: PersonPhoto, filename: str) -> str:
    # The server chooses the name; the extension follows the checked content.
    extension = "png" if instance.content_type == "image/png" else "jpg"
    return f"agenda/photos/{uuid.uuid4().hex}.{extension}"


class Person(models.Model):
    """Someone with a role in the programme: chair, moderator, panellist, rapporteur..."""

    honorific = models.CharField(
        _("honorific"), max_length=40, blank=True, help_text=_("For example H.E., Dr, Ms.")
    )
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100)
    position = models.CharField(_("position"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    biography = models.TextField(
        _("biography"), blank=True, help_text=_("Markdown. HTML is removed.")
    )
    photo = models.ForeignKey(
        "PersonPhoto",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current photo"),
    )
    email = models.EmailField(
        _("private email"),
        blank=True,
        help_text=_("For CTED only. Never shown on the site nor in any export."),
    )
    is_cted_expert = models.BooleanField(
        _("CTED expert"), default=False, help_text=_("Only CTED experts can be rapporteurs.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name", "pk"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.honorific, self.given_name, self.family_name) if p)


class PersonPhoto(models.Model):
    """One uploaded photo of a person, stored as a checked, resized thumbnail.

    Immutable: a new upload adds a row, so a published revision keeps pointing at the
    photo it was published with. ``published_at`` is set when a revision first shows
    it; from then on anyone may download it, before that only staff.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("file"), upload_to=_photo_file_name, max_length=255)
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField("SHA-256", max_length=64)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    published_at = models.DateTimeField(_("first published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("person photo")
        verbose_name_plural = _("person photos")
        ordering = ["person", "-created_at", "-pk"]

    def __str__(self):
        return f"{self.person} ({self.created_at:%Y-%m-%d %H:%M})"


class RoleAssignment(models.Model):
    """A person's role on a session or on an agenda item (exactly one of the two)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-Chair")
        MODERATOR = "moderator", _("Moderator")
        KEYNOTE = "keynote", _("Keynote speaker")
        PANELLIST = "panellist", _("Panellist")
        RAPPORTEUR = "rapporteur", _("Rapporteur")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="roles", verbose_name=_("person")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("session"),
    )
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("agenda item"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.PANELLIST)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.INVITED)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["session", "item", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(session__isnull=False, item__isnull=True)
                    | Q(session__isnull=True, item__isnull=False)
                ),
                name="role_on_session_or_item",
                violation_error_message=_(
                    "A role is either on a session or on an agenda item: choose exactly one."
                ),
            ),
            # NULLs are distinct, so these bind only the side (item or session) that is
            # set; unconditional, so that admin formsets check them across their rows.
            models.UniqueConstraint(
                fields=["person", "item"],
                name="one_role_per_person_per_item",
                violation_error_message=_(
                    "This person already has a role on this agenda item; "
                    "change that role instead of adding another."
                ),
            ),
            models.UniqueConstraint(
                fields=["person", "session"],
                name="one_role_per_person_per_session",
                violation_error_message=_(
                    "This person already has a role on this session; "
                    "change that role instead of adding another."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}"

    def clean(self):
        person = self.person if self.person_id else None
        if self.role == self.Role.RAPPORTEUR and person and not person.is_cted_expert:
            raise ValidationError(
                {
                    "role": _(
                        "%(person)s cannot be a rapporteur: rapporteurs are CTED experts. "
                        "Choose another role, or mark this person as a CTED expert first."
                    )
                    % {"person": person.display_name}
                }
            )


class EventProgramme(Event):
    """An event seen as its programme: where CTED staff edit and publish its agenda.

    A proxy, so that the agenda's admin pages live in this app and ``events`` never
    needs to know about sessions.
    """

    class Meta:
        proxy = True
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")


class AgendaRevision(models.Model):
    """A published, immutable revision of an event's agenda (a JSON snapshot).

    Rows are only made by ``services.agenda_publish``; the snapshot follows the schema
    named by ``schema_version`` (see ``agenda/schema/``), so later code can read it.
    """

    class Label(models.TextChoices):
        PROVISIONAL = "provisional", _("Provisional")
        REVISED = "revised", _("Revised")
        FINAL = "final", _("Final")

    IMMUTABLE_FIELDS = (
        "event_id",
        "number",
        "label",
        "note",
        "schema_version",
        "snapshot",
        "sha256",
        "published_at",
    )

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="agenda_revisions")
    number = models.PositiveIntegerField(_("revision"))
    label = models.CharField(_("label"), max_length=20, choices=Label)
    note = models.TextField(
        _("public note"), blank=True, help_text=_("Shown with the revision on the programme.")
    )
    schema_version = models.PositiveSmallIntegerField(_("schema version"))
    snapshot = models.JSONField(_("snapshot"))
    sha256 = models.CharField("SHA-256", max_length=64, help_text=_("Of the snapshot."))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("agenda revision")
        verbose_name_plural = _("agenda revisions")
        ordering = ["event", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="unique_revision_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_positive"),
        ]

    def __str__(self):
        return f"{self.event} – {self.get_label_display()} ({self.number})"

    def save(self, *args, **kwargs):
        # An integrity guard, not a rule: what was published is never rewritten.
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values(*self.IMMUTABLE_FIELDS).first()
            if stored is not None and any(
                stored[f] != getattr(self, f) for f in self.IMMUTABLE_FIELDS
            ):
                raise ValidationError(
                    _("A published agenda revision cannot be changed; publish a new one.")
                )
        super().save(*args, **kwargs)


class ChairsSummary(models.Model):
    """The Chair's summary of an event: written by CTED staff for the Chair, in markdown.

    Staff write it in admin (one section per session or agenda item), preview it as HTML
    and as a draft PDF, then publish it: ``services.chairs_summary_publish`` marks it
    published and renders its public PDF (a Document of kind "chairs_summary").
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="chairs_summary", verbose_name=_("event")
    )
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Markdown. HTML is removed.")
    )
    conclusions = models.TextField(
        _("conclusions"), blank=True, help_text=_("Markdown. HTML is removed.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Chair's summary")
        verbose_name_plural = _("Chair's summaries")
        ordering = ["-event__start_date"]
        permissions = [("publish_chairssummary", _("Can publish the Chair's summary"))]

    def __str__(self):
        return _("Chair's summary of %(event)s") % {"event": self.event}


class ChairsSummarySection(models.Model):
    """What the Chair summarises of one session or one agenda item (exactly one)."""

    summary = models.ForeignKey(
        ChairsSummary, on_delete=models.CASCADE, related_name="sections", verbose_name=_("summary")
    )
    session = models.ForeignKey(
        Session,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("session"),
    )
    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("text"), blank=True, help_text=_("Markdown. HTML is removed."))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["summary", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(session__isnull=False, item__isnull=True)
                    | Q(session__isnull=True, item__isnull=False)
                ),
                name="summary_section_on_session_or_item",
                violation_error_message=_(
                    "A section summarises either a session or an agenda item: choose exactly one."
                ),
            )
        ]

    def __str__(self):
        return str(self.item or self.session or "–")

    def clean(self):
        summary = self.summary if self.summary_id else None
        if summary is None:
            return
        event_id = summary.event_id
        if self.session_id and self.session.event_id != event_id:
            raise ValidationError({"session": _("Choose a session of this event.")})
        if self.item_id and self.item.session.event_id != event_id:
            raise ValidationError({"item": _("Choose an agenda item of this event.")})
