"""Background tasks of written statements. Each takes ids and calls one service."""

from celery import shared_task

from events import outbox

from . import services


@shared_task(name="statements.extract_text", base=outbox.OutboxTask, time_limit=120)
def extract_text(*, file_id: int) -> None:
    """Extract a statement file's text for search."""
    services.statement_file_extract_text(file_id=file_id)


@shared_task(name="statements.send_staff_digest", base=outbox.OutboxTask, time_limit=60)
def send_staff_digest() -> None:
    """Tell CTED staff of the submissions not yet reported, in one message."""
    services.staff_digest_send()


@shared_task(name="statements.publish_due", time_limit=60, soft_time_limit=50)
def publish_due() -> int:
    """Publish the scheduled statements whose embargo has ended (run by beat)."""
    return services.statements_publish_due()
