"""The one PDF renderer: a Django template -> HTML -> PDF/UA-1 with WeasyPrint.

Security: the HTML is ours, but the text in it is written by staff and delegates, so the
renderer fetches nothing but our own static files and stored media. ``SafeURLFetcher``
serves ``/static/…`` from the static files finders and ``/media/…`` through the storage
API under a private origin, accepts small ``data:`` URLs, and *fails the render* (a
``FatalURLFetchingError``, a BaseException) on anything else: ``file://``, http(s) to
any other host, redirects, SVG images. The task that calls the renderer catches it and
marks the job failed for good, so a poisoned input is never redelivered in a loop.

Speed: one FontConfiguration and one parsed print stylesheet live for the life of the
worker process.

Variant: PDF/UA-1, the accessibility standard (tagged structure, document language,
title in the window), because these documents are read by delegates with screen readers
as much as they are archived; README explains the choice.
"""

from __future__ import annotations

import base64
import binascii
import functools
import gc
import hashlib
import posixpath
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

PDF_VARIANT = "pdf/ua-1"
# Relative URLs in rendered HTML resolve against this origin, which exists only here.
RENDER_ORIGIN = "https://render.specialmeeting.invalid/"
DATA_URL_MAX_BYTES = 256 * 1024
FETCH_MAX_BYTES = 10 * 1024 * 1024
PRINT_STYLESHEET = "pdf/print.css"
# Bumped when the renderer's output changes for the same input (part of the input hash,
# with the print stylesheet's text).
RENDERER_VERSION = "2"

RASTER_TYPES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}


def _fatal(message: str):
    from weasyprint.urls import FatalURLFetchingError

    return FatalURLFetchingError(message)


def _sniff(path: str, head: bytes) -> str:
    """Content type by content for images, by name for our own stylesheets and fonts."""
    for signature, content_type in RASTER_TYPES.items():
        if head.startswith(signature):
            return content_type
    if head.lstrip()[:5].lower() in (b"<svg ", b"<?xml") or b"<svg" in head[:1024].lower():
        raise _fatal(f"SVG images are not rendered: {path}")
    if path.endswith(".css"):
        return "text/css"
    if path.endswith((".woff2", ".woff", ".ttf", ".otf")):
        return "font/" + path.rsplit(".", 1)[1]
    raise _fatal(f"Not an image, stylesheet or font: {path}")


def _weasy_fetcher_base():
    from weasyprint.urls import URLFetcher

    return URLFetcher


class SafeURLFetcher(_weasy_fetcher_base()):
    """Serves our static files and stored media; refuses and fails on everything else."""

    def __init__(self):
        # No redirects, no network: every URL is answered below or refused.
        super().__init__(allow_redirects=False, fail_on_errors=True, allowed_protocols=())

    def fetch(self, url, headers=None):
        from weasyprint.urls import URLFetcherResponse

        if url.startswith("data:"):
            return URLFetcherResponse(url, **self._data_url(url))
        if not url.startswith(RENDER_ORIGIN):
            raise _fatal(f"Refused to fetch {url[:200]!r}: only our own files are rendered.")
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
        normal = posixpath.normpath(path)
        if normal != path.rstrip("/") or "\x00" in path:
            raise _fatal(f"Refused a path that leaves its folder: {url[:200]!r}")
        static_prefix = urllib.parse.urlsplit(settings.STATIC_URL).path
        if normal.startswith(static_prefix):
            body = self._static(normal[len(static_prefix) :])
        elif normal.startswith("/media/"):
            body = self._media(normal[len("/media/") :])
        else:
            raise _fatal(f"Refused to fetch {url[:200]!r}: not a static or media file.")
        return URLFetcherResponse(
            url, body=body, headers={"Content-Type": _sniff(normal, body[:2048])}
        )

    @staticmethod
    def _data_url(url: str) -> dict:
        header, _, payload = url.partition(",")
        if len(payload) > DATA_URL_MAX_BYTES * 4 // 3 + 4:
            raise _fatal("Refused a data: URL larger than the limit.")
        media_type = header[5:].split(";")[0].strip().lower() or "text/plain"
        if "svg" in media_type:
            raise _fatal("SVG images are not rendered.")
        try:
            body = (
                base64.b64decode(payload, validate=True)
                if header.endswith(";base64")
                else urllib.parse.unquote_to_bytes(payload)
            )
        except (binascii.Error, ValueError) as exc:
            raise _fatal("Refused a malformed data: URL.") from exc
        if media_type.startswith("image/"):
            media_type = _sniff("data-url", body[:2048])
        return {"body": body, "headers": {"Content-Type": media_type}}

    @staticmethod
    def _static(relative: str) -> bytes:
        found = finders.find(relative)
        if not found:
            raise _fatal(f"No such static file: {relative}")
        path = Path(found)
        if path.stat().st_size > FETCH_MAX_BYTES:
            raise _fatal(f"Static file too large to render: {relative}")
        return path.read_bytes()

    @staticmethod
    def _media(name: str) -> bytes:
        if not default_storage.exists(name):
            raise _fatal(f"No such stored file: {name}")
        if default_storage.size(name) > FETCH_MAX_BYTES:
            raise _fatal(f"Stored file too large to render: {name}")
        with default_storage.open(name, "rb") as handle:
            return handle.read()


@functools.cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.cache
def _print_stylesheet_text() -> str:
    return Path(finders.find(PRINT_STYLESHEET)).read_text(encoding="utf-8")


@functools.cache
def _print_stylesheet():
    """The print stylesheet, parsed once per process."""
    from weasyprint import CSS

    return CSS(
        string=_print_stylesheet_text(),
        base_url=RENDER_ORIGIN,
        url_fetcher=SafeURLFetcher(),
        font_config=_font_config(),
    )


@dataclass(frozen=True)
class PdfMetadata:
    title: str
    language: str
    author: str = "United Nations Security Council Counter-Terrorism Committee"
    subject: str = ""


@dataclass(frozen=True)
class RenderInput:
    """What a document is rendered from: a template, its context, and metadata."""

    template: str
    context: dict
    metadata: PdfMetadata

    def html(self) -> str:
        with translation.override(self.metadata.language):
            return render_to_string(self.template, {**self.context, "pdf_metadata": self.metadata})


def input_hash(html: str) -> str:
    """What makes two renders the same: the HTML, the print stylesheet, the variant and
    the renderer's version (a new stylesheet makes a new version of every document)."""
    digest = hashlib.sha256()
    for part in (RENDERER_VERSION, PDF_VARIANT, _print_stylesheet_text(), html):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def render_pdf(html: str, metadata: PdfMetadata, target) -> None:
    """Render ``html`` to a PDF/UA-1 file written to ``target`` (a path or binary file)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=RENDER_ORIGIN, url_fetcher=SafeURLFetcher())
    # A layout allocates millions of short-lived objects and no reference cycles worth
    # collecting mid-render: pausing the cyclic collector saves about a fifth of the CPU.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        document.write_pdf(
            target,
            stylesheets=[_print_stylesheet()],
            font_config=_font_config(),
            pdf_variant=PDF_VARIANT,
            pdf_identifier=hashlib.md5(html.encode(), usedforsecurity=False).hexdigest().encode(),
            custom_metadata=True,
            uncompressed_pdf=False,
        )
    finally:
        if gc_was_enabled:
            gc.enable()
