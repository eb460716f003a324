"""Settings of the worker process that the end-to-end tests start: the test settings,
with mail sent by the backend that ``EMAIL_URL`` names (the tests give it
``filemail://`` and ``EMAIL_FILE_PATH``, a folder they read the mail from), as the
production settings do, instead of the test settings' in-memory outbox, which no other
process can see."""

import environ

from specialmeeting.test_settings import *  # noqa: F403
from specialmeeting.test_settings import CELERY_BROKER_TRANSPORT_OPTIONS

# The embedded broker is polled; the demo queues some thirty jobs, so poll it often.
if "polling_interval" in CELERY_BROKER_TRANSPORT_OPTIONS:
    CELERY_BROKER_TRANSPORT_OPTIONS = {**CELERY_BROKER_TRANSPORT_OPTIONS, "polling_interval": 0.1}

vars().update(environ.Env().email_url("EMAIL_URL"))
EMAIL_FILE_PATH = environ.Env().str("EMAIL_FILE_PATH")
