"""Filters for programme times: shown as wall-clock time in the event's zone.

Django's ``date`` and ``time`` filters would first convert an aware datetime to the
site's time zone (UTC); these never convert, so 19:30 in New York stays 19:30.
"""

import datetime

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from events.links import url_with_id
from events.markdown import render_markdown
from events.templatetags.site import (
    comma,
    date_and_time,
    day_and_month,
    document_date,
    event_dates,
    long_date,
    weekday_and_day,
    zone_name,
)
from events.templatetags.site import escape_text as _e

register = template.Library()


def _avatar(person, size: str, alt: str = "") -> str:
    if person.photo_url:
        return (
            f'<img class="avatar {_e(size)}" src="{_e(person.photo_url)}" alt="{_e(alt)}" '
            f'width="{_e(person.photo_width)}" height="{_e(person.photo_height)}" loading="lazy">'
        )
    return (
        f'<span class="avatar avatar-initials {_e(size)}" aria-hidden="true">'
        f"{_e(person.initials)}</span>"
    )


@register.simple_tag
def avatar(person, size: str, alt: str = ""):
    """A person's photo, or their initials; decorative where the name is next to it.
    A tag rather than an include: lists of panellists show hundreds of them."""
    return mark_safe(_avatar(person, size, alt))  # noqa: S308 - every value escaped


@register.simple_tag
def roles(groups, slug: str, link: bool = True):
    """The people of a session or item by role: 'Panellists: [photo] Ms. A B, State'.
    A tag rather than an include: the programme lists a hundred people or more, and
    its values are escaped here as Django's ``escape`` does (``html.escape``)."""
    if not groups:
        return ""
    parts = ['<dl class="roles">']
    for group in groups:
        role, label = _e(group.role), _e(group.label)
        parts.append(f'<div class="role-group role-{role}"><dt>{label}</dt><dd>')
        for person in group.people:
            affiliation = person.organisation or person.position
            chip = (
                f'{_avatar(person, "avatar-sm")}<span class="person-chip-text">'
                f'<span class="person-chip-name">{_e(person.name)}</span>'
                + (
                    f'<span class="person-chip-affiliation">{_e(affiliation)}</span>'
                    if affiliation
                    else ""
                )
                + "</span>"
            )
            if link:
                url = url_with_id("agenda:person", slug, pk=person.id)
                parts.append(f'<a class="person-chip" href="{_e(url)}">{chip}</a>')
            else:
                parts.append(f'<span class="person-chip">{chip}</span>')
        parts.append("</dd></div>")
    parts.append("</dl>")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


@register.simple_tag(takes_context=True)
def agenda_item(context, item):
    """An agenda item of the programme: number, title, time, annotation and people.
    A tag rather than template markup: the programme shows fifty items or more, each of
    them a dozen template nodes."""
    number = _e(item.number)
    hidden = _e(gettext("Item %(number)s:") % {"number": item.number})
    parts = [
        f'<li class="agenda-item" id="item-{_e(item.id)}">\n'
        f'        <span class="item-number" aria-hidden="true">{number}.</span>\n'
        f'        <div class="item-body">\n'
        f'          <p class="item-title"><span class="visually-hidden">{hidden} </span>'
        f"{_e(item.title)}</p>\n"
    ]
    if item.start:
        parts.append(
            f'          <p class="item-time"><time datetime="{utc_iso(item.start)}">'
            f'{wall_time(item.start)}</time>–<time datetime="{utc_iso(item.end)}">'
            f"{wall_time(item.end)}</time></p>\n"
        )
    if item.annotation:
        direction = ' dir="auto"' if context.get("LANGUAGE_BIDI") else ""
        parts.append(
            f'          <div class="annotation prose"{direction}>'
            f"{render_markdown(item.annotation)}</div>\n"
        )
    parts.append(
        "          "
        + roles(item.role_groups, context["event"].slug, context.get("link_people"))
        + "\n        </div>\n      </li>"
    )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


@register.filter
def person_url(person_id, slug: str) -> str:
    """The public page of a person of the programme: ``{{ person.id|person_url:slug }}``."""
    return url_with_id("agenda:person", slug, pk=person_id)


@register.filter
def session_url(session_id, slug: str) -> str:
    """The public page of a session: ``{{ session.id|session_url:slug }}``."""
    return url_with_id("agenda:session", slug, pk=session_id)


@register.filter(expects_localtime=False)
def wall_time(value: datetime.datetime | None) -> str:
    """'19:30': the time as it is in the value's own zone."""
    return value.strftime("%H:%M") if value else ""


@register.filter(expects_localtime=False)
def utc_iso(value: datetime.datetime | None) -> str:
    """'2016-12-01T00:30:00Z': for <time datetime=...>, unambiguous."""
    if not value:
        return ""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# One definition of dates, of a time zone's name and of the comma, shared with the events
# app's templates (events.dates).
for _filter in (document_date, long_date, weekday_and_day, day_and_month, date_and_time):
    register.filter(_filter.__name__, _filter, expects_localtime=True)
register.filter("zone_name", zone_name)
register.simple_tag(comma, name="comma")
register.simple_tag(event_dates, name="event_dates")


# Punctuation of the active language, so that a document in Arabic or Chinese is not
# punctuated in English (and French has its space before a colon).
COLONS = {"zh-hans": "：", "fr": "\u00a0:"}


@register.simple_tag
def colon() -> str:

    return COLONS.get(get_language() or "", ":")


@register.filter
def person_line(person) -> str:
    """'H.E. Ms. A B, Position, Organisation', punctuated in the active language."""
    from django.utils.html import conditional_escape, format_html
    from django.utils.safestring import mark_safe

    parts = [p for p in (person.position, person.organisation) if p]
    name = format_html('<span class="person-name">{}</span>', person.name)
    if not parts:
        return name
    separator = comma()
    rest = separator.join(conditional_escape(p) for p in parts)
    return mark_safe(f"{name}{separator}{rest}")  # noqa: S308 - every part escaped above


# How UN documents number their chapters and sections in each language.
ARABIC_ORDINALS = ["أولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا", "سابعا", "ثامنا",
                   "تاسعا", "عاشرا"]  # fmt: skip
ARABIC_LETTERS = ["ألف", "باء", "جيم", "دال", "هاء", "واو", "زاي", "حاء", "طاء", "ياء",
                  "كاف", "لام", "ميم", "نون", "سين", "عين", "فاء", "صاد", "قاف", "راء"]  # fmt: skip
CHINESE_NUMERALS = "一二三四五六七八九十"
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@register.simple_tag
def chapter_number(n: int) -> str:
    """'I.' — 'أولا -' in Arabic, '一.' in Chinese."""

    language = get_language() or "en"
    if language == "ar" and n <= len(ARABIC_ORDINALS):
        return f"{ARABIC_ORDINALS[n - 1]} - "
    if language == "zh-hans" and n <= len(CHINESE_NUMERALS):
        return f"{CHINESE_NUMERALS[n - 1]}. "
    return f"{ROMAN[n - 1] if n <= len(ROMAN) else n}. "


@register.simple_tag
def section_letter(n: int) -> str:
    """'A.' — 'ألف -' in Arabic."""

    if (get_language() or "") == "ar" and n <= len(ARABIC_LETTERS):
        return f"{ARABIC_LETTERS[n - 1]} - "
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return f"{letters[n - 1] if n <= len(letters) else n}. "
