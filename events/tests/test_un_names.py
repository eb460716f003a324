"""The 195 States named in the six UN languages: the UN's names over CLDR's, the data
migration and `manage.py sync_organisation_names`, which never undo a staff correction
unless told to."""

import importlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command

from events.data.state_names import (
    LANGUAGES,
    UnknownStateName,
    cldr_state_name,
    language_suffix,
    sync_state_names,
    un_state_name,
)
from events.data.un_names import SAME_AS_ENGLISH, UN_NAME_OVERRIDES
from events.data.un_states import MEMBER_STATES, OBSERVER_STATES
from events.models import Organisation

from .factories import cted_staff_user

STATES = [(alpha2, name) for _order, name, alpha2, _a3 in MEMBER_STATES + OBSERVER_STATES]
CODES = [alpha2 for alpha2, _name in STATES]
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]
KINDS = {
    **{row[2]: "member_state" for row in MEMBER_STATES},
    **{row[2]: "observer_state" for row in OBSERVER_STATES},
}

MIGRATION = importlib.import_module("events.migrations.0005_un_state_names_in_six_languages")


def _sync(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("sync_organisation_names", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


# --- The names -----------------------------------------------------------------------


def test_every_state_has_a_name_in_every_language():
    for code in CODES:
        for language in LANGUAGES:
            name = un_state_name(code, language)
            assert name and name == name.strip(), (code, language)


def test_english_is_the_uns_english_name():
    assert [un_state_name(code, "en") for code in CODES] == [name for _c, name in STATES]


def test_no_two_states_of_a_kind_share_a_name_in_a_language():
    """Organisation names are unique per kind and language in the database too."""
    for language in LANGUAGES:
        for kind in ("member_state", "observer_state"):
            names = [un_state_name(c, language) for c in CODES if KINDS[c] == kind]
            assert len(names) == len(set(names)), (language, kind)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "PS",
            {
                "ar": "دولة فلسطين",
                "zh_hans": "巴勒斯坦国",
                "fr": "État de Palestine",
                "ru": "Государство Палестина",
                "es": "Estado de Palestina",
            },
        ),
        (
            "VA",
            {
                "ar": "الكرسي الرسولي",
                "zh_hans": "罗马教廷",
                "fr": "Saint-Siège",
                "ru": "Святой Престол",
                "es": "Santa Sede",
            },
        ),
        (
            "BO",
            {
                "ar": "بوليفيا (دولة - المتعددة القوميات)",
                "zh_hans": "多民族玻利维亚国",
                "fr": "Bolivie (État plurinational de)",
                "ru": "Боливия (Многонациональное Государство)",
                "es": "Bolivia (Estado Plurinacional de)",
            },
        ),
        (
            "KP",
            {
                "ar": "جمهورية كوريا الشعبية الديمقراطية",
                "zh_hans": "朝鲜民主主义人民共和国",
                "fr": "République populaire démocratique de Corée",
                "ru": "Корейская Народно-Демократическая Республика",
                "es": "República Popular Democrática de Corea",
            },
        ),
        (
            "GB",
            {
                "ar": "المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية",
                "zh_hans": "大不列颠及北爱尔兰联合王国",
                "fr": "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
                "ru": "Соединенное Королевство Великобритании и Северной Ирландии",
                "es": "Reino Unido de Gran Bretaña e Irlanda del Norte",
            },
        ),
        (
            "NL",
            {
                "fr": "Pays-Bas (Royaume des)",
                "ru": "Нидерланды (Королевство)",
                "es": "Países Bajos (Reino de los)",
            },
        ),
        ("TR", {"fr": "Türkiye", "es": "Türkiye", "ru": "Турция"}),
        ("CV", {"fr": "Cabo Verde", "ar": "كابو فيردي"}),
        ("CD", {"fr": "République démocratique du Congo", "zh_hans": "刚果民主共和国"}),
        ("VN", {"fr": "Viet Nam", "es": "Viet Nam", "ar": "فييت نام"}),
    ],
)
def test_the_uns_names_not_cldrs(code, expected):
    for language, name in expected.items():
        assert un_state_name(code, language) == name, language
    assert any(un_state_name(code, lang) != cldr_state_name(code, lang) for lang in expected)


def test_a_state_without_an_override_gets_cldrs_name():
    assert "NO" not in UN_NAME_OVERRIDES
    assert [un_state_name("NO", lang) for lang in OTHER_LANGUAGES] == [
        "النرويج",
        "挪威",
        "Norvège",
        "Норвегия",
        "Noruega",
    ]


def test_every_override_is_for_a_state_and_differs_from_cldr():
    """The table lists only the UN's corrections: an entry equal to CLDR's name is dead."""
    for code, names in UN_NAME_OVERRIDES.items():
        assert code in CODES, code
        assert names, code
        for language, name in names.items():
            assert language in OTHER_LANGUAGES, (code, language)
            assert name == name.strip() and name, (code, language)
            assert name != cldr_state_name(code, language), (code, language)


