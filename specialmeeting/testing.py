"""pytest plugin of the project (loaded from pytest.ini): backend selection and workers.

Backend-specific tests carry a marker (``postgres``, ``sqlite``, ``redis``,
``embedded``); a test whose backend is not the one configured for this run is
*deselected* (reported as such, never skipped), so `.ci/run`'s two passes, one with
PostgreSQL and Redis and one on the embedded defaults, each run exactly what belongs
to them, and a plain `make test` runs what fits the machine's configuration.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def _configured_backends() -> set[str]:
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    database = "postgres" if "postgresql" in engine else "sqlite"
    broker = "redis" if settings.REDIS_URL else "embedded"
    return {database, broker}


BACKEND_MARKERS = {"postgres", "sqlite", "redis", "embedded"}


def pytest_collection_modifyitems(config, items):
    active = _configured_backends()
    selected, deselected = [], []
    for item in items:
        wanted = {m.name for m in item.iter_markers() if m.name in BACKEND_MARKERS}
        (selected if wanted <= active else deselected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


def test_database_url() -> str:
    """The URL of the database the tests use, for worker processes started by tests."""
    from django.db import connection

    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(params['NAME']).resolve()}"
    user = quote(params.get("USER") or "")
    password = quote(params.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{params['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


def subprocess_env(**overrides: str) -> dict[str, str]:
    """The environment of a process that must see the test database and settings."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "specialmeeting.test_settings"}
    env["DATABASE_URL"] = test_database_url()
    env.update(overrides)
    return env


class WorkerProcess:
    """A real `celery worker` subprocess, consuming the tests' queue."""

    def __init__(self, media_root: Path, log_path: Path):
        self.media_root = media_root
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self) -> WorkerProcess:
        from django.conf import settings

        log = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "specialmeeting",
                "worker",
                "--pool=prefork",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
                "-Q",
                settings.CELERY_TASK_DEFAULT_QUEUE,
            ],
            cwd=BASE_DIR,
            env=subprocess_env(MEDIA_ROOT=str(self.media_root)),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        return self

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Kill the worker and its pool children at once, as a crash would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@pytest.fixture
def worker_media_root(settings, tmp_path):
    """A MEDIA_ROOT that the test and its worker process share."""
    media = tmp_path / "media"
    media.mkdir(exist_ok=True)
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media), "base_url": None},
        },
    }
    return media


@pytest.fixture
def celery_worker_process(worker_media_root, tmp_path):
    """Start a real worker for this test; stopped (and its log shown on failure) after."""
    _purge_test_queue()
    worker = WorkerProcess(worker_media_root, tmp_path / "worker.log").start()
    yield worker
    worker.stop()
    sys.stdout.write(f"\n--- worker log ---\n{worker.log()[-4000:]}\n")


def _purge_test_queue() -> None:
    """Drop messages that an earlier test left for a job that no longer exists."""
    from django.conf import settings

    from specialmeeting.celery import app

    try:
        with app.connection_for_write() as connection:
            connection.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)
    except Exception:  # noqa: S110 - the queue may not exist yet
        pass


def wait_for(predicate, *, timeout: float = 60.0, interval: float = 0.25, what: str = ""):
    """Poll ``predicate`` until it returns something truthy, or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what or predicate}")
