"""pytest plugin of the project (loaded from pytest.ini): backend selection and workers.

Backend-specific tests carry a marker (``postgres``, ``sqlite``, ``redis``,
``embedded``); a test whose backend is not the one configured for this run is
*deselected* (reported as such, never skipped), so `.ci/run`'s two passes, one with
PostgreSQL and Redis and one on the embedded defaults, each run exactly what belongs
to them, and a plain `make test` runs what fits the machine's configuration.

Real processes for tests that need them (and for bench/faults): ``WorkerProcess``,
``BeatProcess``, ``GunicornProcess`` (the site on a free loopback port) and
``RedisServer`` (a Redis of the test's own, to stop, freeze or restart), each in a
session of its own and stopped with everything it forked; ``HttpClient`` and
``sign_in`` to talk to gunicorn as a browser does; ``FullDiskStorage`` for a disk that
fills up while a file is written.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.core.files.storage import FileSystemStorage

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


def stored_files(media_root: Path | None = None) -> list[Path]:
    """The files under ``media_root`` (the settings' MEDIA_ROOT by default), relative to
    it and sorted: what a test left in storage."""
    from django.conf import settings

    media = Path(media_root or settings.MEDIA_ROOT)
    return sorted(p.relative_to(media) for p in media.rglob("*") if p.is_file())


def free_port() -> int:
    """A TCP port of the loopback interface that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _parent_death_signal():
    """On Linux, a child that should get SIGKILL if the test process dies unexpectedly
    (a crash or a hard timeout would otherwise leave servers running). The library is
    loaded here, before the fork: the child only makes one system call."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (AttributeError, OSError):
        return None
    pr_set_pdeathsig = 1

    def preexec() -> None:
        prctl(pr_set_pdeathsig, signal.SIGKILL)

    return preexec if sys.platform.startswith("linux") else None


class ManagedProcess:
    """A server started by a test in a session of its own, so that ``kill`` and ``stop``
    reach every process it forked; its output goes to ``log_path``. Use it as a
    context manager (or call ``stop`` in a ``finally``) so that it never outlives the
    test, even a failed one."""

    def __init__(
        self,
        log_path: Path,
        *,
        env: dict[str, str] | None = None,
        base_env: dict[str, str] | None = None,
    ):
        self.log_path = log_path
        self.env_overrides = dict(env or {})
        self.base_env = base_env
        self.process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        raise NotImplementedError

    def environment(self) -> dict[str, str]:
        """``base_env`` (by default: the tests' settings and database) with ``env``."""
        if self.base_env is None:
            return subprocess_env(**self.env_overrides)
        return {**self.base_env, **self.env_overrides}

    def start(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command(),
                cwd=BASE_DIR,
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=_parent_death_signal(),
            )
        return self

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def send_signal(self, sig: int) -> None:
        """Send ``sig`` to the process and everything it started."""
        if self.running:
            os.killpg(self.process.pid, sig)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Kill the process and its children at once, as a crash would."""
        if self.running:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def stop(self, timeout: float = 20) -> None:
        """Stop gracefully (SIGTERM), then by force; children that outlived it too."""
        if self.process is None:
            return
        if self.running:
            os.killpg(self.process.pid, signal.SIGCONT)  # a paused process cannot stop
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def __enter__(self):
        return self if self.running else self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


class WorkerProcess(ManagedProcess):
    """A real `celery worker` subprocess, consuming the tests' queue."""

    def __init__(
        self,
        media_root: Path,
        log_path: Path,
        *,
        env: dict[str, str] | None = None,
        base_env: dict[str, str] | None = None,
        concurrency: int = 1,
    ):
        env = {"MEDIA_ROOT": str(media_root), **(env or {})}
        super().__init__(log_path, env=env, base_env=base_env)
        self.media_root = media_root
        self.concurrency = concurrency

    def command(self) -> list[str]:
        from django.conf import settings

        return [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "specialmeeting",
            "worker",
            "--pool=prefork",
            f"--concurrency={self.concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
            "-Q",
            settings.CELERY_TASK_DEFAULT_QUEUE,
        ]


class BeatProcess(ManagedProcess):
    """A real `celery beat`: it sends the outbox sweep (and the due publications) on
    their periods (OUTBOX_SWEEP_SECONDS ... in ``env``)."""

    def __init__(self, log_path: Path, **kwargs):
        super().__init__(log_path, **kwargs)
        self.schedule = log_path.with_name(f"{log_path.stem}-schedule")

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "specialmeeting",
            "beat",
            "--loglevel=INFO",
            "--schedule",
            str(self.schedule),
        ]


class GunicornProcess(ManagedProcess):
    """The site served by gunicorn (sync workers) on a free loopback port."""

    def __init__(
        self,
        log_path: Path,
        *,
        workers: int = 2,
        port: int | None = None,
        timeout: int = 60,
        **kwargs,
    ):
        super().__init__(log_path, **kwargs)
        self.workers = workers
        self.port = port or free_port()
        self.timeout = timeout

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "specialmeeting.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--timeout",
            str(self.timeout),
            "--graceful-timeout",
            "5",
            "--access-logfile",
            "-",
        ]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait: float = 60):
        super().start()
        if wait:
            wait_for(self._answers, timeout=wait, interval=0.2, what="gunicorn to answer")
        return self

    def _answers(self) -> bool:
        if not self.running:
            raise AssertionError(f"gunicorn exited:\n{self.log()[-3000:]}")
        try:
            HttpClient(self.base_url, timeout=5).get("/robots.txt")
        except OSError:
            return False
        return True


