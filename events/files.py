"""The one view that serves stored files, after asking who may see each one.

Uploaded and rendered files are never served by whitenoise (it knows only files that
existed at start-up) nor from a public media prefix. Each app registers a *resolver*
for its kinds of file in its ``AppConfig.ready``; ``events`` never imports the others.
A resolver gets the request and the object's id and returns a ``ServedFile``, or raises
``Http404`` when the file does not exist *or* this user may not see it (the two are
indistinguishable from outside).
"""

from __future__ import annotations

import mimetypes
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.storage import Storage, default_storage
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
)
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from .links import file_url  # noqa: F401 - the file view's URLs, for those who import them here


@dataclass(frozen=True)
class ServedFile:
    name: str  # the name in storage
    filename: str  # the name the browser saves it under
    content_type: str
    etag: str  # a strong validator: the file's sha256 where known
    public: bool  # may shared caches keep it?
    inline: bool = True
    storage: Storage = default_storage


Resolver = Callable[[HttpRequest, int], ServedFile]
_resolvers: dict[str, Resolver] = {}


def register(kind: str, resolver: Resolver) -> None:
    """Register how files of ``kind`` are found and who may see them."""
    if kind in _resolvers and _resolvers[kind] is not resolver:
        raise ValueError(f"A file resolver for {kind!r} is registered already.")
    _resolvers[kind] = resolver


def safe_filename(name: str, default: str = "document") -> str:
    """A filename safe for a URL and a Content-Disposition header."""
    normalised = unicodedata.normalize("NFKC", name or "")
    cleaned = "".join(
        ch if ch.isalnum() or ch in "-_." else "-" for ch in normalised.replace("/", "-")
    ).strip(".-")
    while "--" in cleaned:
        cleaned = cleaned.replace("--", "-")
    return cleaned[:120] or default


def guess_type(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


@require_safe
def serve(request: HttpRequest, kind: str, pk: int, filename: str) -> HttpResponse:
    resolver = _resolvers.get(kind)
    if resolver is None:
        raise Http404("No such kind of file.")
    served = resolver(request, pk)
    etag = f'"{served.etag}"'
    cache_control = "public, max-age=300" if served.public else "private, no-cache"
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponseNotModified()
    else:
        try:
            handle = served.storage.open(served.name, "rb")
        except FileNotFoundError as exc:
            raise Http404("The file is missing from storage.") from exc
        response = FileResponse(handle, content_type=served.content_type)
        response["Content-Disposition"] = content_disposition_header(
            not served.inline, served.filename
        )
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    if not served.public:
        response["Vary"] = "Cookie"
    return response
