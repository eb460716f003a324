import html

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, to_locale

from events.markdown import render_markdown

register = template.Library()


def escape_text(value) -> str:
    """What Django's ``escape`` returns (``html.escape`` of the text), without its
    lazy-string wrapper: for tags that build hundreds of fragments of a page."""
    return html.escape(str(value))


@register.simple_tag
def comma() -> str:
    """The comma of the active language: "، " in Arabic, "，" in Chinese, else ", "."""
    return COMMAS.get(get_language() or "", ", ")


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
    """'30 November – 1 December 2016', localised."""
    start, end = event.start_date, event.end_date
    if start == end:
        return date_format(start, "j E Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j E Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j E')} – {date_format(end, 'j E Y')}"
    return f"{date_format(start, 'j E Y')} – {date_format(end, 'j E Y')}"


# Punctuation of the active language (Arabic and Chinese commas).
COMMAS = {"ar": "، ", "zh-hans": "，"}


@register.filter
def zone_name(value: str) -> str:
    """The time zone's name in the active language, from CLDR, then its identifier:
    "Eastern Time, America/New_York", "التوقيت الشرقي لأمريكا الشمالية، America/New_York".
    An unknown zone shows as it is."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_timezone, get_timezone_name

    if not value:
        return ""
    language = get_language() or "en"
    try:
        name = get_timezone_name(
            get_timezone(value), "long", locale=Locale.parse(to_locale(language))
        )
    except (LookupError, ValueError, UnknownLocaleError):
        return value
    return f"{name}{COMMAS.get(language, ', ')}{value}"


@register.simple_tag
def in_event_zone(value, event, fmt="j E Y, H:i"):
    """A datetime in the event's time zone, with the zone's name and UTC offset, punctuated
    in the active language: '28 November 2016, 18:00 (Eastern Time, America/New_York,
    UTC−05:00)'."""
    if value is None:
        return ""
    local = timezone.localtime(value, event.tzinfo)
    offset = local.strftime("%z")
    sign = "−" if offset.startswith("-") else "+"  # a real minus sign, as the programme's
    separator = comma()
    zone = zone_name(event.time_zone)
    when = date_format(local, fmt.replace(", ", separator))
    return f"{when} ({zone}{separator}UTC{sign}{offset[1:3]}:{offset[3:]})"


@register.filter(expects_localtime=False)
def document_date(value):
    """A document's date in the active language, in the UN's style ('14 November 2016',
    '1er décembre 2016', '14 تشرين الثاني/نوفمبر 2016'): events.pdf.document_date."""
    if not value:
        return ""
    from events import pdf

    return pdf.document_date(value, get_language() or "en")
