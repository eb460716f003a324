"""Fixtures shared by every app's tests."""

import pytest

# Backend selection by marker, worker processes: see specialmeeting/testing.py.
pytest_plugins = ["specialmeeting.testing"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test stores its files in a temporary folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _reset_language():
    """A request to /fr/ or /ar/ leaves its language active in the thread: reset it."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture
def private_cache(settings):
    """A cache of this test's own (allauth's rate limits count in the cache)."""
    import uuid

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4().hex}",
        },
    }
