"""The cache of rendered public pages (events.pagecache).

The test settings switch the page cache off; these tests switch it on, each with a key
prefix of its own. Changes are made inside ``django_capture_on_commit_callbacks`` with
``execute=True``, which runs what a real commit runs (the token bumps).
"""

from __future__ import annotations

import datetime
import io
import secrets
import time

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from agenda import services as agenda_services
from agenda.models import AgendaItem, AgendaRevision
from events import pagecache
from events.models import Event, EventPage, NewsItem
from statements import services as statement_services
from statements.models import Statement

from .factories import EventFactory, cted_staff_user


@pytest.fixture
def page_cache(settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 600
    monkeypatch.setattr(pagecache, "KEY_PREFIX", f"pagecache-test-{secrets.token_hex(6)}")


@pytest.fixture
def demo(db, page_cache):
    call_command("load_demo", stdout=io.StringIO())
    return Event.objects.get(slug="ict-2016")


def public_urls(event: Event) -> list[str]:
    """Every cached public page of the demo event: built from the data, not typed."""
    revision = AgendaRevision.objects.filter(event=event).order_by("number").first()
    snapshot_session = revision.snapshot["sessions"][0]
    person = revision.snapshot["people"][0]
    statement = Statement.objects.filter(event=event, status="published").first()
    news = NewsItem.objects.filter(event=event).first()
    page = EventPage.objects.filter(event=event, is_published=True).first()
    slug = event.slug
    return [
        reverse("events:index"),
        reverse("events:home", args=[slug]),
        reverse("events:page", args=[slug, page.slug]),
        reverse("events:documents", args=[slug]),
        reverse("events:news", args=[slug]),
        reverse("events:news_item", args=[slug, news.slug]),
        reverse("agenda:programme", args=[slug]),
        reverse("agenda:revision", args=[slug, revision.number]),
        reverse("agenda:session", args=[slug, snapshot_session["id"]]),
        reverse("agenda:panellists", args=[slug]),
        reverse("agenda:person", args=[slug, person["id"]]),
        reverse("agenda:programme_ics", args=[slug]),
        reverse("agenda:session_ics", args=[slug, snapshot_session["id"]]),
        reverse("agenda:programme_json", args=[slug]),
        reverse("statements:list", args=[slug]),
        reverse("statements:list", args=[slug]) + "?q=statement",
        reverse("statements:detail", args=[slug, statement.pk]),
        reverse("statements:feed", args=[slug]),
    ]


def test_every_public_page_is_served_from_the_cache_with_an_etag(
    demo, client, django_assert_num_queries
):
    urls = public_urls(demo)
    for language in ("en", "ar"):
        with translation.override(language):
            localized = public_urls(demo)
        for url in localized:
            first = client.get(url)
            assert first.status_code == 200, url
            etag = first["ETag"]
            with django_assert_num_queries(0):
                second = client.get(url)
            assert second.status_code == 200, url
            assert second.content == first.content, url
            assert second["ETag"] == etag
            assert second["Content-Type"] == first["Content-Type"]
            with django_assert_num_queries(0):
                unchanged = client.get(url, HTTP_IF_NONE_MATCH=etag)
            assert unchanged.status_code == 304, url
            assert unchanged.content == b""
    assert len(urls) == 18


def test_each_language_is_cached_apart(demo, client):
    english = client.get(reverse("agenda:programme", args=[demo.slug]))
    with translation.override("ar"):
        url = reverse("agenda:programme", args=[demo.slug])
    arabic = client.get(url)
    assert b'lang="en"' in english.content
    assert b'lang="ar"' in arabic.content and b'dir="rtl"' in arabic.content
    assert client.get(url).content == arabic.content


def test_publishing_a_revision_is_never_stale(
    demo, client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    url = reverse("agenda:programme", args=[demo.slug])
    client.get(url)
    with django_assert_num_queries(0):
        client.get(url)
    item = AgendaItem.objects.filter(session__event=demo).first()
    with django_capture_on_commit_callbacks(execute=True):
        item.title_en = "A new title published this minute"
        item.save()
    # The working copy is never public: the cached page stays right.
    assert b"A new title published this minute" not in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.agenda_publish(
            event=demo, label=AgendaRevision.Label.FINAL, user=cted_staff_user()
        )
    page = client.get(url)
    assert b"A new title published this minute" in page.content
    assert client.get(reverse("agenda:programme_json", args=[demo.slug])).json()


def test_publishing_a_statement_is_never_stale(demo, client, django_capture_on_commit_callbacks):
    url = reverse("statements:list", args=[demo.slug])
    submitted = Statement.objects.filter(event=demo, status=Statement.Status.SUBMITTED).first()
    assert submitted is not None, "the demo has a statement waiting for review"
    assert submitted.title.encode() not in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        statement_services.statement_publish(statement=submitted, user=cted_staff_user())
    assert submitted.title.encode() in client.get(url).content
    detail = reverse("statements:detail", args=[demo.slug, submitted.pk])
    assert client.get(detail).status_code == 200


def test_staff_edit_in_admin_is_never_stale(demo, client, django_capture_on_commit_callbacks):
    page = EventPage.objects.filter(event=demo, is_published=True).first()
    url = reverse("events:page", args=[demo.slug, page.slug])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        page.title_en = "Corrected page title"
        page.save()
    assert b"Corrected page title" in client.get(url).content
    # The page's title is in every page's navigation of that event.
    assert b"Corrected page title" in client.get(reverse("events:home", args=[demo.slug])).content


def test_organisation_names_bump_every_event(demo, client, django_capture_on_commit_callbacks):
    url = reverse("statements:list", args=[demo.slug])
    statement = Statement.objects.filter(event=demo, status="published").first()
    organisation = statement.delegation.organisation
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        organisation.name_en = "Renamed Organisation For The Test"
        organisation.save()
    assert b"Renamed Organisation For The Test" in client.get(url).content


def test_a_change_to_one_event_keeps_the_other_events_pages(
    demo, client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    url = reverse("events:home", args=[demo.slug])
    client.get(url)
    other = Event.objects.exclude(pk=demo.pk).first()
    with django_capture_on_commit_callbacks(execute=True):
        NewsItem.objects.create(
            event=other, slug="other-news", title="Other news", published_at=timezone.now()
        )
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
    # ...while the other event's pages and the site-wide index show it at once.
    assert b"Other news" in client.get(reverse("events:news", args=[other.slug])).content


def test_an_embargo_ends_the_cached_page(db, page_cache, client):
    event = EventFactory(slug="embargo")
    url = reverse("events:news", args=[event.slug])
    NewsItem.objects.create(
        event=event,
        slug="later",
        title="Released at the embargo",
        published_at=timezone.now() + datetime.timedelta(seconds=2),
    )
    assert b"Released at the embargo" not in client.get(url).content
    assert pagecache._timeout(event) <= 3
    time.sleep(3.1)
    assert b"Released at the embargo" in client.get(url).content


def test_a_page_with_a_message_is_not_served_from_the_cache(demo, client):
    url = reverse("events:home", args=[demo.slug])
    client.get(url)
    client.cookies["messages"] = "anything"
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert len(context.captured_queries) > 0
    assert response.status_code == 200


def test_errors_are_not_cached(demo, client, django_capture_on_commit_callbacks):
    url = reverse("events:news_item", args=[demo.slug, "not-yet"])
    assert client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        NewsItem.objects.create(
            event=demo, slug="not-yet", title="Now it exists", published_at=timezone.now()
        )
    assert client.get(url).status_code == 200


def test_switched_off_the_cache_renders_every_time(demo, client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    url = reverse("events:home", args=[demo.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    assert len(context.captured_queries) > 0


def test_pages_answer_conditional_requests_with_the_cache_switched_off(demo, client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for url in public_urls(demo):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first.has_header("ETag"), url
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, url


# --- The pages a process keeps (LocalPages) ---------------------------------------------


def _entry(body: bytes, *, versions=("a", "b"), expires_in: float = 60) -> pagecache.Entry:
    return pagecache.Entry(versions, time.time() + expires_in, {}, body, '"etag"')


def test_a_process_keeps_the_pages_it_served_lately_up_to_its_size():
    pages = pagecache.LocalPages(max_bytes=250)
    pages.put("first", _entry(b"1" * 100))
    pages.put("second", _entry(b"2" * 100))
    assert pages.get("first") is not None  # now the most recently used
    pages.put("third", _entry(b"3" * 100))
    assert pages.get("second") is None  # the least recently used went
    assert pages.get("first").body == b"1" * 100
    assert pages.get("third").body == b"3" * 100
    assert pages.size == 200
    pages.put("third", _entry(b"4" * 50))  # replaced, not counted twice
    assert pages.size == 150
    pages.put("huge", _entry(b"x" * 251))  # bigger than the whole store: not kept
    assert pages.get("huge") is None
    assert pages.size == 150


def test_a_page_a_process_keeps_expires_with_the_shared_entry():
    pages = pagecache.LocalPages(max_bytes=1000)
    pages.put("embargoed", _entry(b"page", expires_in=-1))
    assert pages.get("embargoed") is None
    assert pages.size == 0


def test_a_page_another_process_stored_is_served_from_the_shared_cache(
    demo, client, monkeypatch, django_assert_num_queries
):
    url = reverse("agenda:programme", args=[demo.slug])
    first = client.get(url)
    # Another gunicorn worker: the shared cache has the page, this process has not.
    monkeypatch.setattr(pagecache, "_local_pages", pagecache.LocalPages(max_bytes=10**7))
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_a_page_this_process_keeps_is_not_served_after_a_change(
    demo, client, django_capture_on_commit_callbacks
):
    """The tokens are read from the shared cache for every request, also when this
    process has the page."""
    url = reverse("events:news", args=[demo.slug])
    assert b"Kept nowhere" not in client.get(url).content
    with django_capture_on_commit_callbacks(execute=True):
        NewsItem.objects.create(
            event=demo, slug="kept-nowhere", title="Kept nowhere", published_at=timezone.now()
        )
    assert b"Kept nowhere" in client.get(url).content