def test_no_name_is_left_identical_to_english_unless_listed_with_a_reason():
    for language in OTHER_LANGUAGES:
        reason, listed = SAME_AS_ENGLISH.get(language, ("", ""))
        listed_codes = listed.split()
        identical = [c for c, english in STATES if un_state_name(c, language) == english]
        assert identical == [c for c in CODES if c in listed_codes], language
        assert sorted(listed_codes) == sorted(set(listed_codes)), language
        assert not listed_codes or reason.strip(), language
    # Scripts other than Latin never match English.
    assert set(SAME_AS_ENGLISH) == {"fr", "es"}


@pytest.mark.parametrize("language", ["zh-hans", "zh_Hans", "ZH-HANS", "zh_hans"])
def test_language_codes_in_any_spelling(language):
    assert language_suffix(language) == "zh_hans"
    assert un_state_name("cn", language) == "中国"


def test_unknown_language_or_code_is_refused_clearly():
    with pytest.raises(UnknownStateName, match="Unknown language 'de'"):
        un_state_name("KE", "de")
    for code in ("ZZ", "EU", "K"):
        with pytest.raises(UnknownStateName, match=f"No name is known for the ISO code '{code}'"):
            un_state_name(code, "fr")


# --- In the database -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_migration_named_every_state_in_every_language():
    states = Organisation.objects.filter(kind__in=Organisation.STATE_KINDS)

    assert states.count() == 195
    for state in states:
        for language in LANGUAGES:
            assert getattr(state, f"name_{language}") == un_state_name(state.iso_code, language)


@pytest.fixture
def staff_corrected():
    """Kenya's French name corrected by staff, its Russian name emptied, Chad's cleared."""
    Organisation.objects.filter(iso_code="KE").update(name_fr="Kenya (corrigé)", name_ru="")
    Organisation.objects.filter(iso_code="TD").update(name_ar=None, name_es="")


@pytest.mark.django_db
def test_the_migration_fills_empty_names_and_keeps_staffs(staff_corrected):
    MIGRATION.fill_state_names(apps, None)

    kenya = Organisation.objects.get(iso_code="KE")
    chad = Organisation.objects.get(iso_code="TD")
    assert (kenya.name_fr, kenya.name_ru) == ("Kenya (corrigé)", "Кения")
    assert (chad.name_ar, chad.name_es) == ("تشاد", "Chad")


@pytest.mark.django_db
def test_command_fills_only_empty_names_and_prints_them(staff_corrected):
    out, err = _sync()

    assert "KE  ru      '' -> 'Кения'" in out
    assert "TD  ar      '' -> 'تشاد'" in out
    assert "TD  es      '' -> 'Chad'" in out
    assert "3 names changed in 2 organisations." in out
    assert "KE  fr      'Kenya (corrigé)' (UN: 'Kenya')" in out
    assert err == ""
    assert Organisation.objects.get(iso_code="KE").name_fr == "Kenya (corrigé)"
    assert Organisation.objects.get(iso_code="TD").name_ar == "تشاد"


@pytest.mark.django_db
def test_command_twice_changes_nothing_the_second_time(staff_corrected):
    _sync()

    out, _err = _sync()

    assert "0 names changed in 0 organisations." in out


@pytest.mark.django_db
def test_command_overwrite_reapplies_the_uns_names(staff_corrected):
    out, _err = _sync("--overwrite")

    assert "KE  fr      'Kenya (corrigé)' -> 'Kenya'" in out
    assert "4 names changed in 2 organisations." in out
    assert Organisation.objects.get(iso_code="KE").name_fr == "Kenya"


@pytest.mark.django_db
def test_command_dry_run_saves_nothing(staff_corrected):
    out, _err = _sync("--overwrite", "--dry-run")

    assert "4 names would change in 2 organisations." in out
    kenya = Organisation.objects.get(iso_code="KE")
    assert (kenya.name_fr, kenya.name_ru) == ("Kenya (corrigé)", "")


@pytest.mark.django_db
def test_command_never_gives_two_states_the_same_name():
    """Staff named Chad "Kenya" in Spanish and emptied Kenya's: Kenya's stays empty."""
    Organisation.objects.filter(iso_code="KE").update(name_es="")
    Organisation.objects.filter(iso_code="TD").update(name_es="Kenya")

    out, err = _sync()

    assert "KE  es      not changed: 'Kenya' is already the name of TD." in err
    assert "0 names changed" in out
    assert Organisation.objects.get(iso_code="KE").name_es == ""


@pytest.mark.django_db
def test_sync_keeps_the_untranslated_column_on_english():
    Organisation.objects.filter(iso_code="PS").update(name_en="", name="")

    report = sync_state_names(Organisation)

    assert [(c.iso_code, c.language, c.new) for c in report.changes] == [
        ("PS", "en", "State of Palestine")
    ]
    row = Organisation.objects.filter(iso_code="PS").values("name", "name_en").get()
    assert row == {"name": "State of Palestine", "name_en": "State of Palestine"}


@pytest.mark.django_db
def test_staff_edit_every_language_of_a_states_name_in_admin(client):
    client.force_login(cted_staff_user(email="cted.staff@example.org"))
    kenya = Organisation.objects.get(iso_code="KE")

    html = client.get(f"/admin/events/organisation/{kenya.pk}/change/").content.decode()

    for language in LANGUAGES:
        assert f'name="name_{language}"' in html, language
    assert 'value="Кения"' in html
