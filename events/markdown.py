"""Markdown written by staff, rendered to HTML and sanitised with nh3."""

import functools
import threading

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "h5", "hr", "li",
    "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr",
    "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


_local = threading.local()


def _parser() -> md.Markdown:
    """One parser per thread, reset between texts (building one costs more than most
    texts take to convert)."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = md.Markdown(
            extensions=["extra", "sane_lists"], output_format="html"
        )
    return parser.reset()


@functools.lru_cache(maxsize=4096)
def render_markdown(text: str) -> SafeString:
    """Markdown to safe HTML: raw HTML, scripts, images and odd URLs are removed.

    A pure function of the text, so each process keeps the latest few thousand results:
    a programme page shows the same annotations request after request."""
    html = _parser().convert(text or "")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