class RedisServer(ManagedProcess):
    """A redis-server of the test's own on a free loopback port (nothing persisted), so
    that stopping, pausing or restarting it touches no other Redis."""

    def __init__(self, directory: Path, *, port: int | None = None):
        directory.mkdir(parents=True, exist_ok=True)
        super().__init__(directory / "redis.log")
        self.directory = directory
        self.port = port or free_port()

    def command(self) -> list[str]:
        return [
            "redis-server",
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.directory),
        ]

    def environment(self) -> dict[str, str]:
        return dict(os.environ)

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self, wait: float = 20):
        super().start()
        wait_for(self.ping, timeout=wait, interval=0.05, what="redis-server to answer")
        return self

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def pause(self) -> None:
        """Freeze the server: connections are accepted by the kernel, never answered (an
        unreachable or hung Redis; clients see timeouts, not refusals)."""
        self.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.send_signal(signal.SIGCONT)

    def restart(self) -> RedisServer:
        """Stop and start again on the same port, empty (a crash loses what it held)."""
        self.stop()
        return self.start()


class HttpResponse:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def __repr__(self) -> str:
        return f"<HttpResponse {self.status} {self.location}>"


class HttpClient:
    """A small HTTP client with a cookie jar for one site (standard library only, no
    redirects followed), for tests and benches that talk to a real server."""

    def __init__(self, base_url: str, *, timeout: float = 60):
        parts = urlsplit(base_url)
        self.host = parts.hostname
        self.port = parts.port or 80
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> HttpResponse:
        sent = {"Host": f"{self.host}:{self.port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            # Django checks the Origin of unsafe requests against the Host.
            sent.setdefault("Origin", f"http://{self.host}:{self.port}")
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return HttpResponse(response.status, response.headers, content)

    def get(self, path: str, **kwargs) -> HttpResponse:
        return self.request("GET", path, **kwargs)

    def post(
        self,
        path: str,
        data: dict[str, str],
        *,
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> HttpResponse:
        """POST ``data`` (and ``files``: field -> (name, content, type)) with the CSRF
        token from the cookie."""
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        if not files:
            body = urlencode(data).encode()
            content_type = "application/x-www-form-urlencoded"
        else:
            boundary = f"----fault-test-{uuid.uuid4().hex}"
            parts = [
                f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'
                f"{v}\r\n".encode()
                for k, v in data.items()
            ]
            for field, (name, content, mime) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                    f'filename="{name}"\r\nContent-Type: {mime}\r\n\r\n'.encode()
                    + content
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            content_type = f"multipart/form-data; boundary={boundary}"
        headers = {"Content-Type": content_type, "Content-Length": str(len(body))}
        return self.request("POST", path, body=body, headers=headers)


class FullDiskStorage(FileSystemStorage):
    """File system storage on a disk that fills up while a new file is written: its first
    bytes land, then OSError(ENOSPC), as ``os.write`` raises on a full disk. Files
    already stored read as usual. For tests and the settings of processes they start
    (``full_disk_settings``)."""

    bytes_before_full = 4096

    def _save(self, name, content):
        full_path = self.path(name)
        os.makedirs(os.path.dirname(full_path), exist_ok=True)
        content.seek(0)
        with open(full_path, "xb") as out:
            out.write(content.read(self.bytes_before_full))
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), full_path)


def full_disk_settings(directory: Path, media_root: Path) -> dict[str, str]:
    """Environment for a process whose default storage is a ``FullDiskStorage`` on
    ``media_root``: a settings module written to ``directory``, on top of the tests'."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "full_disk_settings.py").write_text(
        "from specialmeeting.test_settings import *  # noqa: F403\n"
        "from specialmeeting.test_settings import STORAGES\n\n"
        "STORAGES = {\n"
        "    **STORAGES,\n"
        '    "default": {\n'
        '        "BACKEND": "specialmeeting.testing.FullDiskStorage",\n'
        f'        "OPTIONS": {{"location": {str(media_root)!r}, "base_url": None}},\n'
        "    },\n"
        "}\n"
    )
    python_path = os.pathsep.join(filter(None, [str(directory), os.environ.get("PYTHONPATH")]))
    return {"DJANGO_SETTINGS_MODULE": "full_disk_settings", "PYTHONPATH": python_path}


def sign_in(client: HttpClient, email: str, password: str) -> HttpResponse:
    """Sign in through allauth's form, as a browser does (its CSRF cookie first)."""
    client.get("/accounts/login/")
    response = client.post("/accounts/login/", {"login": email, "password": password})
    if response.status != 302:
        raise AssertionError(f"sign-in of {email} failed: {response.status} {response.text[:500]}")
    return response


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
