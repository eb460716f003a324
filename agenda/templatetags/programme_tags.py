"""Filters for programme times: shown as wall-clock time in the event's zone.

Django's ``date`` and ``time`` filters would first convert an aware datetime to the
site's time zone (UTC); these never convert, so 19:30 in New York stays 19:30.
"""

import datetime

from django import template

register = template.Library()


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
