"""Settings for the test suite: the real settings, with test-only speed-ups.

The environment still chooses the backends (DATABASE_URL, REDIS_URL), so the same
suite runs against PostgreSQL and Redis and against the embedded defaults.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault(
    "VAR_DIR", os.path.join(os.path.dirname(os.path.dirname(__file__)), "var", "test")
)
os.environ.setdefault("CACHE_KEY_PREFIX", "sm-test")

from .settings import *  # noqa: F403
from .settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Static files without the manifest, so tests need no collectstatic.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# VAR_DIR is var/test, so the embedded queue is separate from `make run`'s; and
# tests talk to a queue of their own, so a developer's running worker never takes them.
CELERY_TASK_DEFAULT_QUEUE = "specialmeeting-test"
# Most tests measure and check pages as rendered; the page cache has its own tests
# (events/tests/test_pagecache.py), which switch it on.
PAGE_CACHE_SECONDS = 0
