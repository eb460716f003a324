"""Reads that carry rules: which agenda the public sees is defined here, once.

The public only ever sees published revisions of a published event; the newest one is
"the programme". The working copy (the models staff edit) is read only by ``preview``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from events.models import Document, DocumentVersion, Event

from . import changelog, programme, snapshot
from .models import AgendaRevision


def published_revisions(*, event: Event) -> QuerySet[AgendaRevision]:
    """Every published revision of a public event, newest first."""
    return AgendaRevision.objects.filter(event=event, event__is_published=True).order_by("-number")


def newest_published_revision(*, event: Event) -> AgendaRevision | None:
    """The revision the public programme shows: the newest published one (one query)."""
    return published_revisions(event=event).first()


def newest_revision(*, event: Event) -> AgendaRevision | None:
    """The newest revision whether or not the public may see it yet (the event may be
    unpublished): what the annotated agenda is rendered from."""
    return AgendaRevision.objects.filter(event=event).order_by("-number").first()


def has_published_programme(event: Event) -> bool:
    """Whether the public may see a programme of ``event`` (one query)."""
    return published_revisions(event=event).exists()


def published_revision(*, event: Event, number: int) -> AgendaRevision:
    revision = published_revisions(event=event).filter(number=number).first()
    if revision is None:
        raise Http404("No such revision of the programme.")
    return revision


@dataclass
class PublicProgramme:
    """A published revision as a page shows it."""

    revision: AgendaRevision
    programme: programme.Programme
    newest_number: int
    revisions: list[AgendaRevision] = field(default_factory=list)  # without snapshots
    previous: AgendaRevision | None = None
    changes: list[changelog.Change] = field(default_factory=list)

    @property
    def is_newest(self) -> bool:
        return self.revision.number == self.newest_number


def public_programme(
    *, event: Event, language: str, number: int | None = None, with_changes: bool = False
) -> PublicProgramme | None:
    """The newest published programme (or revision ``number``), None if none yet.

    One query, two ``with_changes`` (the list of revisions, then the revision and the
    one before it, to show what changed), whatever the size of the agenda.
    """
    if not with_changes:
        revision = (
            published_revision(event=event, number=number)
            if number is not None
            else newest_published_revision(event=event)
        )
        if revision is None:
            return None
        return PublicProgramme(
            revision=revision,
            programme=programme.from_snapshot(revision.snapshot, language),
            newest_number=revision.number,
        )

    revisions = list(published_revisions(event=event).defer("snapshot"))
    if not revisions:
        if number is not None:
            raise Http404("No such revision of the programme.")
        return None
    target = (
        revisions[0] if number is None else next((r for r in revisions if r.number == number), None)
    )
    if target is None:
        raise Http404("No such revision of the programme.")
    earlier = [r for r in revisions if r.number < target.number]
    wanted = [target.number] + ([earlier[0].number] if earlier else [])
    full = {r.number: r for r in published_revisions(event=event).filter(number__in=wanted)}
    revision = full[target.number]
    previous = full.get(earlier[0].number) if earlier else None
    changes = changelog.diff_revisions(previous, revision, language) if previous else []
    return PublicProgramme(
        revision=revision,
        programme=programme.from_snapshot(revision.snapshot, language),
        newest_number=revisions[0].number,
        revisions=revisions,
        previous=previous,
        changes=changes,
    )


@dataclass
class Preview:
    """The working copy as it would be published, for staff only."""

    programme: programme.Programme
    newest: AgendaRevision | None
    changes: list[changelog.Change]


def preview(*, event: Event, language: str) -> Preview:
    """The working copy of ``event``'s agenda, and what publishing it would change."""
    data = snapshot.build(event)
    newest = newest_revision(event=event)
    changes = changelog.diff(newest.snapshot, data, language) if newest else []
    return Preview(programme.from_snapshot(data, language), newest, changes)


def newest_rendered_versions(*, document: Document) -> dict[str, list[DocumentVersion]]:
    """For staff: the newest public and the newest draft version of each language of a
    rendered document, in UN language order (one query)."""
    from django.conf import settings

    order = {code: i for i, (code, _name) in enumerate(settings.LANGUAGES)}
    newest: dict[tuple[bool, str], DocumentVersion] = {}
    versions = DocumentVersion.objects.filter(document=document).order_by(
        "language", "-created_at", "-pk"
    )
    for version in versions:
        newest.setdefault((version.is_draft, version.language), version)
    ordered = sorted(newest.values(), key=lambda v: order.get(v.language, 99))
    return {
        "public": [v for v in ordered if not v.is_draft],
        "draft": [v for v in ordered if v.is_draft],
    }
