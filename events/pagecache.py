"""A cache of rendered public pages, with versioned keys per event and language.

The public pages are the same HTML for every visitor (no CSRF token, nothing about the
user: the account menu is fetched by static/js/site.js), so a page is rendered once
per version of what it shows and language, and then served from the cache.

Keys hold version tokens instead of being deleted: ``cache.clear()`` is never used,
and a page can never be served stale after a change, because

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
from collections.abc import Callable

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


def tokens(scopes: list[str]) -> list[str]:
    """The current token of each scope (one cache round trip when all are known)."""
    keys = [_token_key(scope) for scope in scopes]
    found = cache.get_many(keys)
    result = []
    for key in keys:
        token = found.get(key)
        if token is None:
            # First use, or evicted: a new token, so that no older page can match.
            token = secrets.token_hex(8)
            if not cache.add(key, token, timeout=None):
                token = cache.get(key) or token
        result.append(token)
    return result


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


# --- The decorator ------------------------------------------------------------------


def _has_messages(request) -> bool:
    """A page that shows a one-off message is rendered for that visitor only."""
    if "messages" in request.COOKIES:
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.session_key and "_messages" in session)


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def _respond(request, status: int, headers: dict[str, str], body: bytes, etag: str):
    response = HttpResponse(body, status=status)
    for name, value in headers.items():
        response[name] = value
    response["ETag"] = etag
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = "no-cache"
    return get_conditional_response(request, etag=etag, response=response)


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
            versions = tokens(scopes)
            path = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
            key = f"{KEY_PREFIX}:page:{':'.join(versions)}:{get_language()}:{path}"
            entry = cache.get(key)
            if entry is not None:
                return _respond(request, *entry)
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming or response.has_header("Vary"):
                return response
            if hasattr(response, "render"):
                response.render()
            if not response.has_header("ETag"):
                response["ETag"] = _etag(response.content)
            headers = {h: response[h] for h in _KEPT_HEADERS if response.has_header(h)}
            entry = (200, headers, response.content, response["ETag"])
            event = None
            if slug is not None:
                event = Event.objects.filter(slug=slug).first()
            cache.set(key, entry, timeout=_timeout(event))
            return _respond(request, *entry)

        return wrapper

    return decorate(view) if view is not None else decorate
