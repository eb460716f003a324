"""Dates as UN documents write them, in each of the six languages: '30 November
2016', '1er décembre 2016', '1 de diciembre de 2016', '1 декабря 2016 г.',
'2016年12月1日', '1 كانون الأول/ديسمبر 2016'.

One definition for the website and the PDFs alike (Django's own formats capitalise
French months, leave the Spanish "de" and the Russian "г." out and write Chinese dates
as "1 十二月 2016").
"""

import datetime

from django.utils import translation
from django.utils.dateformat import format as date_format

# UN Arabic documents name each month twice, as in the Levant and as in Egypt.
UN_ARABIC_MONTHS = [
    "كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
    "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر",
]  # fmt: skip
# The comma of each language ("، " in Arabic, "，" in Chinese), and the one after a
# weekday: none in French and Spanish ("jeudi 1er décembre 2016").
COMMAS = {"ar": "، ", "zh-hans": "，"}
WEEKDAY_COMMAS = {"ar": "، ", "en": ", ", "ru": ", "}


def _day(value: datetime.date, language: str) -> str:
    """The day of the month: '1er' for the first in French."""
    return "1er" if language == "fr" and value.day == 1 else str(value.day)


def day_and_month(value: datetime.date, language: str) -> str:
    """'30 November', '1er décembre', '1 de diciembre', '1 декабря',
    '1 كانون الأول/ديسمبر' (Chinese: '12月1日')."""
    if language == "zh-hans":
        return f"{value.month}月{value.day}日"
    day = _day(value, language)
    if language == "ar":
        return f"{day} {UN_ARABIC_MONTHS[value.month - 1]}"
    with translation.override(language):
        # Russian months in the genitive ('E'); Django's French 'E' is capitalised.
        month = date_format(value, "E" if language == "ru" else "F")
    return f"{day} de {month}" if language == "es" else f"{day} {month}"


def document_date(value: datetime.date, language: str) -> str:
    """'14 November 2016', '1er décembre 2016', '14 de noviembre de 2016',
    '14 ноября 2016 г.', '2016年11月14日', '14 تشرين الثاني/نوفمبر 2016'."""
    if language == "zh-hans":
        return f"{value.year}年{day_and_month(value, language)}"
    year = {"es": f"de {value.year}", "ru": f"{value.year} г."}.get(language, str(value.year))
    return f"{day_and_month(value, language)} {year}"


def long_date(value: datetime.date, language: str, *, year: bool = True) -> str:
    """The date with its weekday, as a day's heading: 'Wednesday, 30 November 2016',
    'mercredi 30 novembre 2016', '2016年11月30日星期三', 'الأربعاء، 30 تشرين الثاني/نوفمبر 2016';
    without the year: 'Wednesday, 30 November', '11月30日星期三'."""
    with translation.override(language):
        weekday = date_format(value, "l")
    date = document_date(value, language) if year else day_and_month(value, language)
    if language == "zh-hans":
        return f"{date}{weekday}"
    return f"{weekday}{WEEKDAY_COMMAS.get(language, ' ')}{date}"


def date_span(start: datetime.date, end: datetime.date, language: str) -> str:
    """'30 November – 1 December 2016', '30 novembre – 1er décembre 2016',
    '2016年11月30日至12月1日'; one day: its date."""
    if start == end:
        return document_date(start, language)
    if language == "zh-hans":
        if start.year == end.year:
            return f"{document_date(start, language)}至{day_and_month(end, language)}"
        return f"{document_date(start, language)}至{document_date(end, language)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{_day(start, language)}–{document_date(end, language)}"
    first = (
        day_and_month(start, language) if start.year == end.year else document_date(start, language)
    )
    return f"{first} – {document_date(end, language)}"


def date_and_time(value: datetime.datetime, language: str) -> str:
    """'28 November 2016, 18:00', '28 novembre 2016, 18:00', '2016年11月28日，18:00',
    '28 تشرين الثاني/نوفمبر 2016، 18:00': the time as the value has it (convert it to
    the zone it is to be read in first)."""
    return f"{document_date(value, language)}{COMMAS.get(language, ', ')}{value:%H:%M}"
