"""Dates as UN documents write them, in the six languages (events.dates), on the
website as in the PDFs."""

import datetime

import pytest

from events import dates


@pytest.mark.parametrize(
    ("language", "document_date", "long_date"),
    [
        ("ar", "1 كانون الأول/ديسمبر 2016", "الخميس، 1 كانون الأول/ديسمبر 2016"),
        ("zh-hans", "2016年12月1日", "2016年12月1日星期四"),
        ("en", "1 December 2016", "Thursday, 1 December 2016"),
        ("fr", "1er décembre 2016", "jeudi 1er décembre 2016"),
        ("ru", "1 декабря 2016 г.", "Четверг, 1 декабря 2016 г."),
        ("es", "1 de diciembre de 2016", "jueves 1 de diciembre de 2016"),
    ],
)
def test_document_dates_in_each_language(language, document_date, long_date):
    day = datetime.date(2016, 12, 1)
    assert dates.document_date(day, language) == document_date
    assert dates.long_date(day, language) == long_date


@pytest.mark.parametrize(
    ("language", "start", "end", "span"),
    [
        ("en", (2016, 11, 30), (2016, 12, 1), "30 November – 1 December 2016"),
        ("fr", (2016, 11, 30), (2016, 12, 1), "30 novembre – 1er décembre 2016"),
        ("fr", (2016, 12, 1), (2016, 12, 3), "1er–3 décembre 2016"),
        ("es", (2016, 11, 30), (2016, 12, 1), "30 de noviembre – 1 de diciembre de 2016"),
        ("ru", (2016, 12, 1), (2016, 12, 3), "1–3 декабря 2016 г."),
        ("ar", (2016, 11, 30), (2016, 12, 1),
         "30 تشرين الثاني/نوفمبر – 1 كانون الأول/ديسمبر 2016"),
        ("zh-hans", (2016, 11, 30), (2016, 12, 1), "2016年11月30日至12月1日"),
        ("zh-hans", (2016, 12, 31), (2017, 1, 1), "2016年12月31日至2017年1月1日"),
        ("en", (2016, 12, 31), (2017, 1, 1), "31 December 2016 – 1 January 2017"),
        ("en", (2016, 12, 1), (2016, 12, 1), "1 December 2016"),
    ],
)  # fmt: skip
def test_meeting_dates_in_each_language(language, start, end, span):
    assert dates.date_span(datetime.date(*start), datetime.date(*end), language) == span


@pytest.mark.parametrize(
    ("language", "weekday_and_day", "date_and_time"),
    [
        ("en", "Wednesday, 30 November", "30 November 2016, 18:05"),
        ("fr", "mercredi 30 novembre", "30 novembre 2016, 18:05"),
        ("es", "miércoles 30 de noviembre", "30 de noviembre de 2016, 18:05"),
        ("ru", "Среда, 30 ноября", "30 ноября 2016 г., 18:05"),
        ("ar", "الأربعاء، 30 تشرين الثاني/نوفمبر", "30 تشرين الثاني/نوفمبر 2016، 18:05"),
        ("zh-hans", "11月30日星期三", "2016年11月30日，18:05"),
    ],
)
def test_weekday_without_the_year_and_date_with_time(language, weekday_and_day, date_and_time):
    when = datetime.datetime(2016, 11, 30, 18, 5)
    assert dates.long_date(when.date(), language, year=False) == weekday_and_day
    assert dates.date_and_time(when, language) == date_and_time
