import html

from django import template
from django.utils import timezone
from django.utils.translation import get_language, to_locale

from events import dates
from events.markdown import render_markdown

register = template.Library()


def _language() -> str:
    return get_language() or "en"


def escape_text(value) -> str:
    """What Django's ``escape`` returns (``html.escape`` of the text), without its
    lazy-string wrapper: for tags that build hundreds of fragments of a page."""
    return html.escape(str(value))


@register.simple_tag
def comma() -> str:
    """The comma of the active language: "، " in Arabic, "，" in Chinese, else ", "."""
    return dates.COMMAS.get(_language(), ", ")


@register.filter
def fallback_lang(obj, field: str) -> str:
    """' lang="en"' on an element whose translatable ``field`` of ``obj`` is shown in
    English because it is not written in the page's language (modeltranslation's
    fallback), so that screen readers and fonts treat that text as English."""
    from django.conf import settings
    from django.utils.safestring import mark_safe
    from modeltranslation.utils import build_localized_fieldname

    language = get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return ""
    try:
        written = getattr(obj, build_localized_fieldname(field, language))
    except AttributeError:
        return ""
    return "" if written else mark_safe(f' lang="{settings.LANGUAGE_CODE}"')  # noqa: S308


@register.simple_tag
def select_options(choices, selected):
    """The ``<option>``s of a filter from ``choices`` (objects with ``value`` and
    ``label``), the one equal to ``selected`` marked. A tag, not a loop in the template:
    the statements filter lists 300 delegations, and a loop made 1,500 template nodes of
    them."""
    from django.utils.safestring import mark_safe

    selected = "" if selected is None else str(selected)
    options = []
    for choice in choices:
        value = str(choice.value)
        mark = " selected" if value == selected else ""
        label = escape_text(choice.label)
        options.append(f'<option value="{escape_text(value)}"{mark}>{label}</option>')
    return mark_safe("".join(options))  # noqa: S308 - every value and label escaped above


@register.filter
def markdown(text):
    """Staff-written markdown, sanitised."""
    return render_markdown(text)


@register.simple_tag
def event_dates(event):
    """The event's dates in the active language: '30 November – 1 December 2016',
    '30 novembre – 1er décembre 2016', '2016年11月30日至12月1日' (events.dates)."""
    return dates.date_span(event.start_date, event.end_date, _language())


@register.filter
def zone_name(value: str) -> str:
    """The time zone's name in the active language, from CLDR, then its identifier:
    "Eastern Time, America/New_York", "التوقيت الشرقي لأمريكا الشمالية، America/New_York".
    An unknown zone shows as it is."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_timezone, get_timezone_name

    if not value:
        return ""
    language = _language()
    try:
        name = get_timezone_name(
            get_timezone(value), "long", locale=Locale.parse(to_locale(language))
        )
    except (LookupError, ValueError, UnknownLocaleError):
        return value
    return f"{name}{dates.COMMAS.get(language, ', ')}{value}"


@register.simple_tag
def in_event_zone(value, event):
    """A datetime in the event's time zone, with the zone's name and UTC offset, punctuated
    in the active language: '28 November 2016, 18:00 (Eastern Time, America/New_York,
    UTC−05:00)', '2016年11月28日，18:00 (北美东部时间，America/New_York，UTC−05:00)'."""
    if value is None:
        return ""
    local = timezone.localtime(value, event.tzinfo)
    offset = local.strftime("%z")
    sign = "−" if offset.startswith("-") else "+"  # a real minus sign, as the programme's
    separator = comma()
    zone = zone_name(event.time_zone)
    when = dates.date_and_time(local, _language())
    return f"{when} ({zone}{separator}UTC{sign}{offset[1:3]}:{offset[3:]})"


# Dates as UN documents write them (events.dates). A datetime is read in the current
# time zone, or in the one the ``timezone`` filter gave it.


@register.filter(expects_localtime=True)
def document_date(value):
    """'14 November 2016', '1er décembre 2016', '14 تشرين الثاني/نوفمبر 2016'."""
    return dates.document_date(value, _language()) if value else ""


@register.filter(expects_localtime=True)
def long_date(value):
    """The date with its weekday: 'Wednesday, 30 November 2016', 'mercredi 30 novembre
    2016', '2016年11月30日星期三'."""
    return dates.long_date(value, _language()) if value else ""


@register.filter(expects_localtime=True)
def weekday_and_day(value):
    """The date with its weekday but not the year: 'Wednesday, 30 November',
    'mercredi 30 novembre', '11月30日星期三'."""
    return dates.long_date(value, _language(), year=False) if value else ""


@register.filter(expects_localtime=True)
def day_and_month(value):
    """'30 November', '1er décembre', '12月1日'."""
    return dates.day_and_month(value, _language()) if value else ""


@register.filter(expects_localtime=True)
def date_and_time(value):
    """'28 November 2016, 18:00', '2016年11月28日，18:00'."""
    return dates.date_and_time(value, _language()) if value else ""
