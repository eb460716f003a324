"""Every interface string is translated in the six UN languages.

The strings are extracted afresh from the sources (``makemessages`` in a copy of the
tree), so a string added to a template or a view without a translation fails here even
if nobody ran ``make makemessages``. A translation counts as missing when it is empty,
marked fuzzy, or equal to its msgid — except the few strings identical by design,
listed in ``IDENTICAL_BY_DESIGN`` with their reason.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TRANSLATED = ["ar", "zh_Hans", "fr", "ru", "es"]
# What the source tree copy leaves out: environments, data, tests and tools; the
# extraction sees what users see.
IGNORED = {".venv", "var", ".git", "staticfiles", "bench", "e2e", "node_modules", "locale"}

# (language, msgid): why the translation is the same as the English.
IDENTICAL_BY_DESIGN: dict[tuple[str, str], str] = {
    # French spells these words as English does (UN French usage: "Distr. : générale",
    # "ordre du jour annoté" for annotation, "note" words of the admin).
    **{
        ("fr", word): "the same word in French"
        for word in (
            "Document",
            "document",
            "documents",
            "Documents",
            "Documents (PDF)",
            "Programme",
            "programme",
            "programmes",
            "photo",
            "section",
            "sections",
            "Introduction",
            "introduction",
            "Conclusions",
            "conclusions",
            "Date",
            "date",
            "Dates",
            "annotation",
            "organisation",
            "organisations",
            "Publication",
            "publication",
            "distribution",
            "type",
            "version",
            "action",
            "Invitation",
            "Administration",
        )
    },
    ("ru", "%(label)s (PDF):"): "a placeholder and the acronym PDF only",
    ("es", "%(label)s (PDF):"): "a placeholder and the acronym PDF only",
    ("es", "Provisional"): "the same word in Spanish (programa provisional)",
    ("es", "Distr.:"): "the Spanish UN masthead uses the same abbreviation",
    ("es", "Original:"): "the Spanish UN masthead uses the same word",
}

PLACEHOLDER = re.compile(r"%\([A-Za-z_]+\)[sdif]|%[sdif]|\{[A-Za-z_0-9]*\}")


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str, str]]:
    """The msgids in the sources now, extracted into a fresh template (.pot)."""
    tree = tmp_path_factory.mktemp("tree")
    for item in ROOT.iterdir():
        if item.name in IGNORED or item.name.startswith("."):
            continue
        if item.is_dir():
            shutil.copytree(item, tree / item.name, ignore=shutil.ignore_patterns("tests"))
        else:
            shutil.copy2(item, tree / item.name)
    (tree / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--keep-pot", "--no-wrap"],
        cwd=tree,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "specialmeeting.test_settings",
            "VAR_DIR": str(tree / "var"),
        },
        check=True,
        capture_output=True,
    )
    pot = polib.pofile(str(tree / "locale" / "django.pot"))
    keys = {_key(entry) for entry in pot if not entry.obsolete}
    assert len(keys) > 500, "extraction found too few strings: is gettext installed?"
    return keys


@pytest.fixture(scope="module", params=TRANSLATED)
def catalogue(request) -> tuple[str, polib.POFile]:
    path = ROOT / "locale" / request.param / "LC_MESSAGES" / "django.po"
    return request.param, polib.pofile(str(path))


def _missing(language: str, entry: polib.POEntry) -> str | None:
    if entry.fuzzy:
        return "marked fuzzy"
    forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    if not forms or not all(form.strip() for form in forms):
        return "empty"
    same = not entry.msgid_plural and entry.msgstr == entry.msgid
    if same and (language, entry.msgid) not in IDENTICAL_BY_DESIGN:
        return "same as the English"
    return None


def test_every_extracted_string_is_in_every_catalogue(extracted, catalogue):
    language, po = catalogue
    present = {_key(entry) for entry in po if not entry.obsolete}
    absent = sorted(extracted - present)
    assert not absent, (
        f"{len(absent)} interface strings are not in locale/{language}: run `make "
        f"makemessages` and translate them. First ones: {absent[:10]}"
    )


def test_every_string_is_translated(catalogue):
    language, po = catalogue
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        reason = _missing(language, entry)
        if reason:
            problems.append(f"{entry.msgid!r}: {reason}")
    assert not problems, f"locale/{language}: {len(problems)} missing: {problems[:15]}"


def test_plural_forms_are_all_filled(catalogue):
    language, po = catalogue
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    short = [e.msgid for e in po if e.msgid_plural and len(e.msgstr_plural) != nplurals]
    assert not short, f"locale/{language}: plural forms missing for {short}"


def test_translations_keep_their_placeholders(catalogue):
    language, po = catalogue
    broken = []
    for entry in po:
        if entry.obsolete or entry.fuzzy:
            continue
        expected = sorted(set(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or ""))))
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            found = sorted(set(PLACEHOLDER.findall(form)))
            # A singular form may leave out the count ("one statement").
            if found != expected and not (entry.msgid_plural and set(found) <= set(expected)):
                broken.append((entry.msgid, form))
    assert not broken, f"locale/{language}: placeholders differ in {broken[:10]}"


def test_identical_by_design_entries_are_still_used(catalogue):
    """The allowlist stays short and true: every entry is a string of the catalogue."""
    language, po = catalogue
    msgids = {entry.msgid for entry in po}
    stale = [m for (lang, m) in IDENTICAL_BY_DESIGN if lang == language and m not in msgids]
    assert not stale, f"allowlist entries no longer in locale/{language}: {stale}"


def test_django_serves_the_compiled_catalogue(catalogue):
    """The compiled catalogues are the ones Django uses (`make messages` compiles them)."""
    from django.utils import translation

    language, po = catalogue
    samples = [
        e for e in po if e.msgstr and not e.msgctxt and not e.msgid_plural and e.msgstr != e.msgid
    ][:50]
    assert samples
    with translation.override(translation.to_language(language)):
        assert [translation.gettext(e.msgid) for e in samples] == [e.msgstr for e in samples]
