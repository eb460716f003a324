"""End-to-end tests: Debian's Chromium, driven by Playwright, against the site.

- The site is pytest-django's ``live_server``: a thread of this process, so the settings
  fixture reaches it; the tests' database is transactional (each test ends with a flush
  and the rows of the data migrations are put back: ``serialized_rollback``).
- Background work runs in a real ``celery worker`` process (``worker``), on the queue and
  database of this run, writing its mail to the folder that the live server writes to.
- Each test loads the demo (``load_demo``) and then acts only through the browser.
- When a test fails, every page it opened is saved as a screenshot under
  ``$VAR_DIR/e2e-failures/``; the paths are printed with the failure.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import sync_playwright

from specialmeeting.testing import WorkerProcess

from .helpers import Demo, DemoAccount, Mailbox

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Playwright's waits (a page, an element) give up after this long.
TIMEOUT_MS = 20_000

_pages_key = pytest.StashKey[list]()


@pytest.fixture
def browser(demo):
    """Chromium, for one test (which opens contexts of its own in it).

    Playwright's sync API runs an asyncio event loop in this thread while it is open,
    and Django then refuses database calls (SynchronousOnlyOperation) and keeps this
    thread's connections apart from the ones it had (asgiref's Local), so that the
    test database's snapshot for ``serialized_rollback`` is not found on them. So
    the browser is started after pytest-django has set the database up and the demo
    is loaded, and stopped, with the connections it used, before the database is
    flushed; while it runs, Django is told that nothing here is asynchronous.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
                connections.close_all()


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, started while MEDIA_URL names another host.

    The site sets MEDIA_URL to None (files are served by the file view, which checks
    who may see them); Django's live server thread parses MEDIA_URL when it starts and
    fails on None. With a URL of another host, it serves no media, as in production.
    """
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    address = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    with override_settings(MEDIA_URL="http://media.invalid/"):
        server = LiveServer(address)
    yield server
    server.stop()


@pytest.fixture
def mail_dir(tmp_path):
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def e2e_settings(settings, mail_dir, private_cache):
    """The live server sends mail to files, links over plain http, and counts rate
    limits in a cache of this test's own."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(mail_dir)
    settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
    return settings


@pytest.fixture
def mailbox(mail_dir) -> Mailbox:
    return Mailbox(mail_dir)


def _purge_queue() -> None:
    """Drop messages that an earlier test left for jobs that no longer exist."""
    from specialmeeting.celery import app

    with (
        contextlib.suppress(Exception),  # the queue may not exist yet
        app.connection_for_write() as connection,
    ):
        connection.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)


@pytest.fixture
def worker(worker_media_root, tmp_path, mail_dir, live_server, request):
    """A real worker: it takes the jobs that the site's requests (and load_demo) commit,
    sends their mail to ``mail_dir`` (EMAIL_URL=filemail://) with links to the live
    server, and shares the media folder with it."""
    _purge_queue()
    process = WorkerProcess(
        worker_media_root,
        tmp_path / "worker.log",
        env={
            "DJANGO_SETTINGS_MODULE": "e2e.settings",
            "EMAIL_URL": f"filemail://{mail_dir}",
            "EMAIL_FILE_PATH": str(mail_dir),
            "SITE_URL": live_server.url,
        },
    )
    process.start()
    yield process
    # Killed, not stopped: a warm shutdown would first finish the jobs in hand (the
    # demo's renders), and the test's data is about to go anyway.
    process.kill()
    if getattr(request.node, "e2e_failed", False):
        sys.stdout.write(f"\n--- worker log ---\n{process.log()[-4000:]}\n")


_ACCOUNT_LINE = re.compile(r"^\s+(\S+@\S+)\s+(TOTP\s+(\S+)|\S+)\s+(.*)$")


@pytest.fixture
def demo(request, live_server) -> Demo:
    """The demo, loaded by ``load_demo``; the accounts and the staff account's TOTP
    secret are read from what it prints. A test that also asks for ``worker`` gets it
    started first, so that the demo's jobs (the PDF renders) are taken as they come."""
    if "worker" in request.fixturenames:
        request.getfixturevalue("worker")
    output = StringIO()
    call_command("load_demo", stdout=output)
    accounts: dict[str, DemoAccount] = {}
    secrets: dict[str, str] = {}
    for line in output.getvalue().splitlines():
        match = _ACCOUNT_LINE.match(line)
        if not match:
            continue
        email, password, secret, description = match.groups()
        if secret:
            secrets[email] = secret
        else:
            accounts[email] = DemoAccount(email, password, description.strip())
    for email, secret in secrets.items():
        accounts[email].totp_secret = secret
    from events import selectors

    return Demo(event_slug=selectors.current_event().slug, accounts=list(accounts.values()))


@pytest.fixture
def open_page(browser, live_server, request):
    """``open_page(name, ...)``: a page in a new browser context (a person of their own:
    cookies, language, viewport), with relative URLs on the live server."""
    contexts = []
    pages = request.node.stash.setdefault(_pages_key, [])

    def open_page(name: str = "page", *, width: int = 1280, height: int = 900, **options):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            **options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        pages.append((name, page))
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.e2e_failed = True
        saved = _screenshots(item)
        if saved:
            report.sections.append(("e2e screenshots", "\n".join(saved)))
    elif report.when == "setup" and report.failed:
        item.e2e_failed = True
    return report


def _screenshots(item) -> list[str]:
    """Save every page the test opened; returns the paths (or why one could not be)."""
    pages = item.stash.get(_pages_key, [])
    if not pages:
        return []
    folder = Path(settings.VAR_DIR) / "e2e-failures" / re.sub(r"[^\w.-]+", "_", item.nodeid)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for number, (name, page) in enumerate(pages, start=1):
        path = folder / f"{number:02d}-{name}.png"
        try:
            page.screenshot(path=str(path), full_page=True, timeout=10_000)
        except Exception as exc:  # a closed page, a crashed browser: say so, go on
            saved.append(f"{name}: no screenshot ({exc.__class__.__name__}: {exc})")
        else:
            saved.append(f"{name} ({page.url}): {path}")
    return saved
