"""The database goes away under the web process, and comes back.

With PostgreSQL, a real gunicorn serves the test database while the test takes it
away without touching the shared server: from a connection to another database it
refuses new connections (ALTER DATABASE ... ALLOW_CONNECTIONS false) and terminates
the web process's, then allows them again. While it is away every request that needs
it gets a 503 with Retry-After (never a 500), and the site recovers by itself once it
is back: no process is restarted.

On both backends, the 503 itself: for a view and for middleware that read the
database, in the visitor's language, rendered without any query.
"""

from __future__ import annotations

import contextlib
import sys
import uuid

import psycopg
import pytest
from django.db import OperationalError, connection
from django.test import Client
from psycopg import sql

from events.tests.factories import PASSWORD, EventFactory, UserFactory
from specialmeeting.middleware import RETRY_AFTER_SECONDS
from specialmeeting.testing import GunicornProcess, HttpClient, sign_in, wait_for

UNAVAILABLE = "The site is temporarily unavailable"


def _assert_unavailable(response, *, language: str = "en") -> None:
    assert response.status == 503, (response.status, response.text[:2000])
    assert response.headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert f'<html lang="{language}"' in response.text
    if language == "en":
        assert UNAVAILABLE in response.text


@contextlib.contextmanager
def _database_away():
    """Refuse new connections to the test database and end those open now, but this
    process's own; from a connection to the server's maintenance database."""
    params = connection.settings_dict
    name = params["NAME"]
    own_pid = connection.cursor().connection.info.backend_pid
    admin = psycopg.connect(
        dbname="postgres",
        user=params.get("USER") or None,
        password=params.get("PASSWORD") or None,
        host=params.get("HOST") or "127.0.0.1",
        port=params.get("PORT") or 5432,
        autocommit=True,
    )
    try:
        admin.execute(
            sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(sql.Identifier(name))
        )
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> %s",
            [name, own_pid],
        )
        yield
    finally:
        admin.execute(
            sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(sql.Identifier(name))
        )
        admin.close()


@pytest.fixture
def web(worker_media_root, tmp_path):
    env = {"MEDIA_ROOT": str(worker_media_root), "CACHE_KEY_PREFIX": f"faults-{uuid.uuid4().hex}"}
    server = GunicornProcess(tmp_path / "gunicorn.log", env=env, workers=2)
    with server:
        yield server
        sys.stdout.write(f"\n--- gunicorn ---\n{server.log()[-6000:]}\n")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_away_gives_503_with_retry_after_and_the_site_recovers_alone(web):
    event = EventFactory(title_en="A meeting while the database restarts")
    user = UserFactory(verified=True)
    visitor, member = HttpClient(web.base_url), HttpClient(web.base_url)
    sign_in(member, user.email, PASSWORD)
    pages = ["/", f"/events/{event.slug}/", "/fr/", "/account/"]
    assert [visitor.get(path).status for path in pages[:3]] == [200, 200, 200]
    assert member.get("/account/").status == 200
    statuses = []

    with _database_away():
        # Several times each, so that both gunicorn workers (each with a persistent
        # connection that was just terminated) answer.
        for _round in range(3):
            for path in pages[:2]:
                response = visitor.get(path)
                statuses.append(response.status)
                _assert_unavailable(response)
            response = visitor.get("/fr/")
            statuses.append(response.status)
            _assert_unavailable(response, language="fr")
            # The session and the user are read by middleware, before any view.
            response = member.get("/account/")
            statuses.append(response.status)
            _assert_unavailable(response)
            response = member.post("/accounts/logout/", {})
            statuses.append(response.status)
            _assert_unavailable(response)

    # Nobody restarts anything: the next requests find the database again.
    wait_for(lambda: visitor.get("/").status == 200, timeout=30, what="the site to recover")
    for _round in range(4):
        assert [visitor.get(path).status for path in pages[:3]] == [200, 200, 200]
        assert member.get("/account/").status == 200  # still signed in
    assert 500 not in statuses
    assert '" 500 ' not in web.log()


@pytest.mark.django_db
def test_view_failing_on_the_database_answers_503_in_the_visitors_language(monkeypatch):
    from events import views

    def database_gone(*args, **kwargs):
        raise OperationalError("the database is restarting")

    monkeypatch.setattr(views.selectors, "current_event", database_gone)
    monkeypatch.setattr(views.selectors, "public_events", database_gone)
    client = Client(raise_request_exception=False)
    for path, language in (("/", "en"), ("/fr/", "fr"), ("/ar/", "ar")):
        response = client.get(path)
        assert response.status_code == 503
        assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
        assert response["Cache-Control"] == "no-store"
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
    assert 'dir="rtl"' in html


@pytest.mark.django_db
def test_middleware_failing_on_the_database_answers_503_not_500(monkeypatch):
    from django.contrib.sessions.backends.db import SessionStore

    user = UserFactory(verified=True)
    client = Client(raise_request_exception=False)
    client.force_login(user)

    def database_gone(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(SessionStore, "load", database_gone)
    response = client.get("/account/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert UNAVAILABLE in response.content.decode()


@pytest.mark.django_db
def test_the_503_page_is_rendered_without_the_database(django_assert_num_queries):
    from specialmeeting.middleware import service_unavailable

    with django_assert_num_queries(0):
        response = service_unavailable()
    assert response.status_code == 503
    assert UNAVAILABLE in response.content.decode()


@pytest.mark.django_db
def test_other_server_errors_stay_500(monkeypatch):
    from events import views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug, not an outage")

    monkeypatch.setattr(views.selectors, "current_event", broken)
    monkeypatch.setattr(views.selectors, "public_events", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response
