"""Settings of the PDF benchmark: the real settings on a throwaway database and queue.

bench/pdf/run.py points VAR_DIR at a fresh temporary folder (so the SQLite database,
the embedded broker's queue and the media live there) and DATABASE_URL at that
SQLite file, whatever the environment says: the benchmark never touches a real database.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("CACHE_KEY_PREFIX", "sm-bench")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from specialmeeting.settings import *  # noqa: F403
from specialmeeting.settings import STORAGES

# Static files straight from the source folders (no collectstatic needed).
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A queue of its own: a developer's running worker never takes the benchmark's jobs.
CELERY_TASK_DEFAULT_QUEUE = "specialmeeting-bench"
