"""Writes for the agenda. The admin, the demo and tests call these; nothing else writes."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from events import rendering
from events.models import Document, Event
from events.uploads import DeleteStoredOnError

from . import generators
from . import snapshot as snapshots
from .models import (
    AgendaItem,
    AgendaRevision,
    ChairsSummary,
    Person,
    PersonPhoto,
    RoleAssignment,
    Session,
)
from .photos import process_photo

logger = logging.getLogger(__name__)

Label = AgendaRevision.Label


def _check_label(*, label: str, previous: AgendaRevision | None, labels: set[str]) -> None:
    if label not in Label.values:
        raise ValidationError(_("Unknown revision label: %(label)s.") % {"label": label})
    if label == Label.PROVISIONAL and labels & {Label.REVISED, Label.FINAL}:
        raise ValidationError(
            _(
                "A revised or final programme has been published already, so it cannot be "
                "provisional again: publish a revised revision instead."
            ),
            code="provisional_after_revised",
        )
    if label == Label.REVISED and previous is None:
        raise ValidationError(
            _("Nothing has been published yet: publish a provisional programme first."),
            code="revised_first",
        )


@transaction.atomic
def agenda_publish(
    *,
    event: Event,
    label: str,
    note: str = "",
    user=None,
    published_at: datetime.datetime | None = None,
) -> AgendaRevision:
    """Publish the working copy of ``event``'s agenda as a new, immutable revision.

    The snapshot holds the whole agenda (confirmed people only) in every language that
    has content. Raises ValidationError when there is nothing to publish, when the
    label does not follow provisional → revised → final, or when nothing changed since
    the previous revision of the same label. Photos shown by the revision become public.
    ``published_at`` records when it was published (default: now; the demo backdates).
    """
    # One publication at a time per event, so revision numbers never collide.
    Event.objects.select_for_update().filter(pk=event.pk).first()
    previous = AgendaRevision.objects.filter(event=event).order_by("-number").first()
    labels = set(AgendaRevision.objects.filter(event=event).values_list("label", flat=True))
    _check_label(label=label, previous=previous, labels=labels)

    data = snapshots.build(event)
    if snapshots.is_empty(data):
        raise ValidationError(
            _("There is nothing to publish: add sessions to the programme first."),
            code="empty",
        )
    digest = snapshots.digest(data)
    if previous is not None and previous.sha256 == digest and previous.label == label:
        raise ValidationError(
            _("Nothing has changed since revision %(number)s: there is nothing new to publish.")
            % {"number": previous.number},
            code="unchanged",
        )
    revision = AgendaRevision(
        event=event,
        number=(previous.number + 1) if previous else 1,
        label=label,
        note=note.strip(),
        schema_version=snapshots.SCHEMA_VERSION,
        snapshot=data,
        sha256=digest,
        published_at=published_at or timezone.now(),
        published_by=user if user is not None and user.is_authenticated else None,
    )
    revision.full_clean()
    revision.save()
    photo_ids = [p["photo"]["id"] for p in data["people"] if p["photo"]]
    PersonPhoto.objects.filter(pk__in=photo_ids, published_at__isnull=True).update(
        published_at=revision.published_at
    )
    # The annotated agenda: made on the first publication, public from then on (staff set
    # its symbol in admin); the worker renders its PDF once this transaction commits.
    document, created = _agenda_document(event)
    if created or (revision.number == 1 and document.published_at is None):
        _document_publish(document, revision.published_at)
    rendering.document_render_enqueue(document=document, draft=False)
    logger.info("agenda of %s published as revision %s (%s)", event.slug, revision.number, label)
    return revision


# --- Rendered documents -------------------------------------------------------------------


def _rendered_document(
    *, event: Event, kind: str, generator: str, title: str
) -> tuple[Document, bool]:
    """The event's one Document rendered by ``generator``, made if there is none yet.

    A new one is not public yet, has no symbol (staff set it; never invented) and its
    title in every language the catalogue translates.
    """
    document = Document.objects.filter(event=event, generator=generator).order_by("pk").first()
    if document is not None:
        return document, False
    document = Document(
        event=event,
        kind=kind,
        generator=generator,
        distribution=Document.Distribution.GENERAL,
    )
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translated = _(title)
        if code == "en" or translated != title:
            setattr(document, build_localized_fieldname("title", code), translated)
    document.full_clean()
    document.save()
    return document, True


def _document_publish(document: Document, when: datetime.datetime) -> None:
    document.published_at = when
    document.document_date = timezone.localdate(when, timezone=document.event.tzinfo)
    document.save(update_fields=["published_at", "document_date", "updated_at"])


def _agenda_document(event: Event) -> tuple[Document, bool]:
    return _rendered_document(
        event=event,
        kind=Document.Kind.ANNOTATED_AGENDA,
        generator=generators.ANNOTATED_AGENDA,
        title="Annotated agenda",
    )


def agenda_document(*, event: Event) -> Document:
    """The event's annotated agenda Document (made, not yet public, if there is none)."""
    return _agenda_document(event)[0]


def events_of_person(*, person: Person) -> list[Event]:
    """The events in whose programme ``person`` has a role."""
    return list(
        Event.objects.filter(
            Q(sessions__roles__person=person) | Q(sessions__items__roles__person=person)
        ).distinct()
    )


