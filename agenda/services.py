"""Writes for the agenda. The admin, the demo and tests call these; nothing else writes."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from events.models import Event

from . import snapshot as snapshots
from .models import AgendaItem, AgendaRevision, Person, PersonPhoto, RoleAssignment, Session
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
    logger.info("agenda of %s published as revision %s (%s)", event.slug, revision.number, label)
    return revision


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
    from django.conf import settings

    for code, _name in settings.LANGUAGES:
        name = build_localized_fieldname("title", code)
        value = getattr(session, name)
        if value:
            setattr(session, name, f"{value} ({_('copy')})"[:300])


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
    try:
        photo.full_clean()
        photo.save()
        person.photo = photo
        person.full_clean()
        person.save(update_fields=["photo", "updated_at"])
    except BaseException:
        photo.file.storage.delete(photo.file.name)
        raise
    return photo


@transaction.atomic
def person_photo_remove(*, person: Person) -> Person:
    """Show no photo for the person from the next revision on (files are kept)."""
    person.photo = None
    person.full_clean()
    person.save(update_fields=["photo", "updated_at"])
    return person
