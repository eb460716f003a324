"""Sanity checks for the static UN Member/observer States data."""

import pycountry

from events.data.un_states import MEMBER_STATES, OBSERVER_STATES

ALL_STATES = MEMBER_STATES + OBSERVER_STATES


def _order_of(name: str) -> int:
    return next(order for order, n, _a2, _a3 in ALL_STATES if n == name)


def test_counts():
    assert len(MEMBER_STATES) == 193
    assert len(OBSERVER_STATES) == 2


def test_sort_orders_contiguous():
    assert [row[0] for row in MEMBER_STATES] == list(range(1, 194))
    assert [row[0] for row in OBSERVER_STATES] == [194, 195]


def test_names_and_codes_unique():
    for index in (1, 2, 3):
        values = [row[index] for row in ALL_STATES]
        assert len(values) == len(set(values)), index


def test_row_shapes():
    for order, name, alpha2, alpha3 in ALL_STATES:
        assert isinstance(order, int)
        assert name == name.strip() and name
        assert "\u2019" not in name  # UN list uses ASCII apostrophes
        assert len(alpha2) == 2 and alpha2.isupper()
        assert len(alpha3) == 3 and alpha3.isupper()


def test_codes_match_pycountry():
    for _order, name, alpha2, alpha3 in ALL_STATES:
        by_a2 = pycountry.countries.get(alpha_2=alpha2)
        by_a3 = pycountry.countries.get(alpha_3=alpha3)
        assert by_a2 is not None, name
        assert by_a3 is not None, name
        assert by_a2.alpha_3 == alpha3, name
        assert by_a3.alpha_2 == alpha2, name


def test_spot_check_names():
    names = {row[1] for row in ALL_STATES}
    for expected in (
        "Türkiye",
        "Côte d'Ivoire",
        "Democratic People's Republic of Korea",
        "Bolivia (Plurinational State of)",
        "United Kingdom of Great Britain and Northern Ireland",
        "Netherlands (Kingdom of the)",
        "Viet Nam",
        "Holy See",
        "State of Palestine",
    ):
        assert expected in names
    codes = {row[1]: (row[2], row[3]) for row in ALL_STATES}
    assert codes["Türkiye"] == ("TR", "TUR")
    assert codes["Congo"] == ("CG", "COG")
    assert codes["Democratic Republic of the Congo"] == ("CD", "COD")
    assert codes["Republic of Korea"] == ("KR", "KOR")
    assert codes["Democratic People's Republic of Korea"] == ("KP", "PRK")


def test_un_order_neighbours():
    assert _order_of("Costa Rica") < _order_of("Côte d'Ivoire") < _order_of("Croatia")
    assert _order_of("Tunisia") < _order_of("Türkiye") < _order_of("Turkmenistan")
    assert (
        _order_of("Czechia")
        < _order_of("Democratic People's Republic of Korea")
        < _order_of("Democratic Republic of the Congo")
        < _order_of("Denmark")
    )
    assert _order_of("Qatar") < _order_of("Republic of Korea") < _order_of("Romania")
    assert MEMBER_STATES[0][1] == "Afghanistan"
    assert MEMBER_STATES[-1][1] == "Zimbabwe"
