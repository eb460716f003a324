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


@shared_task(
    name="events.render_document",
    base=outbox.OutboxTask,
    soft_time_limit=240,
    time_limit=300,
    acks_late=True,
)
def render_document(*, document_id: int, language: str, draft: bool = False) -> None:
    """Render one language version of a document to PDF and publish it."""
    from . import rendering

    rendering.document_render(document_id=document_id, language=language, draft=draft)


@shared_task(name="events.send_mail", base=outbox.OutboxTask, time_limit=60, soft_time_limit=50)
def send_mail(*, to: str, template: str, context: dict, language: str) -> None:
    """Send one templated message queued by ``events.mail.enqueue_mail``."""
    from . import mail

    mail.send_mail_now(to=to, template=template, context=context, language=language)
