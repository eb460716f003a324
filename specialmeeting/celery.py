"""The Celery application: broker and options come from Django settings (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "specialmeeting.settings")

app = Celery("specialmeeting")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _setup_periodic_tasks(sender, **kwargs):
    from django.conf import settings

    sender.add_periodic_task(
        settings.OUTBOX_SWEEP_SECONDS,
        sender.signature("events.sweep_outbox"),
        name="sweep the outbox",
    )
    # Scheduled statements are published within this many seconds of their embargo.
    sender.add_periodic_task(
        settings.STATEMENTS_PUBLISH_DUE_SECONDS,
        sender.signature("statements.publish_due"),
        name="publish statements whose embargo ended",
    )
