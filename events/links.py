"""Links to rows at the cost of a string replacement instead of a ``reverse()`` each.

A list of statements links each statement and each of its files, the programme each
person and session: hundreds of ``reverse()`` calls per page, at about 20 µs each. The
URL is reversed once per URL name, fixed arguments, language and script prefix with a
stand-in id, and the stand-in is replaced by the row's id. Only ids (and file names of
letters, digits, dots, dashes and underscores) are put in this way: they need no
quoting, so the result is what ``reverse()`` returns (tested).
"""

from __future__ import annotations

import functools
import re

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language

_ID = 987654321  # a stand-in id, replaced by the real one
_NAME = "stand-in-file.name"  # a stand-in file name
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_.-]+\Z")


@functools.lru_cache(maxsize=1024)
def _pattern(name: str, fixed: tuple, with_name: bool, language: str, prefix: str) -> str:
    return reverse(name, args=[*fixed, _ID, *([_NAME] if with_name else [])])


def url_with_id(name: str, *fixed, pk: int) -> str:
    """``reverse(name, args=[*fixed, pk])``."""
    pattern = _pattern(name, fixed, False, get_language() or "", get_script_prefix())
    return pattern.replace(str(_ID), str(int(pk)))


def file_url(kind: str, pk: int, filename: str) -> str:
    """The URL of the file view (``files:serve``) for stored file ``pk`` of ``kind``."""
    if not _PLAIN_NAME.match(filename):
        return reverse("files:serve", args=[kind, pk, filename])
    pattern = _pattern("files:serve", (kind,), True, get_language() or "", get_script_prefix())
    return pattern.replace(str(_ID), str(int(pk))).replace(_NAME, filename)
