"""A cache of rendered public pages, with versioned keys per event and language.

The public pages are the same HTML for every visitor (no CSRF token, nothing about the
user: the account menu is fetched by static/js/site.js), so a page is rendered once
per version of what it shows and language, and then served from the cache.

A page is stored with the version tokens it was rendered under (one entry per path and
language, read with the tokens in one round trip) and served only while they are
current; nothing is deleted, ``cache.clear()`` is never used, and a page can never be
served stale after a change, because

- every change to a model that a public page shows bumps a token once its transaction
  commits: the event's token for rows of one event, and the "shared" token for rows
  that pages of every event show (organisations, people). Apps register their models
  with ``watch`` in ``AppConfig.ready``; ``events`` never imports the other apps;
- a page reads its tokens before it reads the database, so a page rendered from rows
  read before a commit is stored under the token that the commit replaced;
- an entry expires at the next time something becomes public by itself (a news item,
  document or statement with a future publication time): apps register that time with
  ``register_next_change``;
- when the cache is unreachable, reading misses and writing does nothing (the
  forgiving cache backends): pages are rendered, never stale.

Site-wide pages (the events index) use the "site" token, bumped with any event's.
Responses carry an ETag (the body's hash) and answer ``If-None-Match`` with a 304, and
``Cache-Control: no-cache`` lets browsers keep them but ask every time.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import get_language

from .models import Event

logger = logging.getLogger(__name__)

SITE = "site"
SHARED = "shared"
# The headers of a page that are stored with it.
_KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Cache-Control",
    "Access-Control-Allow-Origin",
)
# Replaced by a test fixture, so that tests never see each other's pages.
KEY_PREFIX = "pagecache"

_next_change: list[Callable[[Event], datetime.datetime | None]] = []


def _token_key(scope: str) -> str:
    return f"{KEY_PREFIX}:token:{scope}"


def event_scope(slug: str) -> str:
    return f"event:{slug}"


# --- Versions -----------------------------------------------------------------------


def _current(keys: list[str], found: dict) -> tuple[str, ...]:
    """The current token of each of ``keys``, from what one ``get_many`` ``found``."""
    result = []
    for key in keys:
        token = found.get(key)
        if token is None:
            # First use, or evicted: a new token, so that no older page can match.
            token = secrets.token_hex(8)
            if not cache.add(key, token, timeout=None):
                token = cache.get(key) or token
        result.append(token)
    return tuple(result)


def bump(*scopes: str) -> None:
    """Give each scope a new token once the current transaction commits."""

    def apply():
        cache.set_many({_token_key(s): secrets.token_hex(8) for s in scopes}, timeout=None)

    transaction.on_commit(apply)


def bump_event(event_or_slug: Event | str | None) -> None:
    """A change to what the pages of one event show (and the site-wide pages)."""
    if event_or_slug is None:
        bump(SHARED, SITE)
        return
    slug = event_or_slug if isinstance(event_or_slug, str) else event_or_slug.slug
    bump(event_scope(slug), SITE)


def watch(model: type[Model], event_of: Callable[[Model], Event | str | None] | None) -> None:
    """Bump the pages that show ``model`` whenever a row is saved or deleted.

    ``event_of`` gives the row's event (or slug); None for models that pages of every
    event show, which bump the shared token.
    """

    def changed(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return  # loaddata
        if event_of is None:
            bump(SHARED, SITE)
            return
        try:
            event = event_of(instance)
        except Model.DoesNotExist:  # deleted with its parent: the parent bumps
            event = None
        if event is not None:
            bump_event(event)
        else:
            bump(SHARED, SITE)

    uid = f"pagecache:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":delete")


def register_next_change(func: Callable[[Event], datetime.datetime | None]) -> None:
    """``func(event)``: the next time something of ``event`` becomes public by itself."""
    _next_change.append(func)


def _timeout(event: Event | None) -> int:
    """Seconds a page may be kept: the configured time, cut at the next embargo."""
    timeout = settings.PAGE_CACHE_SECONDS
    events = [event] if event is not None else list(Event.objects.filter(is_published=True))
    now = timezone.now()
    for each in events:
        for func in _next_change:
            when = func(each)
            if when is not None and when > now:
                timeout = min(timeout, max(1, int((when - now).total_seconds()) + 1))
    return timeout


@dataclass(frozen=True)
class Entry:
    """A stored page: the tokens it was rendered under, when it expires (epoch seconds:
    the next embargo at the latest), and the response."""

    # In the keys: entries stored by a release with another Entry are never read.
    FORMAT: ClassVar[int] = 1

    versions: tuple[str, ...]
    expires: float
    headers: dict[str, str]
    body: bytes
    etag: str


class LocalPages:
    """The pages this process served lately, newest last, up to ``max_bytes`` of bodies.

    Checked only after the tokens were read from the shared cache, and served only under
    the current ones and before the entry's expiry, like the shared cache's entries: a
    hit then costs one small round trip instead of the page's bytes (120 KB for the
    programme) from Redis.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if time.time() >= entry.expires:
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        if len(entry.body) > self.max_bytes:
            return
        with self._lock:
            self._drop(key)
            self._entries[key] = entry
            self.size += len(entry.body)
            while self.size > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self.size -= len(entry.body)


