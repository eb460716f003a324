"""Text normalisation for searching statements in the six UN languages.

The same normalisation is applied to the stored text and to the query, so a plain
substring match works on any database: case-folded (Cyrillic and accented Latin too,
which SQLite's LIKE does not fold), accents and Arabic diacritics (harakat, hamza and
madda marks, tatweel) removed, compatibility forms (full-width Latin, Arabic
presentation forms) unified, whitespace collapsed. Chinese needs no more: it is
matched by substring. PostgreSQL adds stemmed full-text search on top (selectors).
"""

from __future__ import annotations

import unicodedata

TATWEEL = "\u0640"
# Punctuation that may cling to a search term ("sécurité," «terrorisme»).
_EDGE_PUNCTUATION = "\"'“”„‘’«»‹›()[]{}.,;:!?¿¡،؛؟。，、；：！？「」『』《》"


def normalize(text: str) -> str:
    """Folded text for matching: see the module's docstring."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    kept = "".join(c for c in decomposed if not unicodedata.combining(c) and c != TATWEEL)
    return " ".join(kept.casefold().split())


def terms(query: str) -> list[str]:
    """The normalised terms of a query, each of which must match."""
    found = []
    for word in normalize(query).split():
        word = word.strip(_EDGE_PUNCTUATION)
        if word:
            found.append(word)
    return found
