"""Switching language on any page keeps you on the same page, in the new language.

Every public page of the demo event and every page a signed-in delegate sees is opened
in each of the six languages; each link of its language switcher must lead to the same
view with the same arguments, answer 200, and be in the language it names.
"""

from __future__ import annotations

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import resolve, reverse
from django.utils import translation

from events.models import Event
from events.tests.test_pagecache import public_urls
from statements.models import Statement

LANGUAGES = [code for code, _name in settings.LANGUAGES]
HTML_LANG = re.compile(rb'<html[^>]* lang="([^"]+)"')


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    return Event.objects.get(slug="ict-2016")


def _switcher(response) -> dict[str, str]:
    return {link["code"]: link["url"] for link in response.context["language_links"]}


def _check_page(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, url
    here = resolve(url.split("?")[0])
    links = _switcher(response)
    assert sorted(links) == sorted(LANGUAGES), url
    for code, target in links.items():
        switched = client.get(target)
        assert switched.status_code == 200, (url, code, target)
        there = resolve(target.split("?")[0])
        assert (there.view_name, there.kwargs) == (here.view_name, here.kwargs), (url, target)
        assert target.partition("?")[2] == url.partition("?")[2], "the query string is kept"
        assert HTML_LANG.search(switched.content).group(1).decode() == code, target


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_switches_to_the_same_page(client, demo, language):
    with translation.override(language):
        urls = [u for u in public_urls(demo) if not u.endswith((".ics", ".json", "/feed/"))]
    assert len(urls) >= 13
    for url in urls:
        _check_page(client, url)


@pytest.mark.parametrize("language", ["ar", "en", "zh-hans"])
def test_every_delegate_page_switches_to_the_same_page(client, demo, language):
    statement = Statement.objects.filter(event=demo).select_related("delegation").first()
    member = statement.delegation.memberships.filter(status="approved").first().user
    client.force_login(member)
    with translation.override(language):
        urls = [
            reverse("delegates:home"),
            reverse("delegates:join"),
            reverse("delegates:submit", args=[statement.delegation_id]),
            reverse("delegates:statement", args=[statement.pk]),
            reverse("account_email"),
            reverse("account_change_password"),
        ]
    for url in urls:
        _check_page(client, url)