def agenda_draft_render_enqueue(*, event: Event) -> list[int]:
    """Queue a staff-only draft PDF of the working copy (debounced: many quick saves
    share one pending render). Call it in the transaction of the change."""
    return rendering.document_render_enqueue(document=agenda_document(event=event), draft=True)


def chairs_summary_document(*, summary: ChairsSummary) -> Document:
    document, _created = _rendered_document(
        event=summary.event,
        kind=Document.Kind.CHAIRS_SUMMARY,
        generator=generators.CHAIRS_SUMMARY,
        title="Chair’s summary",
    )
    return document


def chairs_summary_draft_render_enqueue(*, summary: ChairsSummary) -> list[int]:
    """Queue a staff-only draft PDF of the summary as it is now (debounced)."""
    return rendering.document_render_enqueue(
        document=chairs_summary_document(summary=summary), draft=True
    )


@transaction.atomic
def chairs_summary_publish(*, summary: ChairsSummary, user=None) -> Document:
    """Publish the Chair's summary: its public PDF is rendered in every complete language.

    Raises ValidationError when no language is complete (nothing could be rendered).
    Publishing again after changes renders the new text; earlier PDFs stay in admin.
    """
    summary = ChairsSummary.objects.select_for_update().select_related("event").get(pk=summary.pk)
    sections = list(summary.sections.select_related("session", "item__session"))
    titles = generators.published_titles(summary.event)
    if not generators.summary_complete_languages_of(summary, sections, titles):
        raise ValidationError(
            _(
                "The Chair's summary is not complete in any language: write the "
                "introduction and the text of every section (and the event's title) in "
                "at least one language first."
            ),
            code="incomplete",
        )
    now = timezone.now()
    summary.status = ChairsSummary.Status.PUBLISHED
    summary.published_at = now
    summary.published_by = user if user is not None and user.is_authenticated else None
    summary.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    document = chairs_summary_document(summary=summary)
    if document.published_at is None:
        _document_publish(document, now)
    rendering.document_render_enqueue(document=document, draft=False)
    logger.info("Chair's summary of %s published", summary.event.slug)
    return document


@transaction.atomic
def items_renumber(*, session: Session) -> None:
    """Make the session's item order 1, 2, 3 ... keeping the current sequence."""
    for position, item in enumerate(session.items.order_by("order", "pk"), start=1):
        if item.order != position:
            AgendaItem.objects.filter(pk=item.pk).update(order=position)


@transaction.atomic
def roles_renumber(*, session: Session | None = None, item: AgendaItem | None = None) -> None:
    """Make the order of the roles on a session or an item 1, 2, 3 ..."""
    roles = RoleAssignment.objects.filter(session=session) if session else item.roles.all()
    for position, role in enumerate(roles.order_by("order", "pk"), start=1):
        if role.order != position:
            RoleAssignment.objects.filter(pk=role.pk).update(order=position)


def next_item_order(*, session: Session) -> int:
    """The order that puts a new item last in its session."""
    return (session.items.aggregate(m=Max("order"))["m"] or 0) + 1


def _copy_title(session: Session) -> None:
    for code, _name in settings.LANGUAGES:
        name = build_localized_fieldname("title", code)
        value = getattr(session, name)
        if value:
            with translation.override(code):  # each title says "copy" in its language
                suffix = _("copy")
            setattr(session, name, f"{value} ({suffix})"[:300])


@transaction.atomic
def session_duplicate(*, session: Session) -> Session:
    """Copy a session with its items and all their roles; the copy's title says so."""
    items = list(session.items.order_by("order", "pk"))
    item_roles = {item.pk: list(item.roles.order_by("order", "pk")) for item in items}
    session_roles = list(session.roles.order_by("order", "pk"))

    copy = Session.objects.get(pk=session.pk)
    copy.pk = None
    copy.order = session.order + 1
    _copy_title(copy)
    copy.full_clean()
    copy.save()
    for role in session_roles:
        role.pk = None
        role.session = copy
        role.full_clean()
        role.save()
    for item in items:
        roles = item_roles[item.pk]
        item.pk = None
        item.session = copy
        item.full_clean()
        item.save()
        for role in roles:
            role.pk = None
            role.item = item
            role.full_clean()
            role.save()
    return copy


@transaction.atomic
def person_photo_set(*, person: Person, uploaded_file) -> PersonPhoto:
    """Check an uploaded photo, store its thumbnail and make it the person's photo.

    Raises ValidationError (nothing stored) unless it decodes as a JPEG or PNG within
    the size limits. Earlier photos are kept: published revisions may show them.
    """
    processed = process_photo(uploaded_file)
    photo = PersonPhoto(
        person=person,
        content_type=processed.content_type,
        width=processed.width,
        height=processed.height,
        sha256=processed.sha256,
        original_name=(getattr(uploaded_file, "name", "") or "")[-255:],
    )
    extension = "png" if processed.content_type == "image/png" else "jpg"
    photo.file.save(f"photo.{extension}", ContentFile(processed.content), save=False)
    with DeleteStoredOnError(photo):
        photo.full_clean()
        photo.save()
        person.photo = photo
        person.full_clean()
        person.save(update_fields=["photo", "updated_at"])
    return photo


@transaction.atomic
def person_photo_remove(*, person: Person) -> Person:
    """Show no photo for the person from the next revision on (files are kept)."""
    person.photo = None
    person.full_clean()
    person.save(update_fields=["photo", "updated_at"])
    return person
