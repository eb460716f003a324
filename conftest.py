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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Put back the UN States of the data migration if a reused database lost them.

    Transactional tests end with a flush; with --reuse-db the next run would start
    without the rows data migrations loaded (and snapshot that for serialized_rollback).
    """
    from importlib import import_module

    from django.apps import apps
    from django.db import connections

    un_states = import_module("events.migrations.0002_un_states")
    with django_db_blocker.unblock():
        Organisation = apps.get_model("events", "Organisation")
        if Organisation.objects.filter(kind__in=["member_state", "observer_state"]).count() < 195:
            un_states.load_states(apps, None)
            for connection in connections.all():
                if getattr(connection, "_test_serialized_contents", None) is not None:
                    contents = connection.creation.serialize_db_to_string()
                    connection._test_serialized_contents = contents
