"""Background tasks of the events app. Each takes ids and calls one service."""

from celery import shared_task

from . import outbox, services


@shared_task(name="events.make_document_thumbnail", base=outbox.OutboxTask)
def make_document_thumbnail(*, version_id: int) -> None:
    """Make the first-page thumbnail of a PDF document version."""
    services.document_version_make_thumbnail(version_id=version_id)


@shared_task(name="events.sweep_outbox", time_limit=60, soft_time_limit=50)
def sweep_outbox() -> int:
    """Re-dispatch due jobs and recover those whose worker died (run by beat)."""
    return outbox.sweep()
