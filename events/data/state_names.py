"""The name of a State in each of the six UN languages, and filling the States'
organisation names with them.

``un_state_name`` gives the UN's name: English from ``un_states``, the other languages
from the override table in ``un_names`` where the UN's name differs from CLDR's, else
CLDR's territory name (``babel``). ``sync_state_names`` writes these names into the
States' ``name_<language>`` fields; it takes the Organisation model as an argument so
that a data migration can pass its historical model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry
from babel import Locale

from .un_names import UN_NAME_OVERRIDES
from .un_states import MEMBER_STATES, OBSERVER_STATES

# The six UN languages, as modeltranslation's field suffixes, and their CLDR locales.
LANGUAGES = ("ar", "zh_hans", "en", "fr", "ru", "es")
CLDR_LOCALES = {
    "ar": "ar",
    "zh_hans": "zh_Hans",
    "en": "en",
    "fr": "fr",
    "ru": "ru",
    "es": "es",
}
STATE_KINDS = ("member_state", "observer_state")

UN_ENGLISH_NAMES = {alpha2: name for _order, name, alpha2, _a3 in MEMBER_STATES + OBSERVER_STATES}


class UnknownStateName(ValueError):
    """No name is known for this ISO code or language."""


def language_suffix(language: str) -> str:
    """'zh-hans', 'zh_Hans' or 'zh_hans' -> 'zh_hans' (the field suffix)."""
    suffix = language.strip().replace("-", "_").lower()
    if suffix not in CLDR_LOCALES:
        raise UnknownStateName(
            f"Unknown language {language!r}: expected one of {', '.join(LANGUAGES)}."
        )
    return suffix


@cache
def _cldr_territories(suffix: str) -> dict[str, str]:
    return dict(Locale.parse(CLDR_LOCALES[suffix]).territories)


def cldr_state_name(iso_code: str, language: str) -> str:
    """CLDR's common name of the territory (without the UN's corrections)."""
    code = iso_code.strip().upper()
    name = _cldr_territories(language_suffix(language)).get(code, "")
    if not name or pycountry.countries.get(alpha_2=code) is None:
        raise UnknownStateName(f"No name is known for the ISO code {iso_code!r}.")
    return name


def un_state_name(iso_code: str, language: str) -> str:
    """The UN's short name of the State with this ISO 3166-1 alpha-2 code in a UN
    language: the UN's English name, else the override table, else CLDR's name."""
    code = iso_code.strip().upper()
    suffix = language_suffix(language)
    if suffix == "en" and code in UN_ENGLISH_NAMES:
        return UN_ENGLISH_NAMES[code]
    override = UN_NAME_OVERRIDES.get(code, {}).get(suffix)
    if override:
        return override
    return cldr_state_name(code, suffix)


@dataclass(frozen=True)
class NameChange:
    iso_code: str
    language: str
    old: str
    new: str


@dataclass(frozen=True)
class NameConflict:
    """A name not written because another State of the same kind already has it."""

    iso_code: str
    language: str
    name: str
    held_by: str


@dataclass
class SyncReport:
    changes: list[NameChange]
    kept: list[NameChange]  # staff's names left alone (``new`` is the UN's name)
    conflicts: list[NameConflict]
    unknown_codes: list[str]

    @property
    def organisations_changed(self) -> int:
        return len({change.iso_code for change in self.changes})


def sync_state_names(
    organisation_model, *, overwrite: bool = False, dry_run: bool = False
) -> SyncReport:
    """Fill the States' empty ``name_<language>`` fields with the UN's names.

    A name already written (by staff, in admin) is kept unless ``overwrite``. A name
    that another State of the same kind already holds in that language is never
    written (names are unique per kind and language): it is reported as a conflict.
    With ``dry_run``, nothing is saved; the report says what would change.
    """
    states = list(
        organisation_model.objects.filter(kind__in=STATE_KINDS)
        .exclude(iso_code="")
        .order_by("sort_order", "pk")
    )
    holders: dict[tuple[str, str, str], object] = {}
    for state in states:
        for suffix in LANGUAGES:
            current = (getattr(state, f"name_{suffix}") or "").strip()
            if current:
                holders[(state.kind, suffix, current)] = state
    report = SyncReport(changes=[], kept=[], conflicts=[], unknown_codes=[])
    for state in states:
        updates = {}
        for suffix in LANGUAGES:
            field = f"name_{suffix}"
            current = (getattr(state, field) or "").strip()
            try:
                wanted = un_state_name(state.iso_code, suffix)
            except UnknownStateName:
                if state.iso_code not in report.unknown_codes:
                    report.unknown_codes.append(state.iso_code)
                continue
            if current == wanted:
                continue
            if current and not overwrite:
                report.kept.append(NameChange(state.iso_code, suffix, current, wanted))
                continue
            holder = holders.get((state.kind, suffix, wanted))
            if holder is not None and holder is not state:
                report.conflicts.append(
                    NameConflict(state.iso_code, suffix, wanted, holder.iso_code)
                )
                continue
            holders.pop((state.kind, suffix, current), None)
            holders[(state.kind, suffix, wanted)] = state
            updates[field] = wanted
            report.changes.append(NameChange(state.iso_code, suffix, current, wanted))
        if updates and not dry_run:
            if "name_en" in updates:
                # The untranslated column follows English, the default language.
                updates["name"] = updates["name_en"]
            rows = organisation_model.objects.filter(pk=state.pk)
            if hasattr(rows, "rewrite"):
                # modeltranslation's manager would rewrite "name" to the active language.
                rows = rows.rewrite(False)
            rows.update(**updates)
            for field, value in updates.items():
                setattr(state, field, value)
    return report