_local_pages = LocalPages(max_bytes=32 * 1024 * 1024)


# --- The decorator ------------------------------------------------------------------


def _has_messages(request) -> bool:
    """A page that shows a one-off message is rendered for that visitor only."""
    if "messages" in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.session_key and "_messages" in session)


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def _respond(request, entry: Entry):
    response = HttpResponse(entry.body)
    for name, value in entry.headers.items():
        response[name] = value
    response["ETag"] = entry.etag
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = "no-cache"
    return get_conditional_response(request, etag=entry.etag, response=response)


def cached_page(view=None, *, site_wide: bool = False):
    """Serve a public GET view from the page cache.

    Event pages take the event's slug as the ``slug`` URL argument; ``site_wide``
    pages (not of one event) use the site token instead.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if (
                not settings.PAGE_CACHE_SECONDS
                or request.method not in ("GET", "HEAD")
                or _has_messages(request)
            ):
                return view(request, *args, **kwargs)
            slug = None if site_wide else kwargs["slug"]
            scopes = [SHARED, SITE] if site_wide else [SHARED, event_scope(slug)]
            token_keys = [_token_key(scope) for scope in scopes]
            path = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
            key = f"{KEY_PREFIX}:page{Entry.FORMAT}:{get_language()}:{path}"
            # One round trip: the tokens, and the page unless this process has it. A
            # page is served only if it was stored under the tokens current now.
            local = _local_pages.get(key)
            found = cache.get_many(token_keys if local is not None else [*token_keys, key])
            versions = _current(token_keys, found)
            if local is not None and local.versions == versions:
                return _respond(request, local)
            entry = found.get(key) if local is None else cache.get(key)
            if isinstance(entry, Entry) and entry.versions == versions:
                _local_pages.put(key, entry)
                return _respond(request, entry)
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.has_header("Vary"):
                return response
            if hasattr(response, "render"):
                response.render()
            if not response.has_header("ETag"):
                response["ETag"] = _etag(response.content)
            event = Event.objects.filter(slug=slug).first() if slug is not None else None
            timeout = _timeout(event)
            entry = Entry(
                versions=versions,
                expires=time.time() + timeout,
                headers={h: response[h] for h in _KEPT_HEADERS if response.has_header(h)},
                body=response.content,
                etag=response["ETag"],
            )
            cache.set(key, entry, timeout=timeout)
            _local_pages.put(key, entry)
            return _respond(request, entry)

        return wrapper

    return decorate(view) if view is not None else decorate
